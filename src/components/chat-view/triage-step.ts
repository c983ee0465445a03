import { html, nothing } from 'lit';
import type { ChatClient } from '../../core/chat-client.js';
import type { TriageController } from '../../controllers/triage-controller.js';
import type { Conversation } from '../../core/types.js';
import type { Locale, MessageKey, Translate } from '../../i18n/index.js';

/** What the triage chunk gives the panel: the engine's check and the templates drawn with it. */
export interface TriageUi {
  checkQuestionnaire(q: unknown): { ok: boolean };
  renderTriageForm(s: TriageStep, back: unknown): unknown;
  renderNextSteps(conv: Conversation, t: Translate<MessageKey>, locale: Locale): unknown;
}

export interface TriageStep {
  triage: TriageController<TriageUi>;
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
  // ready: the engine's chunk is here, and with it the form's template
  const ui = triage.ui;
  if (triage.status !== 'ready' || !ui) return html`<p class="notice" role="status">${t('triageLoading')}</p>`;
  return ui.renderTriageForm(s, back);
}
