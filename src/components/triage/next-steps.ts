import { html, nothing } from 'lit';
import type { Conversation } from '../../core/types.js';
import { dateTimeOf } from '../../i18n/dates.js';
import type { Locale, MessageKey, Translate } from '../../i18n/index.js';

/**
 * "What happens next" after a triage started the conversation, from what the backend said:
 * live (stay here; the queue status shows the wait) or asynchronous (answer by a time, when given).
 * Shown while the patient waits for the clinic, gone once the clinic has joined or answered.
 */
export function renderNextSteps(conv: Conversation, t: Translate<MessageKey>, locale: Locale) {
  // only while the patient waits for the clinic: once a clinician is in (or has answered) it is past
  if (conv.status !== (conv.mode === 'sync' ? 'queued' : 'waiting-for-clinic')) return nothing;
  let text: string;
  if (conv.mode === 'sync') text = t('nextSync');
  else if (conv.expectedAnswerBy) text = t('nextAsync', { date: dateTimeOf(conv.expectedAnswerBy, locale) });
  else text = t('nextAsyncNoDate');
  return html`<p class="next-steps">${text}</p>`;
}
