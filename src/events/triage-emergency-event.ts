import type { RedFlag } from '../core/triage/red-flags.js';

/**
 * `vard-triage-emergency`: an answer raised a red flag; the form shows the emergency guidance
 * instead of going on. Carries the flags (linkId and the questionnaire's reason text), never
 * the patient's free-text answers.
 */
export class VardTriageEmergencyEvent extends Event {
  static readonly eventName = 'vard-triage-emergency';
  readonly flags: readonly RedFlag[];

  constructor(flags: readonly RedFlag[]) {
    super(VardTriageEmergencyEvent.eventName, { bubbles: true, composed: true });
    this.flags = flags;
  }
}

declare global {
  interface HTMLElementEventMap {
    'vard-triage-emergency': VardTriageEmergencyEvent;
  }
}
