/**
 * A message on the wire. `text` is always readable on its own (the fallback for a client that
 * does not know a kind); `payload` is checked per kind (`kinds/`, `parseKindPayload`), and a
 * payload that does not match is shown as the fallback, never half-rendered. `attachments` are
 * checked the same way, where they are shown (`parseAttachment`).
 */
import * as v from 'valibot';
import { Author, Id, Timestamp } from './primitives.js';

/** At most this many files on one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;

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
  /**
   * Files on the message (photos, PDFs), in the order the sender put them; any kind may carry
   * them. Each is an `AttachmentRef`, checked with `parseAttachment` where it is shown (like a
   * kind's payload): a file that does not match shows as one that cannot be opened and the
   * message keeps its text, and a session that never shows a file never loads the check.
   */
  attachments: v.optional(v.pipe(v.array(v.unknown()), v.maxLength(MAX_ATTACHMENTS_PER_MESSAGE))),
});
export type Message = v.InferOutput<typeof Message>;
