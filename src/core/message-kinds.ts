/**
 * What the widget does with message kinds beyond checking them (the payload checks are the
 * protocol's `parseKindPayload`): links in text, and the evaluation's scale. Framework-free.
 */
import { isSafeHttpsUrl } from '../protocol/primitives.js';
import type { Coding, Questionnaire, QuestionnaireResponse, QuestionnaireResponseItem } from '../protocol/fhir.js';

export { checkPhone } from '../protocol/messages.js';

/** What a link's text shows as its host: between `//` and the first `/ ? # \`. */
const visibleHost = (raw: string) => /^https:\/\/([^/?#\\]*)/i.exec(raw)?.[1]?.toLowerCase() ?? '';

/**
 * The URL when it is an absolute https URL that opens the host it shows, else null: no
 * javascript:, http:, data: or relative URLs, no user info (`https://www.1177.se@evil.example`
 * opens evil.example), no host that the browser rewrites (percent-encoded or non-ASCII hosts
 * open a host other than the text shows).
 */
export function safeHttpsUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || !isSafeHttpsUrl(raw)) return null;
  const u = new URL(raw);
  return visibleHost(raw) === u.host ? u.href : null;
}

export type TextSegment = { text: string; href?: string };

/**
 * Splits message text into plain text and links. Only safe https URLs become links (see
 * `safeHttpsUrl`); anything else stays plain text. Trailing punctuation is not part of a link.
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

/** An evaluation the widget can show as one scale and an optional comment. */
export interface EvaluationScale {
  questionnaire: Questionnaire;
  question: { linkId: string; text: string };
  /** The steps in the questionnaire's order, each with its own label. */
  options: Coding[];
  comment?: { linkId: string; text: string; maxLength: number };
}

const MAX_STEPS = 11;
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The scale of an evaluation questionnaire: its first item is a required-or-not `choice` with
 * 2–11 coded options that each have a label, and it has at most one more item, a `text` or
 * `string` comment. Null for any other questionnaire (shown as a general form instead).
 */
export function evaluationScale(q: Questionnaire): EvaluationScale | null {
  const [first, second, ...rest] = q.item ?? [];
  if (!first || rest.length || first.type !== 'choice' || !first.text || !Array.isArray(first.answerOption)) return null;
  const options: Coding[] = [];
  for (const o of first.answerOption as unknown[]) {
    const c = isObj(o) && isObj(o.valueCoding) ? o.valueCoding : undefined;
    if (!c || typeof c.code !== 'string' || typeof c.display !== 'string' || !c.code || !c.display) return null;
    options.push({ code: c.code, display: c.display, ...(typeof c.system === 'string' ? { system: c.system } : {}) });
  }
  if (options.length < 2 || options.length > MAX_STEPS) return null;
  const scale: EvaluationScale = { questionnaire: q, question: { linkId: first.linkId, text: first.text }, options };
  if (second) {
    if ((second.type !== 'text' && second.type !== 'string') || !second.text) return null;
    const max = typeof second.maxLength === 'number' && second.maxLength > 0 ? Math.min(second.maxLength, 4000) : 1000;
    scale.comment = { linkId: second.linkId, text: second.text, maxLength: max };
  }
  return scale;
}

/** The patient's evaluation: the step chosen (with its label) and the comment when written. */
export function evaluationResponse(scale: EvaluationScale, code: string, comment: string): QuestionnaireResponse {
  const option = scale.options.find((o) => o.code === code);
  if (!option) throw new RangeError('not a step of the scale');
  const item: QuestionnaireResponseItem[] = [{ linkId: scale.question.linkId, text: scale.question.text, answer: [{ valueCoding: option }] }];
  const text = scale.comment ? comment.trim().slice(0, scale.comment.maxLength) : '';
  if (text && scale.comment) item.push({ linkId: scale.comment.linkId, text: scale.comment.text, answer: [{ valueString: text }] });
  const qr: QuestionnaireResponse = { resourceType: 'QuestionnaireResponse', status: 'completed', item };
  if (scale.questionnaire.id) qr.questionnaire = `Questionnaire/${scale.questionnaire.id}`;
  return qr;
}
