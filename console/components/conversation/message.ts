/**
 * How each message kind shows in the console's thread. Payloads are checked with the protocol's
 * schema for their kind (a payload that fails shows the message text only); every string from
 * the server is put in as text (Lit escapes it). The video link is an https URL by its schema.
 * A message's files (any kind may carry them) show below its text (files.ts).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { parseKindPayload, type CallbackWindow, type Message } from '../../core/wire.js';
import type { ConsoleLocale, T } from '../../i18n/index.js';
import { authorName, dateTimeText, queueLabel, timeText } from '../shared/format.js';
import { renderAttachments, type FileUrl } from './files.js';

export function renderMessage(m: Message, t: T, locale: ConsoleLocale, fileUrl?: FileUrl): TemplateResult {
  return html`<li class="msg ${m.author.role}" data-id=${m.id} data-kind=${m.kind}>
    <span class="meta">${authorName(m.author, t)} · ${timeText(m.createdAt, locale)}${m.readAt && m.author.role !== 'patient' ? ` · ${t('read')}` : ''}</span>
    ${m.text ? html`<span class="text">${m.text}</span>` : nothing}
    ${fileUrl ? renderAttachments(m, t, locale, fileUrl) : nothing}
    ${renderDetail(m, t, locale)}
  </li>`;
}

function renderDetail(m: Message, t: T, locale: ConsoleLocale): TemplateResult | typeof nothing {
  switch (m.kind) {
    case 'booking': {
      const p = parseKindPayload('booking', m.payload);
      return p ? html`<ul class="detail">${p.slots.map((s) => html`<li>
        ${dateTimeText(s.start, locale)}–${timeText(s.end, locale)} · ${t(`slotType_${s.type}`)}${s.label ? ` · ${s.label}` : ''}</li>`)}</ul>` : nothing;
    }
    case 'callback': {
      const p = parseKindPayload('callback', m.payload);
      return p ? html`<ul class="detail">${p.windows.map((w) => html`<li>${windowText(w, locale)}</li>`)}</ul>` : nothing;
    }
    case 'video': {
      const p = parseKindPayload('video', m.payload);
      return p ? html`<p class="detail">${p.start ? `${dateTimeText(p.start, locale)} · ` : ''}<a href=${p.url} target="_blank" rel="noopener noreferrer">${p.url}</a></p>` : nothing;
    }
    case 'handover': {
      const p = parseKindPayload('handover', m.payload);
      return p ? html`<p class="detail">${queueLabel(p.toQueue, t)}${p.to?.name ? ` · ${p.to.name}` : ''}</p>` : nothing;
    }
    case 'questionnaire': {
      const p = parseKindPayload('questionnaire', m.payload);
      return p ? html`<ul class="detail">${(p.questionnaire.item ?? []).map((i) => html`<li>${i.text ?? i.linkId}</li>`)}</ul>` : nothing;
    }
    default:
      return nothing;
  }
}

/** A call-back window as text: date and start–end. */
export function windowText(w: CallbackWindow, locale: ConsoleLocale): string {
  return `${dateTimeText(w.start, locale)}–${timeText(w.end, locale)}`;
}
