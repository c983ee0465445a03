/** The evaluation feature chunk: the rating after a closed conversation. */
import { renderEvaluationKind, VardEvaluation } from '../components/messages/evaluation.js';
import { registerKindRenderers } from '../components/messages/kinds.js';
import { defineElement } from './define-element.js';

defineElement('vard-evaluation', VardEvaluation);
registerKindRenderers({ evaluation: renderEvaluationKind });

declare global {
  interface HTMLElementTagNameMap {
    'vard-evaluation': VardEvaluation;
  }
}
