/**
 * The patient protocol (docs/protocol.md): its resources (`resources.ts`, re-exported here),
 * request bodies, and the route table that the reference server registers, HttpBackend calls
 * and docs/openapi.yaml is generated from.
 */
import * as v from 'valibot';
import { ErrorBody, Id, PathKey } from './primitives.js';
import { Coding, Questionnaire, QuestionnaireResponse } from './fhir.js';
import { Message } from './message.js';
import { Conversation, ConversationList, ConversationMode, EventId, MessagePage, SessionAnswer } from './resources.js';
import { ActionAnswer } from './messages.js';
import { ATTACHMENT_BODY, AttachmentParams, AttachmentRef, ConversationFiles, MAX_ATTACHMENTS_PER_MESSAGE, THUMBNAIL_BODY, UploadParams, type RawBody } from './attachments.js';

export * from './resources.js';

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

/**
 * Text rules (empty, too long → 422) are `messageTextProblem`, so they get their own codes.
 * `attachmentCount`: the files uploaded for this clientId (indexes 0…n-1) that the message
 * carries; with files the text may be empty.
 */
export const SendMessageBody = v.object({
  text: v.string(),
  attachmentCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ATTACHMENTS_PER_MESSAGE))),
});
export type SendMessageBody = v.InferOutput<typeof SendMessageBody>;
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
  /** A raw (not JSON) request body: a file, with its content types and size limit. */
  rawBody?: RawBody;
  /** Status → body schema; null for no body; 'event-stream' for SSE; 'file' for a file's bytes. */
  responses: Record<number, v.GenericSchema | null | 'event-stream' | 'file'>;
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
  uploadAttachment: { method: 'PUT', path: '/conversations/{conversationId}/attachments/{clientId}/{index}', params: UploadParams, rawBody: ATTACHMENT_BODY, summary: "Uploads a file of the message `clientId` (its place `index`, 0–4) before the message is sent; idempotent (201 first, 200 with the same reference for the same bytes, 409 attachment-conflict for other bytes, 409 message-sent for a new file once the message is sent). Content-Type is the claimed type, checked against the bytes; X-Attachment-Name and X-Attachment-Alt are percent-encoded UTF-8.", responses: { 201: AttachmentRef, 200: AttachmentRef }, errors: [...common, 404, 409, 413, 415, 422] },
  uploadThumbnail: { method: 'PUT', path: '/conversations/{conversationId}/attachments/{clientId}/{index}/thumbnail', params: UploadParams, rawBody: THUMBNAIL_BODY, summary: "Optional: a small copy of the image at that place (JPEG or WebP, at most 320 px each side and 64 KB), made by the sender, after the file and before the message; the message's reference then carries `thumbnail`. Idempotent (201, then 200 for the same bytes; 409 attachment-conflict for others, attachment-missing before the file, message-sent for a new one once sent). PNG, PDF and anything else 415; too many pixels or not the type 422.", responses: { 201: AttachmentRef, 200: AttachmentRef }, errors: [...common, 404, 409, 413, 415, 422] },
  listAttachments: { method: 'GET', path: '/conversations/{conversationId}/attachments', params: ConversationParams, summary: "Every file on a sent message of the patient's conversation (the patient's and the clinic's), newest message first, with the message, its author and when it was sent; a file uploaded for a message not yet sent is not listed.", responses: { 200: ConversationFiles }, errors: [400, 401, 404] },
  getAttachment: { method: 'GET', path: '/conversations/{conversationId}/attachments/{attachmentId}', params: AttachmentParams, summary: "A file of the patient's conversation: images inline, anything else as a download (Content-Disposition: attachment), under a sandboxing CSP and nosniff, never cached.", responses: { 200: 'file' }, errors: [400, 401, 404] },
  getThumbnail: { method: 'GET', path: '/conversations/{conversationId}/attachments/{attachmentId}/thumbnail', params: AttachmentParams, summary: "The file's thumbnail, under the file's access rules and headers; 404 when it has none.", responses: { 200: 'file' }, errors: [400, 401, 404] },
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
