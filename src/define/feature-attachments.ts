/** The attachments feature chunk: the files of a message in the thread, and the conversation's file list. */
import { VardAttachments } from '../attachments/attachment-list.js';
import { VardFileList } from '../attachments/file-list.js';
import { defineElement } from './define-element.js';

defineElement('vard-attachments', VardAttachments);
defineElement('vard-file-list', VardFileList);

declare global {
  interface HTMLElementTagNameMap {
    'vard-attachments': VardAttachments;
    'vard-file-list': VardFileList;
  }
}
