import { defineElement } from '../../define/define-element.js';
import { VardBooking } from './booking.js';
import { VardCallback } from './callback.js';
import { VardEvaluation } from './evaluation.js';
import { VardInlineQuestionnaire } from './questionnaire.js';

defineElement('vard-booking', VardBooking);
defineElement('vard-callback', VardCallback);
defineElement('vard-evaluation', VardEvaluation);
defineElement('vard-inline-questionnaire', VardInlineQuestionnaire);

declare global {
  interface HTMLElementTagNameMap {
    'vard-booking': VardBooking;
    'vard-callback': VardCallback;
    'vard-evaluation': VardEvaluation;
    'vard-inline-questionnaire': VardInlineQuestionnaire;
  }
}
