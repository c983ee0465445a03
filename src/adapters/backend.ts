export type { ChatBackend, StartConversationRequest, SubscribeOptions } from '../core/backend.js';
export { BackendError, BackendErrorKind, isTransient } from '../core/errors.js';
