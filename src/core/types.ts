/**
 * Domain types shared by every layer. Framework-free: no Lit, no DOM.
 */

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

export type AuthorRole = 'patient' | 'clinician' | 'system';

export interface Author {
  role: AuthorRole;
  /** Display name, when the backend gives one (plain text, never HTML). */
  name?: string;
  /** Profession, e.g. "sjuksköterska" (plain text). */
  profession?: string;
}

/** Message kinds the widget knows; anything else renders as a neutral fallback. */
export type MessageKind = 'text' | 'system' | (string & {});

/** A message as the server knows it. */
export interface Message {
  /** Server id. */
  id: string;
  /** The patient's idempotency key, present on patient-written messages. */
  clientId?: string;
  conversationId: string;
  /** Server order within the conversation (strictly increasing). */
  seq: number;
  author: Author;
  kind: MessageKind;
  text: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601, set when the clinic has read a patient message. */
  readAt?: string;
  /** Kind-specific structured data (booking slots, questionnaire, …), validated by its renderer. */
  payload?: unknown;
}

export type ConversationMode = 'sync' | 'async';

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
} as const;
export type ConversationStatus = (typeof ConversationStatus)[keyof typeof ConversationStatus];

export interface Conversation {
  id: string;
  mode: ConversationMode;
  status: ConversationStatus;
  initiator: 'patient' | 'clinic';
  /** Who is handling it, when known. */
  assignee?: Author;
  /** Sync queue information while queued. */
  queue?: { position: number; estimatedWaitMinutes?: number };
  /** Async: when an answer can be expected (ISO 8601). */
  expectedAnswerBy?: string;
  createdAt: string;
  updatedAt: string;
  /** Optional subject shown in the inbox (plain text). */
  subject?: string;
}

export interface ConversationSummary extends Conversation {
  unreadCount: number;
  lastMessage?: { text: string; createdAt: string; author: Author };
}

export interface PatientSession {
  /** Stable subject identifier of the patient (opaque; never a personal identity number). */
  subject: string;
  /** Display name. */
  name: string;
  /** ISO 8601 expiry, when known. */
  expiresAt?: string;
  /**
   * Key for the widget's storage at rest (the outbox): base64 of 32 random bytes, stable per
   * patient. Optional: without it the widget uses a non-extractable key kept in the browser.
   */
  storageKey?: string;
}

export interface MessagePage {
  messages: Message[];
  /** Cursor for the next older page; absent when there is none. */
  before?: string;
}

/** Minimal FHIR R4 shapes used at the adapter boundary (the triage engine refines them). */
export interface Questionnaire {
  resourceType: 'Questionnaire';
  [key: string]: unknown;
}
export interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  status: string;
  [key: string]: unknown;
}

/** Events the backend pushes. Every event has an id, used for resume and de-duplication. */
export type BackendEvent =
  | { type: 'message'; id: string; message: Message }
  | { type: 'conversation'; id: string; conversation: Conversation }
  | { type: 'typing'; id: string; conversationId: string; typing: boolean; author: Author }
  | { type: 'presence'; id: string; conversationId: string; online: boolean; author: Author }
  /** The resume point is too old: reload state from the REST side. */
  | { type: 'resync'; id: string };

/** Max message length in characters (the HTTP protocol states the same limit). */
export const MAX_MESSAGE_LENGTH = 4000;
