/**
 * The inbox feature chunk: `<vard-inbox>`, the list of the patient's conversations. A patient
 * with one conversation goes straight into it and never downloads the list; with several it is
 * the first view, fetched as the panel opens.
 */
import { VardInbox } from '../components/inbox/inbox.js';
import { defineElement } from './define-element.js';

defineElement('vard-inbox', VardInbox);

declare global {
  interface HTMLElementTagNameMap {
    'vard-inbox': VardInbox;
  }
}
