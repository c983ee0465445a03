/**
 * The patient protocol's resources (docs/protocol.md): the session, conversations, message
 * pages and live events — what a client reads and checks. A module of its own, so a client
 * that only reads them does not carry the request bodies and the route table (`api.ts`).
 */
import * as v from 'valibot';
import { Author, Id, Label, Timestamp } from './primitives.js';
import { Message } from './message.js';

export const PatientSession = v.object({
  /** Stable, opaque subject of the patient; never a personal identity number. */
  subject: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  name: Label,
  expiresAt: v.optional(Timestamp),
  /**
   * Key for the widget's storage at rest (the outbox): base64 of 32 bytes, stable per patient.
   * Without it the widget uses a non-extractable key kept in the browser.
   */
  storageKey: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{43}=$/))),
});
export type PatientSession = v.InferOutput<typeof PatientSession>;

/** "Nobody is logged in": a normal answer to a session probe, not an error (so no 401 is logged in the browser). */
export const LoggedOut = v.strictObject({ loggedIn: v.literal(false) });
export type LoggedOut = v.InferOutput<typeof LoggedOut>;

/** GET /session: the logged-in patient, or LoggedOut. */
export const SessionAnswer = v.union([PatientSession, LoggedOut]);
export type SessionAnswer = v.InferOutput<typeof SessionAnswer>;

export const ConversationMode = v.picklist(['sync', 'async']);
export type ConversationMode = v.InferOutput<typeof ConversationMode>;
export const ConversationStatus = v.picklist(['queued', 'active', 'waiting-for-clinic', 'waiting-for-patient', 'closed']);
export type ConversationStatus = v.InferOutput<typeof ConversationStatus>;

export const Conversation = v.object({
  id: Id,
  mode: ConversationMode,
  status: ConversationStatus,
  initiator: v.picklist(['patient', 'clinic']),
  /** Who handles it, when known (continuity). */
  assignee: v.optional(Author),
  /** Sync, while queued. */
  queue: v.optional(v.object({
    position: v.pipe(v.number(), v.integer(), v.minValue(0)),
    estimatedWaitMinutes: v.optional(v.pipe(v.number(), v.minValue(0))),
  })),
  /** Async: when an answer can be expected. */
  expectedAnswerBy: v.optional(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Shown in the inbox (plain text). */
  subject: v.optional(Label),
});
export type Conversation = v.InferOutput<typeof Conversation>;

export const ConversationSummary = v.object({
  ...Conversation.entries,
  /** The clinic's unread messages (clinician-written; system notes do not count). */
  unreadCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  lastMessage: v.optional(v.object({ text: v.pipe(v.string(), v.maxLength(10_000)), createdAt: Timestamp, author: Author })),
});
export type ConversationSummary = v.InferOutput<typeof ConversationSummary>;

export const ConversationList = v.object({ conversations: v.pipe(v.array(ConversationSummary), v.maxLength(1000)) });

export const MessagePage = v.object({
  /** Ascending by seq. */
  messages: v.pipe(v.array(Message), v.maxLength(200)),
  /** Cursor for the next older page; absent when there is none. */
  before: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(100))),
});
export type MessagePage = v.InferOutput<typeof MessagePage>;

// ---- live events ---------------------------------------------------------------------------

/** A live event's id (the SSE `id:` and `Last-Event-ID`). */
export const EventId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
export const BackendEvent = v.variant('type', [
  v.object({ type: v.literal('message'), id: EventId, message: Message }),
  v.object({ type: v.literal('conversation'), id: EventId, conversation: Conversation }),
  v.object({ type: v.literal('typing'), id: EventId, conversationId: Id, typing: v.boolean(), author: Author }),
  v.object({ type: v.literal('presence'), id: EventId, conversationId: Id, online: v.boolean(), author: Author }),
  /** The resume point is too old: reload state from the REST routes. */
  v.object({ type: v.literal('resync'), id: EventId }),
]);
export type BackendEvent = v.InferOutput<typeof BackendEvent>;
