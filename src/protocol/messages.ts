/**
 * Messages and the payloads of every message kind, with the patient's answer where a kind
 * expects one. `text` is always readable on its own (the fallback for a client that does not
 * know a kind); `payload` is checked per kind with `parseKindPayload`, and a payload that does
 * not match is shown as the fallback, never half-rendered.
 *
 * Each kind's payload is a module of its own (`kinds/`), so a widget session downloads the
 * schema of a kind with the chunk that renders it; this module gathers them.
 */
import * as v from 'valibot';
import { QuestionnaireResponse } from './fhir.js';
import { SystemPayload, HandoverPayload } from './kinds/notes.js';
import { BookingAnswer, BookingPayload } from './kinds/booking.js';
import { CallbackAnswer, CallbackPayload } from './kinds/callback.js';
import { VideoPayload } from './kinds/video.js';
import { QuestionnairePayload } from './kinds/questionnaire.js';
import { EvaluationPayload } from './kinds/evaluation.js';

export * from './message.js';
export * from './kinds/notes.js';
export * from './kinds/booking.js';
export * from './kinds/callback.js';
export * from './kinds/video.js';
export * from './kinds/questionnaire.js';
export * from './kinds/evaluation.js';

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
