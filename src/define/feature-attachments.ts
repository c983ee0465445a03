/** The attachments feature chunk: the files of a message in the thread. */
import { VardAttachments } from '../attachments/attachment-list.js';
import { defineElement } from './define-element.js';

defineElement('vard-attachments', VardAttachments);

declare global {
  interface HTMLElementTagNameMap {
    'vard-attachments': VardAttachments;
  }
}
