/**
 * The clinician console's API (the reference server's `/console/api/*`, not part of the patient
 * protocol): every body, response and event, declared once as valibot schemas with their types.
 * The reference server validates with them and the console app (console/) parses with them.
 * Shared shapes (Message, Conversation, Author, QuestionnaireResponse and the message-kind
 * payloads) come from the patient protocol's modules. Every string here is plain text: render as
 * text, never as HTML.
 */
import * as v from 'valibot';
import { NotifiedView } from './notifications.js';
import { Author, Id, Label, PathKey, Queue, Timestamp } from './primitives.js';
import { QuestionnaireResponse } from './fhir.js';
import { BookingAnswer, BookingOffer, CallbackAnswer, CallbackOffer, Message, QuestionnaireOffer, VideoPayload } from './messages.js';
import { Conversation, LoggedOut, MessagePage, type RouteSpec } from './api.js';
import { ATTACHMENT_BODY, AttachmentParams, AttachmentRef, MAX_ATTACHMENTS_PER_MESSAGE, THUMBNAIL_BODY, UploadParams } from './attachments.js';
import { AddNoteBody, InternalNote, NoteList } from './notes.js';
import { TemplateList } from './templates.js';

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80));
const LongText = v.pipe(v.string(), v.maxLength(100_000));

// ---- staff session -------------------------------------------------------------------------

/** Development login (a name and a queue): only with DEV_LOGIN=1 (404 otherwise); staff log in through OIDC. */
export const StaffLoginBody = v.object({
  name: Name,
  queue: v.optional(Queue),
  /** Defaults to the queue's profession ("sjuksköterska" for nurse). */
  profession: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(60))),
});
export type StaffLoginBody = v.InferOutput<typeof StaffLoginBody>;

export const StaffMe = v.object({
  name: Label,
  profession: Label,
  /** The clinician's first queue (take next, conversations the clinic starts). */
  queue: Queue,
  /** Every queue of the clinician: they see and act on these queues' conversations, and those assigned to them. */
  queues: v.optional(v.array(Queue)),
});
export type StaffMe = v.InferOutput<typeof StaffMe>;
/** GET /me: the clinician, or `{ loggedIn: false }` (an answer, not a 401 logged in the browser console). */
export const StaffMeAnswer = v.union([StaffMe, LoggedOut]);
export type StaffMeAnswer = v.InferOutput<typeof StaffMeAnswer>;

/** The login answer: who, and a bearer token for tools and tests (the console uses the cookie). */
export const StaffSession = v.object({ ...StaffMe.entries, token: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) });
export type StaffSession = v.InferOutput<typeof StaffSession>;

/** How staff log in here: through the staff IdP (`sso`, at /console/auth/login) and/or the development form. */
export const LoginOptions = v.object({ sso: v.boolean(), devLogin: v.boolean() });
export type LoginOptions = v.InferOutput<typeof LoginOptions>;

// ---- overview ------------------------------------------------------------------------------

export const PatientRef = v.object({ subject: v.pipe(v.string(), v.minLength(1), v.maxLength(200)), name: Label });
export type PatientRef = v.InferOutput<typeof PatientRef>;

/** A conversation as staff see it: the patient's view plus queue, patient and reason. */
export const ConsoleConversation = v.object({
  ...Conversation.entries,
  /** The queue it is in now. */
  queueName: Queue,
  patient: PatientRef,
  /** The coded contact reason, and its text from the triage questionnaire when known. */
  reason: v.optional(v.object({ code: v.pipe(v.string(), v.maxLength(64)), text: v.optional(Label) })),
  /** The triage raised a red flag (the detail shows which). */
  redFlag: v.optional(v.boolean()),
});
export type ConsoleConversation = v.InferOutput<typeof ConsoleConversation>;

export const QueueSummary = v.object({
  name: Queue,
  /** Queued (sync) and unassigned waiting-for-clinic (async) conversations. */
  waiting: Count,
  /** When the one that has waited longest came into the queue (absent when none waits). */
  oldestWaitingSince: v.optional(Timestamp),
});
export type QueueSummary = v.InferOutput<typeof QueueSummary>;

export const Overview = v.object({
  queues: v.array(QueueSummary),
  conversations: v.array(ConsoleConversation),
  /** Patients the clinic can start a conversation with. */
  patients: v.array(PatientRef),
});
export type Overview = v.InferOutput<typeof Overview>;

// ---- answers as question → answer ----------------------------------------------------------

/** One answered question, ready to show: texts from the questionnaire the patient answered. */
export const AnswerLine = v.object({
  linkId: v.pipe(v.string(), v.maxLength(255)),
  /** The question's text (or the linkId when the questionnaire has none). */
  question: v.pipe(v.string(), v.maxLength(4000)),
  /** Each answer as text (a choice's display, "Ja"/"Nej", a number, the patient's own text). */
  answers: v.array(v.pipe(v.string(), v.maxLength(4000))),
  /** Set when this answer raised a red flag: the questionnaire's reason text (may be empty). */
  redFlag: v.optional(v.pipe(v.string(), v.maxLength(4000))),
  /** Nesting depth (0 at the top; answers inside a group are 1). */
  depth: Count,
});
export type AnswerLine = v.InferOutput<typeof AnswerLine>;

export const TriageView = v.object({
  /** The questionnaire's title. */
  title: v.optional(Label),
  authored: v.optional(Timestamp),
  lines: v.array(AnswerLine),
  redFlags: v.array(v.object({ linkId: v.pipe(v.string(), v.maxLength(255)), reason: v.pipe(v.string(), v.maxLength(4000)) })),
  /** The QuestionnaireResponse as stored (for the record; FHIR). */
  response: QuestionnaireResponse,
});
export type TriageView = v.InferOutput<typeof TriageView>;

export const ActionKind = v.picklist(['booking', 'callback', 'questionnaire']);
export type ActionKind = v.InferOutput<typeof ActionKind>;

/** Something the clinician offered, and the patient's answer once it arrives. */
export const ActionView = v.object({
  actionId: PathKey,
  kind: ActionKind,
  /** The message that carries the offer. */
  messageId: Id,
  offeredAt: Timestamp,
  answeredAt: v.optional(Timestamp),
  /** The answer as the patient sent it (BookingAnswer, CallbackAnswer or QuestionnaireResponse). */
  response: v.optional(v.union([BookingAnswer, CallbackAnswer, QuestionnaireResponse])),
  /** The answer as text: the chosen slot or window, declined, or each question → answer. */
  lines: v.array(AnswerLine),
});
export type ActionView = v.InferOutput<typeof ActionView>;

export const EvaluationView = v.object({
  createdAt: Timestamp,
  /** Each question → answer, with the scale's own labels. */
  lines: v.array(AnswerLine),
  response: QuestionnaireResponse,
});
export type EvaluationView = v.InferOutput<typeof EvaluationView>;

export const ConversationDetail = v.object({
  conversation: ConsoleConversation,
  /** Every message, ascending by seq. */
  messages: v.array(Message),
  triage: v.optional(TriageView),
  actions: v.array(ActionView),
  evaluation: v.optional(EvaluationView),
  /** Staff-only notes on the conversation (never sent to the patient), oldest first. */
  notes: v.optional(v.array(InternalNote)),
  /** When the patient was notified of new messages here (SMS, e-mail, browser), oldest first. */
  notified: v.optional(v.array(NotifiedView)),
});
export type ConversationDetail = v.InferOutput<typeof ConversationDetail>;

// ---- request bodies ------------------------------------------------------------------------

export const TakeNextBody = v.object({ queue: v.optional(Queue) });

/**
 * A clinician's message: text, or an offer the patient answers. The server adds the `actionId`
 * to booking, call-back and questionnaire offers.
 *
 * Text may carry a `clientId` (the console's idempotency key: a repeat answers 200 with the same
 * message, other text or another count 409 `client-id-conflict`) and then `attachmentCount`: the
 * files uploaded for that clientId (`uploadAttachment`, indexes 0…n-1) the message carries; with
 * files the text may be empty.
 */
export const ConsoleSendBody = v.variant('kind', [
  v.object({
    kind: v.literal('text'),
    text: v.string(),
    clientId: v.optional(PathKey),
    attachmentCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ATTACHMENTS_PER_MESSAGE))),
  }),
  v.object({ kind: v.literal('booking'), text: v.string(), payload: BookingOffer }),
  v.object({ kind: v.literal('callback'), text: v.string(), payload: CallbackOffer }),
  v.object({ kind: v.literal('video'), text: v.string(), payload: VideoPayload }),
  v.object({ kind: v.literal('questionnaire'), text: v.string(), payload: QuestionnaireOffer }),
]);
export type ConsoleSendBody = v.InferOutput<typeof ConsoleSendBody>;
/** The wire body: `kind` may be left out for text. */
export const ConsoleSendInput = v.pipe(
  v.looseObject({ kind: v.optional(v.string()) }),
  v.transform((b) => ({ ...b, kind: b.kind ?? 'text' })),
  ConsoleSendBody,
  v.check((b) => b.kind !== 'text' || b.attachmentCount === undefined || b.clientId !== undefined, 'attachmentCount needs a clientId'),
);

export const StaffTypingBody = v.object({ typing: v.boolean() });

/** Hand over to a queue, and to a named colleague in it when `to` is set. */
export const HandoverBody = v.object({ queue: Queue, to: v.optional(Name) });
export type HandoverBody = v.InferOutput<typeof HandoverBody>;

/** Close; the patient is asked to evaluate unless `evaluation` is false. */
export const CloseBody = v.object({ evaluation: v.optional(v.boolean()) });

/** The clinic starts a conversation with a patient: live (sync) or as a thread (async, default). */
export const StartClinicConversationBody = v.object({
  patient: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  mode: v.optional(v.picklist(['sync', 'async'])),
  text: v.string(),
  subject: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(120))),
});
export type StartClinicConversationBody = v.InferOutput<typeof StartClinicConversationBody>;

export const ConsoleConversationParams = v.object({ conversationId: PathKey });
export const EvaluationSummaryQuery = v.object({ queue: v.optional(Queue) });

// ---- record note ---------------------------------------------------------------------------

/** A FHIR R4 Bundle (type `collection`): Communication resources and the QuestionnaireResponse. */
export const FhirBundle = v.looseObject({
  resourceType: v.literal('Bundle'),
  type: v.literal('collection'),
  timestamp: Timestamp,
  entry: v.array(v.looseObject({
    fullUrl: v.pipe(v.string(), v.maxLength(200)),
    resource: v.looseObject({ resourceType: v.picklist(['Communication', 'QuestionnaireResponse', 'Patient']) }),
  })),
});
export type FhirBundle = v.InferOutput<typeof FhirBundle>;

/** The note for the patient record: plain text ready to paste, and the same as FHIR. */
export const RecordNote = v.object({
  /** Plain text (reason, triage answers, messages, next steps). Never HTML. */
  text: LongText,
  bundle: FhirBundle,
});
export type RecordNote = v.InferOutput<typeof RecordNote>;

// ---- evaluation summary --------------------------------------------------------------------

export const EvaluationSummary = v.object({
  queues: v.array(v.object({
    queue: Queue,
    /** Evaluations received. */
    count: Count,
    items: v.array(v.object({
      linkId: v.pipe(v.string(), v.maxLength(255)),
      question: v.pipe(v.string(), v.maxLength(4000)),
      /** Choice items: every option of the scale in its order, with its own label and count. */
      options: v.array(v.object({ code: v.pipe(v.string(), v.maxLength(255)), label: v.pipe(v.string(), v.maxLength(4000)), count: Count })),
      /** Free-text items: how many wrote something (the texts are in each conversation). */
      answered: Count,
    })),
  })),
});
export type EvaluationSummary = v.InferOutput<typeof EvaluationSummary>;

// ---- staff events --------------------------------------------------------------------------

const EventId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));

/** A patient's answer as it arrives (an action answered, an evaluation given). */
export const PatientAnswer = v.variant('kind', [
  v.object({ kind: v.literal('action'), action: ActionView }),
  v.object({ kind: v.literal('evaluation'), evaluation: EvaluationView }),
]);
export type PatientAnswer = v.InferOutput<typeof PatientAnswer>;

/** The console's SSE stream (`/console/api/events`), resumable with Last-Event-ID. */
export const StaffEvent = v.variant('type', [
  v.object({ type: v.literal('message'), id: EventId, message: Message }),
  v.object({ type: v.literal('conversation'), id: EventId, conversation: ConsoleConversation }),
  v.object({ type: v.literal('typing'), id: EventId, conversationId: Id, typing: v.boolean(), author: Author }),
  v.object({ type: v.literal('answer'), id: EventId, conversationId: Id, answer: PatientAnswer }),
  /** A colleague wrote an internal note (staff streams only). */
  v.object({ type: v.literal('note'), id: EventId, note: InternalNote }),
  v.object({ type: v.literal('resync'), id: EventId }),
]);
export type StaffEvent = v.InferOutput<typeof StaffEvent>;

// ---- routes --------------------------------------------------------------------------------

/** A console route: the patient route's shape, below `/console/api`, with a FHIR download as a response kind. */
export interface ConsoleRouteSpec extends Omit<RouteSpec, 'method' | 'responses' | 'errors'> {
  method: 'GET' | 'POST' | 'PUT';
  responses: Record<number, v.GenericSchema | null | 'event-stream' | 'fhir-json' | 'file'>;
}

const P = ConsoleConversationParams;
export const CONSOLE_ROUTES = {
  loginOptions: { method: 'GET', path: '/login-options', auth: false, summary: 'How staff log in: the staff IdP (SITHS) and/or the development form.', responses: { 200: LoginOptions } },
  login: { method: 'POST', path: '/login', auth: false, body: StaffLoginBody, summary: 'Development login by name and queue (DEV_LOGIN=1 only; 404 otherwise).', responses: { 200: StaffSession } },
  logout: { method: 'POST', path: '/logout', auth: false, summary: 'Ends the staff session and clears its cookie.', responses: { 204: null } },
  me: { method: 'GET', path: '/me', auth: false, summary: 'The logged-in clinician, or `{ "loggedIn": false }`.', responses: { 200: StaffMeAnswer } },
  overview: { method: 'GET', path: '/overview', summary: 'Queues with waiting counts, conversations, patients.', responses: { 200: Overview } },
  takeNext: { method: 'POST', path: '/next', body: TakeNextBody, summary: 'Takes the next conversation of a queue (404 when none waits).', responses: { 200: Conversation } },
  startConversation: { method: 'POST', path: '/conversations', body: StartClinicConversationBody, summary: 'The clinic starts a conversation with a patient.', responses: { 201: Conversation } },
  detail: { method: 'GET', path: '/conversations/{conversationId}', params: P, summary: 'Messages, triage answers, actions and evaluation of one conversation.', responses: { 200: ConversationDetail } },
  messages: { method: 'GET', path: '/conversations/{conversationId}/messages', params: P, summary: 'The messages (one page of up to 200).', responses: { 200: MessagePage } },
  send: { method: 'POST', path: '/conversations/{conversationId}/messages', params: P, body: ConsoleSendInput, summary: 'Sends text or an offer (booking, call-back, video, questionnaire); text with a clientId is idempotent (200 with the same message on a repeat) and may carry the files uploaded for it.', responses: { 201: Message, 200: Message } },
  typing: { method: 'POST', path: '/conversations/{conversationId}/typing', params: P, body: StaffTypingBody, summary: 'The clinician is typing, or stopped.', responses: { 204: null } },
  read: { method: 'POST', path: '/conversations/{conversationId}/read', params: P, summary: "The patient's messages are read.", responses: { 204: null } },
  handover: { method: 'POST', path: '/conversations/{conversationId}/handover', params: P, body: HandoverBody, summary: 'Hands over to a queue or a named colleague.', responses: { 200: Conversation } },
  close: { method: 'POST', path: '/conversations/{conversationId}/close', params: P, body: CloseBody, summary: 'Closes, and asks for an evaluation unless told not to.', responses: { 200: Conversation } },
  record: { method: 'GET', path: '/conversations/{conversationId}/record', params: P, summary: 'The note for the patient record: plain text and a FHIR Bundle.', responses: { 200: RecordNote } },
  recordFhir: { method: 'GET', path: '/conversations/{conversationId}/record.fhir.json', params: P, summary: 'The FHIR R4 Bundle as a download (application/fhir+json).', responses: { 200: 'fhir-json' } },
  notes: { method: 'GET', path: '/conversations/{conversationId}/notes', params: P, summary: 'The internal notes of a conversation (staff only), oldest first.', responses: { 200: NoteList } },
  addNote: { method: 'POST', path: '/conversations/{conversationId}/notes', params: P, body: AddNoteBody, summary: 'Writes an internal note: staff see it, the patient never does.', responses: { 201: InternalNote } },
  uploadAttachment: { method: 'PUT', path: '/conversations/{conversationId}/attachments/{clientId}/{index}', params: UploadParams, rawBody: ATTACHMENT_BODY, summary: "Uploads a clinic document or image for the clinician's message `clientId` (place `index`, 0–4) before it is sent: the patient's upload's rules (types by content, scanner, 10 MB, idempotent: 201, then 200 for the same bytes, 409 for others).", responses: { 201: AttachmentRef, 200: AttachmentRef } },
  attachment: { method: 'GET', path: '/conversations/{conversationId}/attachments/{attachmentId}', params: AttachmentParams, summary: "A file of the conversation: images inline, anything else as a download, under a sandboxing CSP.", responses: { 200: 'file' } },
  uploadThumbnail: { method: 'PUT', path: '/conversations/{conversationId}/attachments/{clientId}/{index}/thumbnail', params: UploadParams, rawBody: THUMBNAIL_BODY, summary: "Optional: a small copy (JPEG or WebP, at most 320 px, 64 KB) of the clinician's image at that place, after the file and before the message: the patient's rules.", responses: { 201: AttachmentRef, 200: AttachmentRef } },
  thumbnail: { method: 'GET', path: '/conversations/{conversationId}/attachments/{attachmentId}/thumbnail', params: AttachmentParams, summary: "The file's thumbnail (404 when it has none), with the file's headers.", responses: { 200: 'file' } },
  templates: { method: 'GET', path: '/templates', summary: "The clinic's message templates, with `{placeholders}` the console fills from the conversation (fillTemplate), and the clinic's name.", responses: { 200: TemplateList } },
  evaluationSummary: { method: 'GET', path: '/evaluations/summary', query: EvaluationSummaryQuery, summary: 'Evaluations per queue: counts per answer with the scale labels.', responses: { 200: EvaluationSummary } },
  events: { method: 'GET', path: '/events', summary: 'Staff-visible events (Server-Sent Events), resumable with Last-Event-ID.', responses: { 200: 'event-stream' } },
} as const satisfies Record<string, ConsoleRouteSpec>;
export type ConsoleRouteName = keyof typeof CONSOLE_ROUTES;

