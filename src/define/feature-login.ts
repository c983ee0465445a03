/**
 * The login feature chunk: `<vard-login>`, the e-ID choice shown when there is no session. A
 * patient who is already logged in (the widget's common case: a conversation open) never
 * downloads it; a tab with no login yet starts the download when the panel is set up.
 */
import { VardLogin } from '../components/login/login.js';
import { defineElement } from './define-element.js';

defineElement('vard-login', VardLogin);

declare global {
  interface HTMLElementTagNameMap {
    'vard-login': VardLogin;
  }
}
