import { defineElement } from '../../define/define-element.js';
import { VardInactivityDialog } from './inactivity-dialog.js';
import { VardLogin } from './login.js';

defineElement('vard-login', VardLogin);
defineElement('vard-inactivity-dialog', VardInactivityDialog);

declare global {
  interface HTMLElementTagNameMap {
    'vard-login': VardLogin;
    'vard-inactivity-dialog': VardInactivityDialog;
  }
}
