/**
 * Shared building blocks of the wire shapes: identifiers, timestamps, text limits, authors,
 * queues and error bodies. Framework-free; every check runs without `eval` (valibot), so the
 * widget can validate under a strict CSP with Trusted Types.
 */
import * as v from 'valibot';

/** Max message text length in Unicode code points (`[...text].length`). */
export const MAX_MESSAGE_LENGTH = 4000;
/** Max length of any other free text on the wire (names, labels, subjects). */
export const MAX_LABEL_LENGTH = 200;

/** An opaque identifier chosen by the server (conversation, message, event, slot). */
export const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

/** A key safe in a URL path segment: the patient's `clientId`, an `actionId`, a conversation id. */
export const PATH_KEY = /^[A-Za-z0-9._:-]{1,100}$/;
export const PathKey = v.pipe(v.string(), v.regex(PATH_KEY));

/** ISO 8601 date-time with seconds and a zone, e.g. `2026-12-03T09:00:00.000Z` or `…T09:00:00+01:00`. */
export const Timestamp = v.pipe(v.string(), v.maxLength(40), v.isoTimestamp());

/** Plain text for a label or a name; never HTML. */
export const Label = v.pipe(v.string(), v.maxLength(MAX_LABEL_LENGTH));

export const AuthorRole = v.picklist(['patient', 'clinician', 'system']);
export type AuthorRole = v.InferOutput<typeof AuthorRole>;

export const Author = v.object({
  role: AuthorRole,
  /** Display name, when the backend gives one (plain text). */
  name: v.optional(Label),
  /** Profession, e.g. "sjuksköterska" (plain text). */
  profession: v.optional(Label),
});
export type Author = v.InferOutput<typeof Author>;

/**
 * The reference server's queues. A handover names the queue it moves the conversation to; the
 * widget shows the queue's profession in the patient's language.
 */
export const QUEUES = ['nurse', 'doctor', 'physiotherapist', 'reception'] as const;
export const Queue = v.picklist(QUEUES);
export type Queue = v.InferOutput<typeof Queue>;

/** Machine-readable error codes of the protocol (docs/protocol.md, "Errors"). */
export const ERROR_CODES = [
  'invalid-json', 'invalid-request', 'unsupported-media-type', 'no-session', 'forbidden', 'not-found',
  'method-not-allowed', 'client-id-conflict', 'conversation-closed', 'already-answered', 'body-too-large',
  'message-too-long', 'message-empty', 'rate-limited', 'too-many-streams', 'internal',
  // attachments (docs/attachments.md)
  'attachment-too-large', 'attachment-invalid', 'attachment-rejected', 'too-many-attachments', 'attachment-conflict',
  'message-sent', 'attachments-missing',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every error response: `code` for clients (they show their own text), `message` for developers. */
export const ErrorBody = v.object({
  code: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,64}$/)),
  message: v.pipe(v.string(), v.maxLength(1000)),
});
export type ErrorBody = v.InferOutput<typeof ErrorBody>;

/**
 * The rule for message text, shared by the widget (before sending) and the server (422 codes):
 * null when the text may be sent.
 */
export function messageTextProblem(text: string): 'message-empty' | 'message-too-long' | null {
  if (!text.trim()) return 'message-empty';
  // code points, not UTF-16 units; counted without building an array for short texts
  if (text.length > MAX_MESSAGE_LENGTH && [...text].length > MAX_MESSAGE_LENGTH) return 'message-too-long';
  return null;
}

/** An absolute https URL with a host and no user info (`https://a@b` shows one host, opens another). */
export function isSafeHttpsUrl(raw: string): boolean {
  if (raw.length > 2000) return false;
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' && !!u.hostname && !u.username && !u.password;
  } catch {
    return false;
  }
}
export const HttpsUrl = v.pipe(v.string(), v.url(), v.check(isSafeHttpsUrl, 'an https URL without user info'));
