/**
 * Payloads of the message kinds beyond text, and their shape checks. Every payload comes from a
 * server and is hostile: a check returns a clean copy with only the fields it knows, or null, and
 * the renderer then falls back to a neutral note. Framework-free.
 */
import type { Author, Questionnaire } from './types.js';
import { parseAuthor } from './validate.js';

export interface BookingSlot {
  id: string;
  /** ISO 8601. */
  start: string;
  end: string;
  type: 'visit' | 'video';
  /** Plain text, e.g. the place or the clinician. */
  label?: string;
}
export interface BookingPayload { slots: BookingSlot[] }
export interface CallbackPayload { around: string; phoneHint?: string }
export interface VideoPayload { start: string; url: string }
export interface HandoverPayload { to: Author; queue?: string }
export interface QuestionnairePayload { questionnaire: Questionnaire }
export interface EvaluationPayload { questionnaire?: Questionnaire }
export type SystemEvent = 'joined' | 'left' | 'handover' | 'closed';
export interface SystemPayload { event: SystemEvent; author?: Author }

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 2000;
const isDate = (v: unknown): v is string => isStr(v) && !Number.isNaN(Date.parse(v));
const MAX_SLOTS = 20;

/** The URL when it is an absolute https URL, else null (javascript:, http:, data:, relative …). */
export function safeHttpsUrl(raw: unknown): string | null {
  if (!isStr(raw)) return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' && u.hostname ? u.href : null;
  } catch {
    return null;
  }
}

export function parseBooking(v: unknown): BookingPayload | null {
  if (!isObj(v) || !Array.isArray(v.slots)) return null;
  const slots: BookingSlot[] = [];
  for (const s of v.slots.slice(0, MAX_SLOTS)) {
    if (!isObj(s) || !isStr(s.id) || !isDate(s.start) || !isDate(s.end)) continue;
    if (s.type !== 'visit' && s.type !== 'video') continue;
    const slot: BookingSlot = { id: s.id, start: s.start, end: s.end, type: s.type };
    if (isStr(s.label)) slot.label = s.label;
    slots.push(slot);
  }
  return slots.length ? { slots } : null;
}

export function parseCallback(v: unknown): CallbackPayload | null {
  if (!isObj(v) || !isDate(v.around)) return null;
  const p: CallbackPayload = { around: v.around };
  if (isStr(v.phoneHint) && v.phoneHint.length <= 40) p.phoneHint = v.phoneHint;
  return p;
}

export function parseVideo(v: unknown): VideoPayload | null {
  if (!isObj(v) || !isDate(v.start)) return null;
  const url = safeHttpsUrl(v.url);
  // an unsafe link is dropped, the time still shows
  return { start: v.start, url: url ?? '' };
}

export function parseHandover(v: unknown): HandoverPayload | null {
  if (!isObj(v)) return null;
  const to = parseAuthor(v.to);
  if (!to) return null;
  const p: HandoverPayload = { to };
  if (isStr(v.queue)) p.queue = v.queue;
  return p;
}

export function isQuestionnaire(v: unknown): v is Questionnaire {
  return isObj(v) && v.resourceType === 'Questionnaire';
}

export function parseQuestionnairePayload(v: unknown): QuestionnairePayload | null {
  return isObj(v) && isQuestionnaire(v.questionnaire) ? { questionnaire: v.questionnaire } : null;
}

export function parseEvaluation(v: unknown): EvaluationPayload {
  return isObj(v) && isQuestionnaire(v.questionnaire) ? { questionnaire: v.questionnaire } : {};
}

const SYSTEM_EVENTS = new Set(['joined', 'left', 'handover', 'closed']);
export function parseSystem(v: unknown): SystemPayload | null {
  if (!isObj(v) || !isStr(v.event) || !SYSTEM_EVENTS.has(v.event)) return null;
  const p: SystemPayload = { event: v.event as SystemEvent };
  const author = parseAuthor(v.author);
  if (author) p.author = author;
  return p;
}

export type TextSegment = { text: string; href?: string };

/**
 * Splits message text into plain text and links. Only https URLs become links; anything else
 * (http, javascript:, mailto …) stays plain text. Trailing punctuation is not part of a link.
 */
export function linkify(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  const re = /\bhttps?:\/\/[^\s<>"']+/gi;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let url = m[0];
    const trail = /[.,;:!?)\]]+$/.exec(url);
    if (trail) url = url.slice(0, -trail[0].length);
    const href = safeHttpsUrl(url);
    if (!href) continue;
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ text: url, href });
    last = m.index + url.length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** A phone number the patient typed: digits, spaces, dashes and a leading +; 6–15 digits. */
export function checkPhone(raw: string): string | null {
  const t = raw.trim();
  if (!/^\+?[\d\s-]+$/.test(t)) return null;
  const digits = t.replace(/\D/g, '');
  return digits.length >= 6 && digits.length <= 15 ? t : null;
}

/** The default evaluation: a 1–5 satisfaction scale and an optional comment. */
export const EVALUATION_ID = 'vard-chat-evaluation';
export function evaluationResponse(score: number, comment: string) {
  const item: { linkId: string; answer: ({ valueInteger: number } | { valueString: string })[] }[] = [
    { linkId: 'satisfaction', answer: [{ valueInteger: score }] },
  ];
  if (comment.trim()) item.push({ linkId: 'comment', answer: [{ valueString: comment.trim() }] });
  return { resourceType: 'QuestionnaireResponse' as const, status: 'completed', questionnaire: EVALUATION_ID, item };
}
