import { html, nothing } from 'lit';
import { parseWith } from '../../protocol/parse.js';
import { VideoPayload } from '../../protocol/kinds/video.js';
import type { ThreadItem } from '../../core/conversation-store.js';
import { dateTimeOf } from '../../i18n/dates.js';
import type { MessageContext } from './context.js';
import { renderFallback } from './system.js';
import { renderText } from './text.js';

/** A video meeting: its time when given, and a join link (https, no user info: the protocol's check). */
export function renderVideo(item: ThreadItem, ctx: MessageContext) {
  const p = parseWith(VideoPayload, item.payload);
  if (!p) return renderFallback(ctx);
  return html`
    ${item.text ? renderText(item.text, ctx) : nothing}
    <p class="card-title">${p.start ? ctx.t('videoTitle', { time: dateTimeOf(p.start, ctx.locale, ctx.now) }) : ctx.t('videoTitleNoTime')}</p>
    <p><a class="action-link" href=${p.url} target="_blank" rel="noopener noreferrer">${ctx.t('videoJoin')}<span class="visually-hidden"> ${ctx.t('newWindow')}</span></a></p>`;
}
