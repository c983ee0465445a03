/**
 * The reference to an attachment that a message carries (issue #18), and the limits it is checked
 * against. A module of its own: what shows a message's files needs it, the upload's route,
 * headers and checks (`attachments.ts`) only the code that uploads or picks. The message schema
 * leaves each file `unknown` (so a session without files never loads this); `parseAttachment`
 * checks one where it is shown, the server and the conformance suite check them all.
 */
import * as v from 'valibot';
import { Id } from './primitives.js';
import { MAX_ATTACHMENTS_PER_MESSAGE } from './message.js';

export { MAX_ATTACHMENTS_PER_MESSAGE };

/** The types an attachment may have; nothing else (no SVG, no HTML, no Office files). */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const AttachmentTypeSchema = v.picklist(ATTACHMENT_TYPES);

/** A thumbnail's longest side, in pixels (both sides at most this). */
export const MAX_THUMBNAIL_EDGE = 320;

/** The largest attachment, in bytes (10 MiB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** A file name's length, in UTF-16 units. */
export const MAX_ATTACHMENT_NAME = 200;
/** An alt text's length. */
export const MAX_ATTACHMENT_ALT = 500;
/** A file name as shown: plain text, no control characters, 1–200 long. */
export const AttachmentName = v.pipe(
  v.string(), v.minLength(1), v.maxLength(MAX_ATTACHMENT_NAME),
  v.check((s) => !/[\u0000-\u001f\u007f]/.test(s), 'a name without control characters'),
);

/** A reference to a stored attachment, as a message carries it. */
export const AttachmentRef = v.object({
  /** The server's id (download: `GET …/attachments/{id}`). */
  id: Id,
  /** The file's name (hostile plain text; never HTML, never a path). */
  name: AttachmentName,
  /** The type the server found in the bytes. */
  type: AttachmentTypeSchema,
  /** Bytes. */
  size: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ATTACHMENT_BYTES)),
  /** Pixels, for images, when known. */
  width: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))),
  height: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))),
  /** The sender's description of an image (plain text). */
  alt: v.optional(v.pipe(v.string(), v.maxLength(MAX_ATTACHMENT_ALT))),
  /** A small copy of an image, made by the sender's browser (download: `GET …/attachments/{id}/thumbnail`). */
  thumbnail: v.optional(v.object({
    width: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_THUMBNAIL_EDGE)),
    height: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_THUMBNAIL_EDGE)),
  })),
});
export type AttachmentRef = v.InferOutput<typeof AttachmentRef>;

export const AttachmentList = v.pipe(v.array(AttachmentRef), v.maxLength(MAX_ATTACHMENTS_PER_MESSAGE));

/** One of a message's files, checked; null when it is not an `AttachmentRef`. */
export function parseAttachment(x: unknown): AttachmentRef | null {
  const r = v.safeParse(AttachmentRef, x);
  return r.success ? r.output : null;
}
