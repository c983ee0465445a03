import { MAX_MESSAGE_LENGTH } from './types.js';

export type DraftCheck =
  | { ok: true; text: string }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'too-long'; length: number; max: number }
  /** The chat is not loaded yet: nothing can be queued (the draft stays). */
  | { ok: false; reason: 'not-ready' };

/** Checks what the patient typed before it is sent. The caller keeps the draft on failure. */
export function checkDraft(raw: string, max = MAX_MESSAGE_LENGTH): DraftCheck {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'empty' };
  const length = [...text].length; // count code points, not UTF-16 units
  if (length > max) return { ok: false, reason: 'too-long', length, max };
  return { ok: true, text };
}
