import type { Conversation } from '../../core/types.js';
import { dateTimeOf } from '../../i18n/dates.js';
import type { Locale, MessageKey, Translate } from '../../i18n/index.js';
import { authorLabel } from '../messages/context.js';

/**
 * The status line of a conversation. Sync: queue position and wait, then who the patient is
 * chatting with. Async: whose turn it is, with the expected answer time when known.
 */
export function statusText(conv: Conversation | undefined, t: Translate<MessageKey>, locale: Locale, now = new Date()): string {
  if (!conv) return t('statusNew');
  switch (conv.status) {
    case 'queued':
      return conv.queue?.estimatedWaitMinutes !== undefined
        ? t('statusQueuedWait', { position: conv.queue.position, minutes: Math.ceil(conv.queue.estimatedWaitMinutes) })
        : t('statusQueued', { position: conv.queue?.position ?? 1 });
    case 'active':
      return t('statusActive', { name: conv.assignee ? authorLabel(conv.assignee, t) : t('someone') });
    case 'waiting-for-clinic': {
      const by = conv.expectedAnswerBy ? dateTimeOf(conv.expectedAnswerBy, locale, now) : '';
      return by ? `${t('statusWaitingForClinic')}. ${t('expectedBy', { when: by })}` : t('statusWaitingForClinic');
    }
    case 'waiting-for-patient':
      return t('statusWaitingForPatient');
    case 'closed':
      return t('statusClosed');
    default:
      return '';
  }
}
