/**
 * `vard-chat`: the element, the composition root, the backend adapter contract and its types,
 * and the public events. Free of side effects (import `vard-chat/define` to register the element).
 * Nothing else is importable: the package's "exports" lists the entries, and the API report
 * (api/*.api.txt, checked by test/node/api-report.test.mjs) fails on an unintended change.
 */
export { VardChat } from './components/vard-chat/vard-chat.js';

// the composition root
export { createChatSession, ChatSession } from './core/chat-session.js';
export type { ChatSessionParts, ChatSessionEvents, SessionStorage } from './core/chat-session.js';
export type { ChatSnapshot, OutboxSnapshot } from './core/snapshot.js';
export type { ChatClient, ClientStatus, SentInfo } from './core/chat-client.js';
export type { OutboxProvider } from './core/outbox/provider.js';
export type { Outbox } from './core/outbox/outbox.js';
export type { Clock, OutboxEntry, OutboxFile, OutboxStore } from './core/outbox/types.js';
export { browserSessionParts } from './browser/browser-session.js';
export type { BrowserSessionOptions } from './browser/browser-session.js';

// the backend adapter contract, its data and its errors
export type { AttachmentUpload, ChatBackend, StartConversationRequest, SubscribeOptions } from './core/backend.js';
export type { AttachmentRef } from './protocol/attachments.js';
export type { NotificationsApi, NotificationSettings, NotifyChannel, NotifySetBody } from './core/notifications.js';
export { BackendError, BackendErrorKind, isTransient } from './core/errors.js';
export { MessageState, ConversationStatus, MAX_MESSAGE_LENGTH } from './core/types.js';
export type {
  Author, AuthorRole, BackendEvent, Conversation, ConversationMode, ConversationSummary, Message, MessageKind,
  MessagePage, PatientSession, Questionnaire, QuestionnaireResponse,
} from './core/types.js';
export { HttpBackend } from './adapters/http/http-backend.js';
export type { HttpBackendOptions } from './adapters/http/http-backend.js';
export type { StreamEnvironment } from './adapters/http/environment.js';

// login
export type { AuthConfig } from './auth/config.js';
export { AuthErrorCode, LOGIN_METHODS } from './core/auth.js';
export type { AuthStrategy, Credentials, LoginMethod, CallbackResult } from './core/auth.js';

// events
export {
  VardOpenEvent, VardCloseEvent, VardLoginEvent, VardLogoutEvent, VardMessageSentEvent, VardUnreadChangeEvent,
} from './events/events.js';
export type { VardEventMap, VardEventName } from './events/events.js';
