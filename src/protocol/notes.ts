/**
 * Internal notes (issue #18): a clinician's note on a conversation that only staff see — a word
 * with a colleague, a reminder. Console API only; nothing here is in the patient protocol, and
 * the reference server keeps notes apart from messages (their own table, staff-only events).
 */
import * as v from 'valibot';
import { Author, Id, Timestamp } from './primitives.js';

/** Longest note, in code points. */
export const MAX_NOTE_LENGTH = 4000;

export const InternalNote = v.object({
  id: Id,
  conversationId: Id,
  /** The clinician who wrote it. */
  author: Author,
  /** Plain text, never HTML. */
  text: v.pipe(v.string(), v.maxLength(20_000)),
  createdAt: Timestamp,
});
export type InternalNote = v.InferOutput<typeof InternalNote>;

export const NoteList = v.object({ notes: v.pipe(v.array(InternalNote), v.maxLength(10_000)) });

/** Empty or longer than MAX_NOTE_LENGTH code points → 422 (`message-empty`, `message-too-long`). */
export const AddNoteBody = v.object({ text: v.string() });
export type AddNoteBody = v.InferOutput<typeof AddNoteBody>;

export function noteTextProblem(text: string): 'message-empty' | 'message-too-long' | null {
  if (!text.trim()) return 'message-empty';
  if (text.length > MAX_NOTE_LENGTH && [...text].length > MAX_NOTE_LENGTH) return 'message-too-long';
  return null;
}
