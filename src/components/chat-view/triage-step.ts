import { html, nothing } from 'lit';
import type { ChatClient } from '../../core/chat-client.js';
import type { TriageController } from '../../controllers/triage-controller.js';
import type { VardTriageCompleteEvent } from '../../events/triage-complete-event.js';
import type { Locale, MessageKey, Translate } from '../../i18n/index.js';

export interface TriageStep {
  triage: TriageController;
  client: ChatClient;
  locale: Locale;
  t: Translate<MessageKey>;
  /** Back to the inbox, when there is one. */
  back: (() => void) | undefined;
  retry: () => void;
  /** The conversation was started with the answers. */
  started: (conversationId: string) => void;
  /** The questionnaire cannot be used: chat without it. */
  skip: () => void;
}

/** The pre-chat triage inside the panel: loading, load error, the form, and its start state. */
export function renderTriageStep(s: TriageStep) {
  const { triage, t } = s;
  const back = s.back
    ? html`<p class="notice"><button class="retry-load" type="button" @click=${s.back}>← ${t('backToInbox')}</button></p>`
    : nothing;
  if (triage.status === 'error') {
    return html`${back}<div class="notice" role="alert"><p>${t('triageLoadFailed')}</p>
      <button class="retry-load" type="button" @click=${s.retry}>${t('tryAgain')}</button></div>`;
  }
  if (triage.status !== 'ready') return html`<p class="notice" role="status">${t('triageLoading')}</p>`;
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
