/**
 * The pre-chat triage form inside the panel, once the questionnaire and the engine are here:
 * part of the triage chunk (the panel keeps the loading and error states, ./triage-step.ts).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { VardTriageCompleteEvent } from '../../events/triage-complete-event.js';
import type { TriageStep } from './triage-step.js';

export function renderTriageForm(s: TriageStep, back: TemplateResult | typeof nothing) {
  const { triage, t } = s;
  const complete = (e: VardTriageCompleteEvent) =>
    void triage.start(s.client, e.response, e.reason).then(() => {
      if (triage.done && s.client.activeId) s.started(s.client.activeId);
    });
  return html`${back}<div class="triage-host">
    <vard-triage .questionnaire=${triage.questionnaire} .locale=${s.locale} .busy=${triage.starting}
      @vard-triage-complete=${complete}></vard-triage>
    ${triage.valid ? nothing : html`<p class="notice"><button class="retry-load" type="button" @click=${s.skip}>${t('triageSkip')}</button></p>`}
    <p class="notice" role=${triage.startFailed ? 'alert' : 'status'}>${triage.startFailed ? t('triageStartFailed') : triage.starting ? t('triageStarting') : ''}</p>
  </div>`;
}
