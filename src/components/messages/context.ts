import type { Author, QuestionnaireResponse } from '../../core/types.js';
import type { Locale, MessageKey, Translate } from '../../i18n/index.js';

/** What a message renderer may use: texts, the locale, and the patient's actions. */
export interface MessageContext {
  t: Translate<MessageKey>;
  locale: Locale;
  now: Date;
  retry(clientId: string): void;
  discard(clientId: string): void;
  /** Answers an action once, by the payload's `actionId`; resolves false when it was already answered. */
  respond(actionId: string, response: unknown): Promise<boolean>;
  /** The answer the patient gave to an action, if any. */
  response(actionId: string): unknown;
  /** Sends a QuestionnaireResponse for an inline questionnaire, by the payload's `actionId`. */
  submitQuestionnaire(actionId: string, answers: QuestionnaireResponse): Promise<boolean>;
  /** Where a stored file of a conversation (or its thumbnail) is shown from (undefined: the backend cannot show files). */
  attachmentUrl?(conversationId: string, attachmentId: string, variant?: 'thumbnail'): string | undefined;
}

/** "Anna Svensson, sjuksköterska", or a neutral word when the backend gives no name. */
export function authorLabel(a: Author | undefined, t: Translate<MessageKey>): string {
  if (!a) return t('clinic');
  if (a.role === 'patient') return t('you');
  if (a.role === 'system') return t('system');
  return [a.name, a.profession].filter(Boolean).join(', ') || t('clinic');
}
