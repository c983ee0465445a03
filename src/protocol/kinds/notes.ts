/** The notes in a thread: `system` (joined, left, closed) and `handover`. */
import * as v from 'valibot';
import { Author, Queue } from '../primitives.js';

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
