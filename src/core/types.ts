/**
 * Domain types shared by every layer. Framework-free: no Lit, no DOM.
 *
 * The wire shapes (messages, conversations, sessions, events, FHIR resources) are the protocol's
 * (src/protocol/, declared once with their runtime checks); this module re-exports their types
 * and adds what only the widget knows, such as a message's delivery state.
 */
import type { ConversationStatus as WireConversationStatus } from '../protocol/api.js';

export type {
  Author, AuthorRole,
} from '../protocol/primitives.js';
export type {
  Message, MessageKind, KnownMessageKind,
  SystemPayload, HandoverPayload, BookingPayload, BookingSlot, BookingAnswer, CallbackPayload, CallbackWindow,
  CallbackAnswer, VideoPayload, QuestionnairePayload, EvaluationPayload,
} from '../protocol/messages.js';
export type {
  Conversation, ConversationMode, ConversationSummary, PatientSession, MessagePage, BackendEvent,
} from '../protocol/api.js';
export type { Questionnaire, QuestionnaireResponse, QuestionnaireResponseItem } from '../protocol/fhir.js';
export { MAX_MESSAGE_LENGTH } from '../protocol/primitives.js';

/** Delivery state of a message as the patient sees it. */
export const MessageState = {
  /** Written, waiting for a connection (offline or backing off). */
  Queued: 'queued',
  /** Handed to the backend, no acknowledgement yet. */
  Sending: 'sending',
  /** Acknowledged by the backend. */
  Sent: 'sent',
  /** The clinic has read it. */
  Read: 'read',
  /** Permanently rejected, or given up on; the patient can retry or discard. */
  Failed: 'failed',
} as const;
export type MessageState = (typeof MessageState)[keyof typeof MessageState];

/** The statuses of a conversation by name (the wire type is the protocol's). */
export const ConversationStatus = {
  /** Sync: waiting in a queue for a clinician. */
  Queued: 'queued',
  /** Sync: a clinician is in the chat. */
  Active: 'active',
  /** Async: the clinic is expected to answer. */
  WaitingForClinic: 'waiting-for-clinic',
  /** Async: the clinic waits for the patient. */
  WaitingForPatient: 'waiting-for-patient',
  /** Finished. */
  Closed: 'closed',
} as const satisfies Record<string, WireConversationStatus>;
export type ConversationStatus = WireConversationStatus;
