import { VardTriage } from '../components/triage/triage.js';
import { defineElement } from './define-element.js';

defineElement('vard-triage', VardTriage);

declare global {
  interface HTMLElementTagNameMap {
    'vard-triage': VardTriage;
  }
}
