/** The evaluation feature chunk: the rating after a closed conversation. */
import { VardEvaluation } from '../components/messages/evaluation.js';
import { defineElement } from './define-element.js';

defineElement('vard-evaluation', VardEvaluation);

declare global {
  interface HTMLElementTagNameMap {
    'vard-evaluation': VardEvaluation;
  }
}
