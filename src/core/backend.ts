/**
 * The contract between the widget and a backend. The widget only ever talks to this
 * interface; integrators implement it for their own systems (see the conformance suite).
 *
 * Errors: every method rejects with a `BackendError` (see errors.ts). `sendMessage` is
 * idempotent on `clientId`: sending the same clientId twice creates one message and returns it.
 */
import type {
  BackendEvent, Conversation, ConversationSummary, MessagePage, Message, PatientSession, Questionnaire, QuestionnaireResponse,
} from './types.js';
import type { StartConversationBody } from '../protocol/api.js';
import type { AttachmentRef, ConversationFile } from '../protocol/attachments.js';

/** A file as the widget uploads it: checked and (images) re-encoded; name and alt are plain text. */
export interface AttachmentUpload {
  name: string;
  type: string;
  bytes: Uint8Array;
  alt?: string;
}
import type { Credentials, LoginMethod } from './auth.js';
import type { NotificationsApi } from './notifications.js';

/**
 * The protocol's start body (`StartConversationBody`) as the widget sends it: the triage answers
 * (a FHIR QuestionnaireResponse) when the flow had a triage, the mode, and the routing hint (the
 * coded contact reason from the triage: which profession or queue).
 */
export type StartConversationRequest = Omit<StartConversationBody, 'reason'> & {
  reason?: Extract<StartConversationBody['reason'], object>;
};

export interface SubscribeOptions {
  signal: AbortSignal;
  /** Resume after this event id. */
  since?: string;
  /**
   * Call when the stream is live: every event from then on will be delivered. An adapter that
   * does says so with `ChatBackend.signalsOpen`; the client then waits for it (up to a few
   * seconds) before loading the conversations, so nothing falls between the list and the stream.
   */
  onOpen?: () => void;
}

export interface ChatBackend {
  getSession(): Promise<PatientSession | null>;
  /** The pre-chat FHIR R4 Questionnaire, in `locale` when the backend has it; `not-found` for none. */
  getTriage(locale?: string): Promise<Questionnaire>;
  listConversations(): Promise<ConversationSummary[]>;
  startConversation(req: StartConversationRequest): Promise<Conversation>;
  getMessages(conversationId: string, page?: { before?: string; limit?: number }): Promise<MessagePage>;
  /** `attachmentCount`: the files uploaded with `uploadAttachment` for this clientId that the message carries. */
  sendMessage(conversationId: string, msg: { clientId: string; text: string; attachmentCount?: number }): Promise<Message>;
  /**
   * Optional (issue #18): stores file `index` of the message `clientId` before it is sent;
   * idempotent on (clientId, index). Without it the widget offers no attachments.
   */
  uploadAttachment?(conversationId: string, clientId: string, index: number, file: AttachmentUpload): Promise<AttachmentRef>;
  /**
   * Optional (issue #18): the small copy (JPEG, at most 320 px) of image `index` of the message
   * `clientId`, after the file and before the message, so its reference carries `thumbnail`;
   * idempotent. A rejection leaves the message to be sent without one.
   */
  uploadThumbnail?(conversationId: string, clientId: string, index: number, bytes: Uint8Array): Promise<AttachmentRef>;
  /**
   * Optional: where the widget shows a stored file from (an image's `src`, a document's link; the
   * session cookie authorizes it); `'thumbnail'`: its small copy (when its reference has `thumbnail`).
   */
  attachmentUrl?(conversationId: string, attachmentId: string, variant?: 'thumbnail'): string | undefined;
  /**
   * Optional (issue #18): every file on a sent message of the conversation, the clinic's and the
   * patient's, newest message first, with the message, its author and when it was sent (so a
   * document sent days ago is found without paging the thread back). Without it the widget
   * offers no file list.
   */
  listAttachments?(conversationId: string): Promise<ConversationFile[]>;
  markRead(conversationId: string, messageId: string): Promise<void>;
  setTyping(conversationId: string, typing: boolean): Promise<void>;
  respond(conversationId: string, actionId: string, response: unknown): Promise<void>;
  submitEvaluation(conversationId: string, answers: QuestionnaireResponse): Promise<void>;
  /** Live events until `signal` aborts. Events may repeat after a reconnect; ids de-duplicate. */
  subscribe(onEvent: (e: BackendEvent) => void, opts: SubscribeOptions): void;
  /**
   * Optional: true when `subscribe` calls `opts.onOpen` once the stream is live. Without it the
   * client does not wait for the stream before loading (an event in between may then be missed
   * until the next load); with it, it waits until `onOpen` (at most 3 s).
   */
  readonly signalsOpen?: boolean;
  /** Optional: ends the session at the backend (BFF: clears the HttpOnly cookie). */
  logout?(): Promise<void>;
  /** Optional: the backend's own login (MemoryBackend's pretend e-ID); used when no `auth` is configured. */
  login?(method: LoginMethod, returnTo: string): Promise<void>;
  /** Optional: tokens from the browser OIDC strategy, kept in memory; null forgets them. */
  setCredentials?(credentials: Credentials | null): void;
  /** Optional: the patient's notification settings (SMS, e-mail, browser), from a module loaded on first use. */
  notifications?(): Promise<NotificationsApi>;
  /**
   * Optional: the adapter calls `handler` when the backend refused the credentials given with
   * `setCredentials` (a 401: expired or revoked); the session then asks the patient to log in again.
   */
  setAuthRequiredHandler?(handler: (() => void) | undefined): void;
}
