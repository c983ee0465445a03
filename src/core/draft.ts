import { MAX_MESSAGE_LENGTH } from './types.js';

export type DraftCheck =
  | { ok: true; text: string }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'too-long'; length: number; max: number }
  /** The chat is not loaded yet: nothing can be queued (the draft stays). */
  | { ok: false; reason: 'not-ready' };

/** The length the limit applies to: code points (not UTF-16 units) of the trimmed text. */
export const draftLength = (raw: string): number => [...raw.trim()].length;

/** Checks what the patient typed before it is sent. The caller keeps the draft on failure. */
export function checkDraft(raw: string, max = MAX_MESSAGE_LENGTH): DraftCheck {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'empty' };
  const length = draftLength(text);
  if (length > max) return { ok: false, reason: 'too-long', length, max };
  return { ok: true, text };
}
