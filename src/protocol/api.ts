/**
 * The patient protocol (docs/protocol.md): sessions, conversations, message pages, live events,
 * request bodies, and the route table that the reference server registers, HttpBackend calls
 * and docs/openapi.yaml is generated from.
 */
import * as v from 'valibot';
import { Author, ErrorBody, Id, Label, PathKey, Timestamp } from './primitives.js';
import { Coding, Questionnaire, QuestionnaireResponse } from './fhir.js';
import { ActionAnswer, Message } from './messages.js';

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

const EventId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
export const BackendEvent = v.variant('type', [
  v.object({ type: v.literal('message'), id: EventId, message: Message }),
  v.object({ type: v.literal('conversation'), id: EventId, conversation: Conversation }),
  v.object({ type: v.literal('typing'), id: EventId, conversationId: Id, typing: v.boolean(), author: Author }),
  v.object({ type: v.literal('presence'), id: EventId, conversationId: Id, online: v.boolean(), author: Author }),
  /** The resume point is too old: reload state from the REST routes. */
  v.object({ type: v.literal('resync'), id: EventId }),
]);
export type BackendEvent = v.InferOutput<typeof BackendEvent>;

// ---- request bodies ------------------------------------------------------------------------

export const StartConversationBody = v.object({
  mode: v.optional(ConversationMode),
  /** The routing reason: a code, or the coded answer of the triage. */
  reason: v.optional(v.union([
    v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    v.object({ ...Coding.entries, code: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) }),
  ])),
  /** The triage answers; the server checks them against the questionnaire it served. */
  triage: v.optional(QuestionnaireResponse),
});
export type StartConversationBody = v.InferOutput<typeof StartConversationBody>;

/** Text rules (empty, too long → 422) are `messageTextProblem`, so they get their own codes. */
export const SendMessageBody = v.object({ text: v.string() });
export const ReadBody = v.object({ messageId: Id });
export const TypingBody = v.object({ typing: v.boolean() });
/** The answer to the action `actionId` (booking, call-back, questionnaire). */
export const ActionBody = v.object({ response: ActionAnswer });
export type ActionBody = v.InferOutput<typeof ActionBody>;
export const EvaluationBody = v.object({ answers: QuestionnaireResponse });

export const ConversationParams = v.object({ conversationId: PathKey });
export const MessageParams = v.object({ conversationId: PathKey, clientId: PathKey });
export const ActionParams = v.object({ conversationId: PathKey, actionId: PathKey });
export const PageQuery = v.object({
  before: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/))),
});
export const TriageQuery = v.object({ locale: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/))) });
export const EventsQuery = v.object({ lastEventId: v.optional(EventId) });

// ---- routes --------------------------------------------------------------------------------

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export interface RouteSpec {
  method: Method;
  /** Below the protocol's base URL, OpenAPI style: `/conversations/{conversationId}`. */
  path: string;
  summary: string;
  /** Without a patient session → 401 `no-session`, except where false. */
  auth?: boolean;
  params?: v.GenericSchema;
  query?: v.GenericSchema;
  body?: v.GenericSchema;
  /** Status → body schema; null for no body; 'event-stream' for SSE. */
  responses: Record<number, v.GenericSchema | null | 'event-stream'>;
  /** Error statuses this route can answer with (each with an ErrorBody). */
  errors: number[];
}

const common = [400, 401, 429];
export const PATIENT_ROUTES = {
  getSession: { method: 'GET', path: '/session', auth: false, summary: 'The logged-in patient, or `{ "loggedIn": false }` (an answer, not an error: no 401 in the browser console). Clients also take a 401 as logged out.', responses: { 200: SessionAnswer }, errors: [] },
  endSession: { method: 'DELETE', path: '/session', auth: false, summary: 'Logs out: ends the session and clears its cookie (idempotent).', responses: { 204: null }, errors: [] },
  getTriage: { method: 'GET', path: '/triage', auth: false, query: TriageQuery, summary: 'The triage questionnaire (FHIR R4), in the locale asked for when the server has it.', responses: { 200: Questionnaire }, errors: [400, 404] },
  listConversations: { method: 'GET', path: '/conversations', summary: "The patient's conversations, oldest first.", responses: { 200: ConversationList }, errors: [401] },
  startConversation: { method: 'POST', path: '/conversations', body: StartConversationBody, summary: 'Starts a conversation, routed to a queue by the triage reason.', responses: { 201: Conversation }, errors: [...common, 415, 422] },
  getMessages: { method: 'GET', path: '/conversations/{conversationId}/messages', params: ConversationParams, query: PageQuery, summary: 'A page of messages, newest page first, each page ascending by seq.', responses: { 200: MessagePage }, errors: [400, 401, 404] },
  sendMessage: { method: 'PUT', path: '/conversations/{conversationId}/messages/{clientId}', params: MessageParams, body: SendMessageBody, summary: 'Sends a message; idempotent by clientId (201 first, 200 with the same message after, 409 if the text differs).', responses: { 201: Message, 200: Message }, errors: [...common, 404, 409, 413, 415, 422] },
  markRead: { method: 'POST', path: '/conversations/{conversationId}/read', params: ConversationParams, body: ReadBody, summary: "The clinic's messages up to messageId are read.", responses: { 204: null }, errors: [...common, 404, 415] },
  setTyping: { method: 'POST', path: '/conversations/{conversationId}/typing', params: ConversationParams, body: TypingBody, summary: 'The patient is typing, or stopped.', responses: { 204: null }, errors: [...common, 404, 415] },
  respond: { method: 'POST', path: '/conversations/{conversationId}/actions/{actionId}', params: ActionParams, body: ActionBody, summary: "The patient's answer to an action message (booking, call-back, questionnaire); once per action.", responses: { 204: null }, errors: [...common, 404, 409, 415] },
  submitEvaluation: { method: 'POST', path: '/conversations/{conversationId}/evaluation', params: ConversationParams, body: EvaluationBody, summary: 'The evaluation after a closed conversation; once per conversation.', responses: { 204: null }, errors: [...common, 404, 409, 415] },
  events: { method: 'GET', path: '/events', query: EventsQuery, summary: "The patient's live events (Server-Sent Events), resumable with Last-Event-ID.", responses: { 200: 'event-stream' }, errors: [401, 429] },
} as const satisfies Record<string, RouteSpec>;
export type PatientRouteName = keyof typeof PATIENT_ROUTES;

/** A route's path with its parameters filled in, each encoded as a path segment. */
export function routePath(route: { path: string }, params: Record<string, string> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_, k: string) => {
    const value = params[k];
    if (value === undefined) throw new Error(`missing path parameter ${k}`);
    return encodeURIComponent(value);
  });
}

export { ErrorBody };
