import { html } from 'lit';
import { parseVideo } from '../../core/message-kinds.js';
import type { ThreadItem } from '../../core/conversation-store.js';
import { dateTimeOf } from '../../i18n/dates.js';
import type { MessageContext } from './context.js';
import { renderFallback } from './system.js';
import { renderText } from './text.js';

/** A video meeting: its time and a join link, only when the link is an https URL. */
export function renderVideo(item: ThreadItem, ctx: MessageContext) {
  const p = parseVideo(item.payload);
  if (!p) return renderFallback(ctx);
  return html`
    ${item.text ? renderText(item.text, ctx) : ''}
    <p class="card-title">${ctx.t('videoTitle', { time: dateTimeOf(p.start, ctx.locale, ctx.now) })}</p>
    ${p.url
      ? html`<p><a class="action-link" href=${p.url} target="_blank" rel="noopener noreferrer">${ctx.t('videoJoin')}<span class="visually-hidden"> ${ctx.t('newWindow')}</span></a></p>`
      : html`<p class="note">${ctx.t('videoNoLink')}</p>`}`;
}
