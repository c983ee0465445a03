import { html } from 'lit';
import { parseHandover, parseSystem } from '../../core/message-kinds.js';
import type { ThreadItem } from '../../core/conversation-store.js';
import { authorLabel, type MessageContext } from './context.js';

/** A system note: joined, left, handed over, closed; the backend's own text otherwise. */
export function renderSystem(item: ThreadItem, ctx: MessageContext) {
  const p = parseSystem(item.payload);
  const name = p?.author ? authorLabel(p.author, ctx.t) : ctx.t('clinic');
  let text = item.text;
  if (p?.event === 'joined' && p.author) text = ctx.t('sysJoined', { name });
  else if (p?.event === 'left' && p.author) text = ctx.t('sysLeft', { name });
  else if (p?.event === 'handover' && p.author) text = ctx.t('sysHandover', { name });
  else if (p?.event === 'closed') text = ctx.t('sysClosed');
  return html`<p class="system-text">${text}</p>`;
}

/** Handover: to whom (profession and name when given) and, when given, which queue. */
export function renderHandover(item: ThreadItem, ctx: MessageContext) {
  const p = parseHandover(item.payload);
  if (!p) return renderFallback(ctx);
  return html`<p class="system-text">${ctx.t('sysHandover', { name: authorLabel(p.to, ctx.t) })}
    ${p.queue ? ctx.t('handoverQueue', { queue: p.queue }) : ''}</p>`;
}

/** Unknown or malformed message: a neutral note, never the raw payload. */
export function renderFallback(ctx: MessageContext) {
  return html`<p class="text fallback">${ctx.t('unknownKind')}</p>`;
}
