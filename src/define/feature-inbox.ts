/**
 * The inbox feature chunk: `<vard-inbox>`, the list of the patient's conversations. A patient
 * with one conversation goes straight into it and never downloads the list; with several it is
 * the first view, fetched as the panel opens.
 */
import { VardInbox } from '../components/inbox/inbox.js';
import { defineElement } from './define-element.js';
import { loadFeatureTexts } from '../i18n/load.js';

/**
 * The elements are defined once the features' words are here (downloaded beside this module by
 * `loadFeature`, which waits for this): no element ever shows a key. Defined anyway if the words
 * fail to come, so the feature still works (`loadFeature` then fails and is tried again).
 */
export const ready = loadFeatureTexts().then(define, define);

function define(): void {
  defineElement('vard-inbox', VardInbox);
}

declare global {
  interface HTMLElementTagNameMap {
    'vard-inbox': VardInbox;
  }
}
