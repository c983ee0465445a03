/**
 * The pick feature chunk (issue #18): what the composer needs once the patient picks or pastes a
 * file — `<vard-chosen-files>` (the chosen files with "Ta bort"), the checks and the re-encoding,
 * and their sentences. A session that never attaches a file never downloads it.
 */
import { VardChosenFiles } from '../attachments/chosen-files.js';
import { defineElement } from './define-element.js';

defineElement('vard-chosen-files', VardChosenFiles);

declare global {
  interface HTMLElementTagNameMap {
    'vard-chosen-files': VardChosenFiles;
  }
}
