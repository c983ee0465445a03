import { html } from 'lit';
import { parseWith } from '../../protocol/parse.js';
import { HandoverPayload, SystemPayload } from '../../protocol/kinds/notes.js';
import type { Queue } from '../../protocol/primitives.js';
import type { ThreadItem } from '../../core/conversation-store.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import { authorLabel, type MessageContext } from './context.js';

/** A system note: joined, left, closed; the backend's own text otherwise. */
export function renderSystem(item: ThreadItem, ctx: MessageContext) {
  const p = parseWith(SystemPayload, item.payload);
  const name = p?.author ? authorLabel(p.author, ctx.t) : ctx.t('clinic');
  let text = item.text;
  if (p?.event === 'joined' && p.author) text = ctx.t('sysJoined', { name });
  else if (p?.event === 'left' && p.author) text = ctx.t('sysLeft', { name });
  else if (p?.event === 'closed') text = ctx.t('sysClosed');
  return html`<p class="system-text">${text}</p>`;
}

/** The queue's profession in the patient's language ("läkare", "doctor"). */
export const queueName = (queue: Queue, t: Translate<MessageKey>) => t(`queue_${queue}`);

/** Handover: "Du har flyttats till läkare", or "… till Erik Berg (läkare)" when a person is named. */
export function renderHandover(item: ThreadItem, ctx: MessageContext) {
  const p = parseWith(HandoverPayload, item.payload);
  if (!p) return renderFallback(ctx);
  const text = p.to?.name
    ? ctx.t('handoverPerson', { name: p.to.name, profession: queueName(p.toQueue, ctx.t) })
    : ctx.t(`handoverQueue_${p.toQueue}`);
  return html`<p class="system-text">${text}</p>`;
}

/** Unknown or malformed message: a neutral note, never the raw payload. */
export function renderFallback(ctx: MessageContext) {
  return html`<p class="text fallback">${ctx.t('unknownKind')}</p>`;
}
