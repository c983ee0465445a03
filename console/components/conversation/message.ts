/**
 * How each message kind shows in the console's thread. Every string from the server is put in
 * as text (Lit escapes it); links are shown only for https URLs. An unknown kind shows its text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { isObj } from '../../core/api.js';
import type { Message } from '../../core/wire.js';
import type { ConsoleLocale, T } from '../../i18n/index.js';
import { authorName, dateTimeText, queueLabel, timeText } from '../shared/format.js';

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function safeHttps(raw: unknown): string | null {
  try {
    const u = new URL(str(raw));
    return u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function renderMessage(m: Message, t: T, locale: ConsoleLocale): TemplateResult {
  return html`<li class="msg ${m.author.role}" data-id=${m.id} data-kind=${m.kind}>
    <span class="meta">${authorName(m.author, t)} · ${timeText(m.createdAt, locale)}${m.readAt && m.author.role !== 'patient' ? ` · ${t('read')}` : ''}</span>
    <span class="text">${m.text}</span>
    ${renderDetail(m, t, locale)}
  </li>`;
}

function renderDetail(m: Message, t: T, locale: ConsoleLocale): TemplateResult | typeof nothing {
  const p = isObj(m.payload) ? m.payload : {};
  switch (m.kind) {
    case 'booking':
      return html`<ul class="detail">${arr(p.slots).filter(isObj).map((s) => html`<li>
        ${dateTimeText(str(s.start), locale)} · ${s.type === 'video' ? t('slotType_video') : t('slotType_visit')}${str(s.label) ? ` · ${str(s.label)}` : ''}</li>`)}</ul>`;
    case 'callback':
      return html`<ul class="detail">${arr(p.windows).filter(isObj).map((w) => html`<li>${windowText(w, locale)}</li>`)}</ul>`;
    case 'video': {
      const url = safeHttps(p.url);
      return html`<p class="detail">${str(p.start) ? `${dateTimeText(str(p.start), locale)} · ` : ''}${url ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${url}</a>` : nothing}</p>`;
    }
    case 'handover':
      return isObj(p) && str(p.toQueue) ? html`<p class="detail">${queueLabel(str(p.toQueue), t)}${isObj(p.to) && str(p.to.name) ? ` · ${str(p.to.name)}` : ''}</p>` : nothing;
    case 'questionnaire': {
      const q = isObj(p.questionnaire) ? p.questionnaire : {};
      return html`<ul class="detail">${arr(q.item).filter(isObj).map((i) => html`<li>${str(i.text) || str(i.linkId)}</li>`)}</ul>`;
    }
    default:
      return nothing;
  }
}

/** A call-back window as text: its label, or its start–end. */
export function windowText(w: Record<string, unknown>, locale: ConsoleLocale): string {
  if (str(w.label)) return str(w.label);
  const from = str(w.start) || str(w.from);
  const to = str(w.end) || str(w.to);
  return from ? `${dateTimeText(from, locale)}${to ? `–${timeText(to, locale)}` : ''}` : '';
}
