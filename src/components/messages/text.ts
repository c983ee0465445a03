import { html } from 'lit';
import { linkify } from '../../core/message-kinds.js';
import type { MessageContext } from './context.js';

/** Text with https links made clickable; everything else stays plain text. */
export function renderText(text: string, ctx: MessageContext) {
  return html`<p class="text">${linkify(text).map((s) => s.href
    ? html`<a href=${s.href} target="_blank" rel="noopener noreferrer">${s.text}<span class="visually-hidden"> ${ctx.t('newWindow')}</span></a>`
    : s.text)}</p>`;
}
