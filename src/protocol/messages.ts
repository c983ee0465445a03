/**
 * Messages and the payloads of every message kind, with the patient's answer where a kind
 * expects one. `text` is always readable on its own (the fallback for a client that does not
 * know a kind); `payload` is checked per kind with `parseKindPayload`, and a payload that does
 * not match is shown as the fallback, never half-rendered.
 */
import * as v from 'valibot';
import { Author, HttpsUrl, Id, Label, PathKey, Queue, Timestamp } from './primitives.js';
import { Questionnaire, QuestionnaireResponse } from './fhir.js';
import { AttachmentList } from './attachments.js';

/** The kinds this protocol version defines; other kinds are allowed on the wire and shown as text. */
export const MESSAGE_KINDS = ['text', 'system', 'handover', 'booking', 'callback', 'video', 'questionnaire', 'evaluation'] as const;
export type KnownMessageKind = (typeof MESSAGE_KINDS)[number];
export type MessageKind = KnownMessageKind | (string & {});

export const Message = v.object({
  /** Server id. */
  id: Id,
  /** The patient's idempotency key, on patient-written messages. */
  clientId: v.optional(v.pipe(v.string(), v.maxLength(100))),
  conversationId: Id,
  /** Server order within the conversation, strictly increasing. */
  seq: v.pipe(v.number(), v.integer(), v.minValue(0)),
  author: Author,
  kind: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,39}$/)) as v.GenericSchema<MessageKind>,
  /** Plain text, never HTML: the whole message for `text`, a readable summary for other kinds. */
  text: v.pipe(v.string(), v.maxLength(10_000)),
  createdAt: Timestamp,
  /** Set when the other side has read it. */
  readAt: v.optional(Timestamp),
  /** Kind-specific, checked by `parseKindPayload`. */
  payload: v.optional(v.unknown()),
  /** Files on the message (photos, PDFs), in the order the sender put them; any kind may carry them. */
  attachments: v.optional(AttachmentList),
});
export type Message = v.InferOutput<typeof Message>;

// ---- payloads ------------------------------------------------------------------------------

/** `system`: a clinician joined or left, or the conversation was closed. */
export const SystemPayload = v.object({
  event: v.picklist(['joined', 'left', 'closed']),
  author: v.optional(Author),
});
export type SystemPayload = v.InferOutput<typeof SystemPayload>;

/** `handover`: the conversation moved to another queue, and to a named person when `to` is set. */
export const HandoverPayload = v.object({
  from: v.optional(Author),
  toQueue: Queue,
  to: v.optional(Author),
});
export type HandoverPayload = v.InferOutput<typeof HandoverPayload>;

export const BookingSlot = v.object({
  id: Id,
  start: Timestamp,
  end: Timestamp,
  /** A visit at the clinic or a video meeting. */
  type: v.picklist(['visit', 'video']),
  /** Plain text: the place or the clinician. */
  label: v.optional(Label),
});
export type BookingSlot = v.InferOutput<typeof BookingSlot>;

/** What a clinician offers (the console's body); the server adds the `actionId`. */
export const BookingOffer = v.object({ slots: v.pipe(v.array(BookingSlot), v.minLength(1), v.maxLength(20)) });
export const BookingPayload = v.object({ actionId: PathKey, ...BookingOffer.entries });
export type BookingPayload = v.InferOutput<typeof BookingPayload>;
/** The patient picks one slot, or asks for other times. */
export const BookingAnswer = v.union([
  v.strictObject({ slotId: Id }),
  v.strictObject({ declined: v.literal(true) }),
]);
export type BookingAnswer = v.InferOutput<typeof BookingAnswer>;

/** A time window in which the clinic can call. */
export const CallbackWindow = v.object({ id: Id, start: Timestamp, end: Timestamp });
export type CallbackWindow = v.InferOutput<typeof CallbackWindow>;
export const CallbackOffer = v.object({
  windows: v.pipe(v.array(CallbackWindow), v.minLength(1), v.maxLength(10)),
  /** The end of the number the clinic has, e.g. "•••• 12 34", so the patient can check it. */
  phoneHint: v.optional(v.pipe(v.string(), v.maxLength(40))),
});
export const CallbackPayload = v.object({ actionId: PathKey, ...CallbackOffer.entries });
export type CallbackPayload = v.InferOutput<typeof CallbackPayload>;

/** A phone number as a patient types it: digits, spaces, dashes, a leading +; 6–15 digits. */
export const PHONE = /^\+?[\d\s-]{6,24}$/;
export function checkPhone(raw: string): string | null {
  const t = raw.trim();
  if (!PHONE.test(t)) return null;
  const digits = t.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 15 ? t : null;
}
/** The patient picks a window and may correct the number; or declines the call. */
export const CallbackAnswer = v.union([
  v.strictObject({ windowId: Id, phone: v.optional(v.pipe(v.string(), v.check((p) => checkPhone(p) !== null, 'a phone number'))) }),
  v.strictObject({ declined: v.literal(true) }),
]);
export type CallbackAnswer = v.InferOutput<typeof CallbackAnswer>;

/** `video`: a link to a video meeting (opened in a new tab, never embedded), its time when known. */
export const VideoPayload = v.object({ url: HttpsUrl, start: v.optional(Timestamp) });
export type VideoPayload = v.InferOutput<typeof VideoPayload>;

/** `questionnaire`: an inline form (information before a visit); answered with a QuestionnaireResponse. */
export const QuestionnaireOffer = v.object({ questionnaire: Questionnaire });
export const QuestionnairePayload = v.object({ actionId: PathKey, ...QuestionnaireOffer.entries });
export type QuestionnairePayload = v.InferOutput<typeof QuestionnairePayload>;

/** `evaluation`: sent after closing; answered at `POST …/evaluation`. Without a questionnaire the widget asks its default. */
export const EvaluationPayload = v.object({ questionnaire: v.optional(Questionnaire) });
export type EvaluationPayload = v.InferOutput<typeof EvaluationPayload>;

/** The payload schema of each kind (`text` has none). */
export const KIND_PAYLOADS = {
  system: SystemPayload,
  handover: HandoverPayload,
  booking: BookingPayload,
  callback: CallbackPayload,
  video: VideoPayload,
  questionnaire: QuestionnairePayload,
  evaluation: EvaluationPayload,
} as const;
export type KindWithPayload = keyof typeof KIND_PAYLOADS;
export type KindPayload<K extends KindWithPayload> = v.InferOutput<(typeof KIND_PAYLOADS)[K]>;

/** The answer body (`response`) of each kind answered through `POST …/actions/{actionId}`. */
export const KIND_ANSWERS = {
  booking: BookingAnswer,
  callback: CallbackAnswer,
  questionnaire: QuestionnaireResponse,
} as const;
export type AnsweredKind = keyof typeof KIND_ANSWERS;
export type KindAnswer<K extends AnsweredKind> = v.InferOutput<(typeof KIND_ANSWERS)[K]>;

/** Any action answer; the server checks it against the kind of the action's message. */
export const ActionAnswer = v.union([BookingAnswer, CallbackAnswer, QuestionnaireResponse]);
export type ActionAnswer = v.InferOutput<typeof ActionAnswer>;

/** A message's payload checked for its kind: the clean payload, or null (show the fallback). */
export function parseKindPayload<K extends KindWithPayload>(kind: K, payload: unknown): KindPayload<K> | null {
  const r = v.safeParse(KIND_PAYLOADS[kind], payload);
  return r.success ? (r.output as KindPayload<K>) : null;
}

export function isKindWithPayload(kind: string): kind is KindWithPayload {
  return Object.prototype.hasOwnProperty.call(KIND_PAYLOADS, kind);
}
