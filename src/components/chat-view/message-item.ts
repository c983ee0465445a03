import { html, nothing, type TemplateResult } from 'lit';
import type { ThreadItem } from '../../core/conversation-store.js';
import type { MessageKey, Translate as T } from '../../i18n/index.js';

type Translate = T<MessageKey>;

const STATE_KEY: Record<string, MessageKey> = {
  queued: 'stateQueued', sending: 'stateSending', sent: 'stateSent', read: 'stateRead', failed: 'stateFailed',
};

export interface MessageHandlers {
  retry(clientId: string): void;
  discard(clientId: string): void;
}

/** Renders one thread item. All text is bound as text (Lit escapes it), never as HTML. */
export function renderMessage(item: ThreadItem, t: Translate, time: Intl.DateTimeFormat, on: MessageHandlers): TemplateResult {
  const mine = item.author.role === 'patient';
  const who = mine
    ? t('you')
    : item.author.role === 'system'
      ? t('system')
      : [item.author.name, item.author.profession].filter(Boolean).join(', ') || t('clinic');
  const date = new Date(item.createdAt);
  const known = item.kind === 'text' || item.kind === 'system';
  return html`
    <li class="msg ${mine ? 'mine' : item.author.role}" data-state=${item.state ?? nothing}>
      ${item.author.role === 'system'
        ? html`<p class="system-text">${item.text}</p>`
        : html`
            <p class="meta"><span class="author">${who}</span>
              ${Number.isNaN(date.getTime()) ? nothing : html`<time datetime=${item.createdAt}>${time.format(date)}</time>`}</p>
            <p class="text">${known ? item.text : t('unknownKind')}</p>`}
      ${mine ? renderState(item, t, on) : nothing}
    </li>
  `;
}

function renderState(item: ThreadItem, t: Translate, on: MessageHandlers) {
  const key = item.state ? STATE_KEY[item.state] : undefined;
  if (!key) return nothing;
  if (item.state !== 'failed' || !item.clientId) return html`<p class="state">${t(key)}</p>`;
  const clientId = item.clientId;
  const reasonKey = `failReason_${item.error}` as MessageKey;
  const reason = t(reasonKey) === reasonKey ? t('failReason_rejected') : t(reasonKey);
  return html`
    <p class="state failed">${t(key)}. ${reason}</p>
    <p class="actions">
      <button type="button" @click=${() => on.retry(clientId)}>${t('retry')}</button>
      <button type="button" class="secondary" @click=${() => on.discard(clientId)}>${t('discard')}</button>
    </p>
  `;
}
