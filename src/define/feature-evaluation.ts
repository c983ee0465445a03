/** The evaluation feature chunk: the rating after a closed conversation. */
import { renderEvaluationKind, VardEvaluation } from '../components/messages/evaluation.js';
import { registerKindRenderers } from '../components/messages/kinds.js';
import { defineElement } from './define-element.js';
import { loadFeatureTexts } from '../i18n/load.js';

/**
 * The elements are defined once the features' words are here (downloaded beside this module by
 * `loadFeature`, which waits for this): no element ever shows a key. Defined anyway if the words
 * fail to come, so the feature still works (`loadFeature` then fails and is tried again).
 */
export const ready = loadFeatureTexts().then(define, define);

function define(): void {
  defineElement('vard-evaluation', VardEvaluation);
  registerKindRenderers({ evaluation: renderEvaluationKind });
}

declare global {
  interface HTMLElementTagNameMap {
    'vard-evaluation': VardEvaluation;
  }
}
