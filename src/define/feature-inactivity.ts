/**
 * The inactivity feature chunk: the warning before the inactivity timeout, downloaded when the
 * warning is raised (most sessions never see it). The timer itself is the panel's: without this
 * chunk (no network at that moment) the timeout still logs the patient out.
 */
import { VardInactivityDialog } from '../components/login/inactivity-dialog.js';
import { defineElement } from './define-element.js';

defineElement('vard-inactivity-dialog', VardInactivityDialog);

declare global {
  interface HTMLElementTagNameMap {
    'vard-inactivity-dialog': VardInactivityDialog;
  }
}
