import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { InboxEntry } from '../../core/inbox.js';
import { dayLabel, timeOf, dayKey } from '../../i18n/dates.js';
import { translator, type Locale, type MessageKey, type Translate } from '../../i18n/index.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import { authorLabel } from '../messages/context.js';
import { KIND_RENDERERS } from '../messages/kinds.js';
import { statusText } from '../conversation/status.js';
import { styles } from './inbox.styles.js';

const PREVIEW_CHARS = 90;

/**
 * The patient's conversations, open ones first: title, unread count, last message preview,
 * status and who started it. "Ny chatt" starts a new conversation.
 *
 * @internal Rendered by `<vard-chat-view>`.
 */
export class VardInbox extends LitElement {
  static override styles = [baseStyles, styles];

  @property({ attribute: false }) entries: readonly InboxEntry[] = [];
  @property() locale: Locale = 'sv';
  @property({ attribute: false }) onOpen: ((conversationId: string) => void) | undefined;
  @property({ attribute: false }) onNew: (() => void) | undefined;

  override render() {
    const t = translator(this.locale);
    return html`
      <div class="top">
        <h3 id="inbox-title">${t('inboxTitle')}</h3>
        <button type="button" class="new" @click=${() => this.onNew?.()}>${t('newChat')}</button>
      </div>
      ${this.entries.length === 0
        ? html`<p class="empty">${t('inboxEmpty')}</p>`
        : html`<ul aria-labelledby="inbox-title">${this.entries.map((e) => this.renderEntry(e, t))}</ul>`}
    `;
  }

  private renderEntry(e: InboxEntry, t: Translate<MessageKey>) {
    const c = e.conversation;
    const title = c.subject || (c.assignee ? t('chatWith', { name: authorLabel(c.assignee, t) }) : t('chatUntitled'));
    const last = e.lastMessage;
    const preview = last ? clip(Object.hasOwn(KIND_RENDERERS, last.kind) ? last.text : t('unknownKind')) : '';
    const when = last?.createdAt ?? c.updatedAt;
    const now = new Date();
    const whenText = dayKey(when) === dayKey(now.toISOString()) ? timeOf(when, this.locale) : dayLabel(when, this.locale, now);
    return html`<li class=${c.status === 'closed' ? 'closed' : 'open'}>
      <button type="button" class="row" data-id=${c.id} @click=${() => this.onOpen?.(c.id)}>
        <span class="line"><span class="title">${title}</span>
          ${e.unreadCount > 0 ? html`<span class="unread">${t('unreadCount', { count: e.unreadCount })}</span>` : nothing}</span>
        ${preview ? html`<span class="preview">${last!.author.role === 'patient' ? `${t('you')}: ` : ''}${preview}</span>` : nothing}
        <span class="meta">${statusText(c, t, this.locale, now)} · ${c.initiator === 'clinic' ? t('startedByClinic') : t('startedByYou')} · ${whenText}</span>
      </button>
    </li>`;
  }
}

function clip(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const chars = [...one];
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS).join('')}…` : one;
}
