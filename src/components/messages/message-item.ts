import { html, nothing, type TemplateResult } from 'lit';
import type { ThreadItem } from '../../core/conversation-store.js';
import { dayLabel, timeOf } from '../../i18n/dates.js';
import type { MessageKey } from '../../i18n/index.js';
import { authorLabel, type MessageContext } from './context.js';
import { NOTE_KINDS, renderKind } from './kinds.js';

const STATE_KEY: Record<string, MessageKey> = {
  queued: 'stateQueued', sending: 'stateSending', sent: 'stateSent', read: 'stateRead', failed: 'stateFailed',
};

/**
 * Renders one thread item: an optional day heading, the author and time, the body by kind, and
 * the delivery state of the patient's own messages. All text is bound as text, never as HTML.
 */
export function renderMessage(item: ThreadItem, ctx: MessageContext, opts: { day: boolean; unread: boolean }): TemplateResult {
  const mine = item.author.role === 'patient';
  const note = NOTE_KINDS.has(item.kind) || item.author.role === 'system';
  const time = timeOf(item.createdAt, ctx.locale);
  return html`
    <li class="msg ${mine ? 'mine' : note ? 'system' : item.author.role}" data-key=${item.key}
      data-state=${item.state ?? nothing} data-unread=${opts.unread ? item.id ?? nothing : nothing}>
      ${opts.day ? html`<p class="day">${dayLabel(item.createdAt, ctx.locale, ctx.now)}</p>` : nothing}
      ${note
        ? renderKind(item, ctx)
        : html`
            <p class="meta"><span class="author">${authorLabel(item.author, ctx.t)}</span>
              ${time ? html`<time datetime=${item.createdAt}>${time}</time>` : nothing}</p>
            ${renderKind(item, ctx)}
            ${item.attachments?.length ? html`<vard-attachments .items=${item.attachments} ?pending=${!item.id} .locale=${ctx.locale} from=${mine ? 'patient' : 'clinic'}
              .url=${(id: string, v?: 'thumbnail') => ctx.attachmentUrl?.(item.conversationId, id, v)}></vard-attachments>` : nothing}`}
      ${mine ? renderState(item, ctx) : nothing}
    </li>
  `;
}

function renderState(item: ThreadItem, { t, retry, discard }: MessageContext) {
  const key = item.state ? STATE_KEY[item.state] : undefined;
  if (!key) return nothing;
  const up = item.upload;
  if (up && up[0] < up[1]) return html`<p class="state">${t('stateUploading', { n: up[0] + 1, total: up[1] })}</p>`;
  if (item.state !== 'failed' || !item.clientId) return html`<p class="state">${t(key)}</p>`;
  const clientId = item.clientId;
  const reasonKey = `failReason_${item.error}` as MessageKey;
  const reason = t(reasonKey) === reasonKey ? t('failReason_rejected') : t(reasonKey);
  return html`
    <p class="state failed">${t(key)}. ${reason}</p>
    <p class="actions">
      <button type="button" @click=${() => retry(clientId)}>${t('retry')}</button>
      <button type="button" class="secondary" @click=${() => discard(clientId)}>${t('discard')}</button>
    </p>
  `;
}
