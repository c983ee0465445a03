/**
 * Links in message text: which URLs become links, and how text splits around them. The
 * payload checks are the protocol's (src/protocol/kinds/); the evaluation's scale is
 * `evaluation-scale.ts` (in the evaluation's chunk). Framework-free.
 */
import { isSafeHttpsUrl } from '../protocol/primitives.js';

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
