import { defineElement } from '../../define/define-element.js';
import { VardTriage } from './triage.js';

defineElement('vard-triage', VardTriage);

declare global {
  interface HTMLElementTagNameMap {
    'vard-triage': VardTriage;
  }
}
