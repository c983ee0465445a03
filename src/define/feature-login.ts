/**
 * The login feature chunk: `<vard-login>`, the e-ID choice shown when there is no session. A
 * patient who is already logged in (the widget's common case: a conversation open) never
 * downloads it; a tab with no login yet starts the download when the panel is set up.
 */
import { VardLogin } from '../components/login/login.js';
import { defineElement } from './define-element.js';
import { loadFeatureTexts } from '../i18n/load.js';

/**
 * The elements are defined once the features' words are here (downloaded beside this module by
 * `loadFeature`, which waits for this): no element ever shows a key. Defined anyway if the words
 * fail to come, so the feature still works (`loadFeature` then fails and is tried again).
 */
export const ready = loadFeatureTexts().then(define, define);

function define(): void {
  defineElement('vard-login', VardLogin);
}

declare global {
  interface HTMLElementTagNameMap {
    'vard-login': VardLogin;
  }
}
