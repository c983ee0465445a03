/**
 * Attachments (issue #18): a photo or a PDF on a message. The file itself travels as a raw body
 * (`PUT …/attachments/{clientId}/{index}`, idempotent by the message's `clientId` and the file's
 * place in it) before the message is sent; the message then carries a reference to each
 * (`Message.attachments`). Names and alt texts are hostile plain text; the type is one of an
 * allow-list and is checked by the server against the bytes (docs/attachments.md).
 */
import * as v from 'valibot';
import { Author, Id, PathKey, Timestamp } from './primitives.js';
import { ATTACHMENT_TYPES, AttachmentRef, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME } from './attachment-ref.js';

export * from './attachment-ref.js';

/** The widget scales images to at most this many pixels on the long side. */
export const MAX_IMAGE_EDGE = 2048;

export const isImageType = (type: string): boolean => type.startsWith('image/');

/**
 * `PUT /conversations/{conversationId}/attachments/{clientId}/{index}`: the message's clientId and
 * the file's place in it (0 up to `MAX_ATTACHMENTS_PER_MESSAGE` - 1; a higher one is 422
 * `too-many-attachments`).
 */
export const UploadParams = v.object({
  conversationId: PathKey,
  clientId: PathKey,
  index: v.pipe(v.string(), v.regex(/^\d{1,2}$/)),
});
export const AttachmentParams = v.object({ conversationId: PathKey, attachmentId: PathKey });

/**
 * One file of a conversation as its list shows it (`GET /conversations/{id}/attachments`): the
 * reference the message carries, the message, who sent it and when.
 */
export const ConversationFile = v.object({
  ...AttachmentRef.entries,
  /** The message that carries the file. */
  messageId: Id,
  /** The message's author. */
  author: Author,
  /** When the message was sent. */
  createdAt: Timestamp,
});
export type ConversationFile = v.InferOutput<typeof ConversationFile>;

/** Every file on a sent message of the conversation, newest message first (its files in their order). */
export const ConversationFiles = v.object({ files: v.array(ConversationFile) });
export type ConversationFiles = v.InferOutput<typeof ConversationFiles>;

/**
 * The upload's headers besides `Content-Type` (the claimed type): the name and the alt text,
 * each UTF-8 percent-encoded (`encodeURIComponent`), so no patient text goes into the URL.
 */
export const ATTACHMENT_NAME_HEADER = 'x-attachment-name';
export const ATTACHMENT_ALT_HEADER = 'x-attachment-alt';

/** The request-body and response kind of a route that carries a file, not JSON. */
export interface RawBody {
  /** Content types it takes. */
  types: readonly string[];
  /** Largest body, bytes. */
  maxBytes: number;
}
export const ATTACHMENT_BODY: RawBody = { types: ATTACHMENT_TYPES, maxBytes: MAX_ATTACHMENT_BYTES };

/** The types a thumbnail may have (the widget makes JPEG). */
export const THUMBNAIL_TYPES = ['image/jpeg', 'image/webp'] as const;
/** The largest thumbnail, in bytes (64 KiB). */
export const MAX_THUMBNAIL_BYTES = 64 * 1024;
export const THUMBNAIL_BODY: RawBody = { types: THUMBNAIL_TYPES, maxBytes: MAX_THUMBNAIL_BYTES };

/** The widget's check before anything is stored: null when the file may be attached. */
export function attachmentProblem(file: { type: string; size: number }): 'attachment-type' | 'attachment-too-large' | 'attachment-empty' | null {
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return 'attachment-type';
  if (file.size <= 0) return 'attachment-empty';
  if (file.size > MAX_ATTACHMENT_BYTES) return 'attachment-too-large';
  return null;
}

/** A name made safe to store and show: control characters out, trimmed, cut to the limit, never empty. */
export function cleanAttachmentName(raw: string, fallback = 'bilaga'): string {
  const cleaned = raw.replace(/[\u0000-\u001f\u007f]/g, '').replace(/[\\/]/g, '_').trim();
  const cut = [...cleaned].slice(0, MAX_ATTACHMENT_NAME).join('');
  return cut.length > MAX_ATTACHMENT_NAME ? cut.slice(0, MAX_ATTACHMENT_NAME) : cut || fallback;
}
