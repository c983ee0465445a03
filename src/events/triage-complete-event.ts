import type { Coding, QuestionnaireResponse } from '../core/triage/types.js';

/**
 * `vard-triage-complete`: the patient confirmed the summary. Carries the FHIR
 * QuestionnaireResponse (only enabled items, status completed) and the coded contact reason
 * (the routing hint), when the questionnaire has one.
 */
export class VardTriageCompleteEvent extends Event {
  static readonly eventName = 'vard-triage-complete';
  readonly response: QuestionnaireResponse;
  readonly reason: Coding | undefined;

  constructor(response: QuestionnaireResponse, reason: Coding | undefined) {
    super(VardTriageCompleteEvent.eventName, { bubbles: true, composed: true });
    this.response = response;
    this.reason = reason;
  }
}

declare global {
  interface HTMLElementEventMap {
    'vard-triage-complete': VardTriageCompleteEvent;
  }
}
