/** npm entry: the public API, free of side effects (import `vard-chat/define` to register elements). */
export { VardChat } from './components/vard-chat/vard-chat.js';
export { ChatClient, ClientStatus } from './core/chat-client.js';
export type { ChatClientOptions } from './core/chat-client.js';
export { ConversationStore } from './core/conversation-store.js';
export type { ThreadItem } from './core/conversation-store.js';
export { BackendError, BackendErrorKind, isTransient } from './core/errors.js';
export { checkDraft } from './core/draft.js';
export { parseMessage, parseConversation, parseEvent } from './core/validate.js';
export * from './core/types.js';
export type { ChatBackend, StartConversationRequest, SubscribeOptions } from './core/backend.js';
export { MemoryBackend, DEMO_PATIENT, DEMO_CLINICIAN } from './adapters/memory/memory-backend.js';
export type { MemoryBackendOptions, InjectedFailure } from './adapters/memory/memory-backend.js';
export { lazyBackend } from './adapters/lazy-backend.js';
export { translator, resolveLocale } from './i18n/index.js';
export type { Locale, Translate } from './i18n/index.js';
export { Outbox, DEFAULT_RETENTION_MS } from './core/outbox/outbox.js';
export type { OutboxOptions, DegradedReason } from './core/outbox/outbox.js';
export { MemoryOutboxStore } from './core/outbox/memory-store.js';
export { retryDelay, DEFAULT_BACKOFF } from './core/backoff.js';
export type { OutboxEntry, OutboxItem, OutboxStore } from './core/outbox/types.js';
export type { OutboxProvider } from './core/chat-client.js';
export { browserOutbox } from './storage/browser-outbox.js';
export { deletePatientOutbox, destroyOutboxDatabases } from './storage/outbox-destroy.js';
export { VardTriage } from './components/triage/triage.js';
export { VardTriageCompleteEvent } from './events/triage-complete-event.js';
export { VardTriageEmergencyEvent } from './events/triage-emergency-event.js';
export {
  checkQuestionnaire, enabledItems, validateAnswers, redFlags, buildResponse, contactReason, steps,
  RED_FLAG_URL, CONTACT_REASON_URL,
} from './core/triage/index.js';
export type {
  QuestionnaireIssue, AnswerIssue, RedFlag, Answer, Answers, QuestionnaireItem, Step,
  Questionnaire as TriageQuestionnaire, QuestionnaireResponse as TriageQuestionnaireResponse,
} from './core/triage/index.js';
export { HttpBackend } from './adapters/http/http-backend.js';
export type { HttpBackendOptions } from './adapters/http/http-backend.js';
export type { StreamEnvironment } from './adapters/http/environment.js';
export { parseSession, parseConversationSummary, parseMessagePage, parseQuestionnaire } from './core/validate.js';
export type { AuthConfig } from './auth/config.js';
export { AuthErrorCode, LOGIN_METHODS } from './core/auth.js';
export type { AuthStrategy, Credentials, LoginMethod, CallbackResult } from './core/auth.js';
export { purgeWidgetData } from './storage/purge.js';
