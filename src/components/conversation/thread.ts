import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ContextConsumer } from '@lit/context';
import type { ThreadItem } from '../../core/conversation-store.js';
import { inBackground } from '../../core/slices.js';
import { dayKey } from '../../i18n/dates.js';
import { translator, type Locale } from '../../i18n/index.js';
import { chatContext } from '../../controllers/chat-context.js';
import { loadFeature, loadFeatureFor } from '../../define/lazy-features.js';
import { baseStyles } from '../../styles/tokens.styles.js';
import type { MessageContext } from '../messages/context.js';
import { renderMessage } from '../messages/message-item.js';
import { renderersVersion } from '../messages/kinds.js';
import { styles } from './thread.styles.js';

/**
 * At most this many messages are in the DOM (about six screens of the panel); the rest of the
 * history is kept in the store. With 60 an append to a 10,000-message thread costs about what
 * it costs in a short one (ratio 1.36; 1.6–1.9 with 120: a longer list is laid out again on
 * every append).
 */
export const WINDOW = 60;
const STEP = 40;
/**
 * A history arriving at once is put on screen in slices, newest first: FIRST messages in the
 * update that follows the data, then GROW more after each frame up to the window, so no task
 * renders the whole window (the main thread stays free for input; the first messages show at once).
 */
const FIRST = 10;
const GROW = 25;
const EDGE_PX = 300;

/**
 * The thread of the active conversation: a polite live log that renders a window of the
 * history, pages older messages from the backend when scrolled to the top (keeping the scroll
 * position), follows new messages only when the patient is at the bottom (otherwise a "new
 * messages" button appears), and marks clinician messages read once they are visible.
 *
 * @internal Rendered by `<vard-conversation>`.
 * @csspart thread - The scrolling message list.
 */
export class VardThread extends LitElement {
  static override styles = [baseStyles, styles];

  @property() locale: Locale = 'sv';
  @state() private newCount = 0;
  /** Each item's last rendering and what it showed (see render): reused while none of that changed. */
  private readonly rendered = new WeakMap<ThreadItem, { deps: unknown[]; result: unknown }>();
  @query('.scroller') private scroller!: HTMLElement;
  @query('.messages') private list!: HTMLOListElement;

  /** The session's snapshot and intents, from `<vard-chat-view>`. */
  private readonly chat = new ContextConsumer(this, { context: chatContext, subscribe: true });
  private get client() {
    return this.chat.value?.session.client;
  }
  private start = 0;
  private end = 0;
  private following = true;
  private lastTop = 0;
  private prev: readonly ThreadItem[] = [];
  private prevConv: string | undefined;
  private prevShownConv: string | undefined;
  private anchor: { key: string; offset: number } | undefined;
  private growFrame = 0;
  /** The slice on its way (its number), 0 when none; `grows` counts them (a stale one does nothing). */
  private growing = 0;
  private grows = 0;
  /** This update is the frame's slice: the window may grow by GROW. */
  private growTick = false;
  private io: IntersectionObserver | undefined;
  private readonly seenWhileHidden = new Set<string>();
  /** Feature downloads this thread renders again after (a kind's renderer arrives with them). */
  private readonly awaiting = new WeakSet<Promise<unknown>>();

  /** The number of messages in the DOM (for tests and the bench). */
  get renderedCount(): number {
    return this.list?.children.length ?? 0;
  }

  /** Scrolls to the newest message and follows new ones again. */
  scrollToNewest(): void {
    this.following = true;
    this.newCount = 0;
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.handleVisibility);
  }

  /**
   * The thread's box changes size without a render of its own (the composer grows a line, the
   * header gains a button, the keyboard opens on a phone): a thread that follows the newest
   * message stays at the bottom, so the newest is never left half hidden.
   */
  private readonly resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => {
    const s = this.scroller;
    if (!s || !this.following) return;
    s.scrollTop = s.scrollHeight;
    this.lastTop = s.scrollTop;
  });
  /** The scroller the resize observer watches (it is rendered only once there is a client). */
  private sized: HTMLElement | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.resize?.disconnect();
    this.sized = undefined;
    this.io?.disconnect();
    this.io = undefined;
    cancelAnimationFrame(this.growFrame);
    this.growing = 0;
    this.grows++;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const items = this.chat.value?.snapshot.thread ?? [];
    const conv = this.chat.value?.snapshot.activeId;
    if (conv !== this.prevConv) {
      this.following = true;
      this.newCount = 0;
    } else if (items !== this.prev) {
      this.track(items);
    }
    this.prevConv = conv;
    this.prev = items;
    if (this.following) {
      const same = conv === this.prevShownConv;
      const shown = same ? this.end - this.start : 0;
      const added = same ? Math.max(0, items.length - this.end) : 0; // appended since: all shown
      this.end = items.length;
      // newest first, in slices: FIRST for a new thread, then GROW more once per frame
      this.start = Math.max(0, this.end - WINDOW, this.end - (shown ? shown + added + (this.growTick ? GROW : 0) : FIRST));
      this.prevShownConv = conv;
    }
    this.end = Math.min(this.end, items.length);
    this.start = Math.min(this.start, Math.max(0, this.end - 1));
    this.growTick = false;
    this.anchor = this.following ? undefined : this.captureAnchor();
  }

  override render() {
    const client = this.client;
    if (!client) return nothing;
    const t = translator(this.locale);
    const items = this.chat.value!.snapshot.thread;
    const a = client.actions;
    const ctx: MessageContext = {
      t, locale: this.locale, now: new Date(),
      retry: (id) => client.retry(id), discard: (id) => client.discard(id),
      respond: (id, r) => a.respond(id, r), response: (id) => a.responses.get(id),
      submitQuestionnaire: (id, qr) => a.respond(id, qr),
      attachmentUrl: (c, id, v) => client.attachmentUrl(c, id, v),
    };
    const slice = items.slice(this.start, this.end);
    // A message is rendered again only when something it shows changed: itself (items are
    // replaced, never mutated: the key of `rendered`), its day heading or unread mark, the
    // language, the day it is now ("i dag", "i går"), an answer given, a feature's renderer
    // arriving. Otherwise Lit gets the same template result and compares its values only: an
    // append to a long thread renders one message, not the window's.
    const today = dayKey(ctx.now.toISOString());
    const shared = [ctx.locale, today, client, a.responsesVersion, renderersVersion];
    const older = this.start > 0 || a.hasOlder(client.activeId);
    const loading = a.isLoading(client.activeId);
    return html`
      <div class="scroller" part="thread" role="log" aria-live="polite" aria-label=${t('threadLabel')} tabindex="0" @scroll=${this.handleScroll}>
        <div class="older-row">${loading
          ? html`<p class="loading" role="status">${t('olderLoading')}</p>`
          : older ? html`<button type="button" class="older" @click=${this.showOlder}>${t('olderLoad')}</button>` : nothing}</div>
        ${items.length === 0 && !loading ? html`<p class="empty">${t('emptyThread')}</p>` : nothing}
        <ol class="messages">${repeat(slice, (i) => i.key, (i, n) => {
          const at = this.start + n;
          this.awaitFeature(loadFeatureFor(i.kind)); // booking, call-back, questionnaire, evaluation: feature chunks
          // a message's files: <vard-attachments> upgrades in place when its chunk is here
          if (i.attachments?.length) loadFeature('attachments').catch(() => undefined);
          // the first loaded message gets no heading while older ones may still come (no jump on prepend)
          const day = at === 0 ? !a.hasOlder(client.activeId) : dayKey(items[at - 1]!.createdAt) !== dayKey(i.createdAt);
          const unread = !!i.id && i.author.role === 'clinician' && a.isUnread(i.id);
          const deps = [day, unread, ...shared];
          const last = this.rendered.get(i);
          if (last && last.deps.every((d, k) => d === deps[k])) return last.result;
          const result = renderMessage(i, ctx, { day, unread });
          this.rendered.set(i, { deps, result });
          return result;
        })}</ol>
      </div>
      ${this.newCount > 0 ? html`<button type="button" class="marker" @click=${this.handleMarker}>${t('newMessages', { count: this.newCount })} ↓</button>` : nothing}
    `;
  }

  protected override updated(): void {
    const s = this.scroller;
    if (!s) return;
    if (s !== this.sized) {
      this.resize?.observe(s);
      this.sized = s;
    }
    // the window is not full yet (a history came at once): the next slice once this one is on
    // screen (in the frame, it would hold back the paint of this one), as background work: the
    // messages above the screen never go before input or the page's own tasks
    if (this.following && this.start > 0 && this.end - this.start < WINDOW && !this.growing) {
      this.growing = ++this.grows;
      this.growFrame = requestAnimationFrame(() => inBackground(() => {
        if (this.growing !== this.grows) return; // disconnected meanwhile
        this.growing = 0;
        this.growTick = true;
        this.requestUpdate();
      }));
    }
    if (this.following) {
      s.scrollTop = s.scrollHeight;
      this.lastTop = s.scrollTop;
    }
    else if (this.anchor) {
      const li = this.findItem(this.anchor.key);
      if (li) s.scrollTop = li.offsetTop - this.anchor.offset;
      this.lastTop = s.scrollTop;
    }
    this.observeUnread();
    if (s.clientHeight > 0 && s.scrollHeight <= s.clientHeight + EDGE_PX && this.start === 0) void this.client?.actions.loadOlder();
  }

  /** Renders again once a feature's chunk is here (a failed download is tried again on a later render). */
  private awaitFeature(download: Promise<unknown> | undefined): void {
    if (!download || this.awaiting.has(download)) return;
    this.awaiting.add(download);
    download.then(() => this.requestUpdate(), () => undefined);
  }

  /** Prepends shift the window; appends while scrolled up count towards the marker. */
  private track(items: readonly ThreadItem[]): void {
    const prev = this.prev;
    let delta = 0;
    if (prev.length && items.length && prev[0]!.key !== items[0]!.key) {
      const i = items.findIndex((x) => x.key === prev[0]!.key);
      if (i > 0) delta = i;
    }
    this.start += delta;
    this.end += delta;
    if (this.following) return;
    const added = items.length - prev.length - delta;
    if (added > 0 && items[items.length - 1]?.key !== prev[prev.length - 1]?.key) {
      this.newCount += items.slice(-added).filter((i) => i.author.role !== 'patient').length;
    }
  }

  private captureAnchor(): { key: string; offset: number } | undefined {
    const s = this.scroller;
    if (!s || !this.list) return undefined;
    for (const li of this.list.children as HTMLCollectionOf<HTMLElement>) {
      if (li.offsetTop + li.offsetHeight > s.scrollTop) return { key: li.dataset.key ?? '', offset: li.offsetTop - s.scrollTop };
    }
    return undefined;
  }

  private findItem(key: string): HTMLElement | undefined {
    for (const li of this.list.children as HTMLCollectionOf<HTMLElement>) if (li.dataset.key === key) return li;
    return undefined;
  }

  private readonly handleScroll = (): void => {
    const s = this.scroller;
    const len = this.prev.length; // what is rendered; newer items not yet rendered do not count
    const fromBottom = s.scrollHeight - s.scrollTop - s.clientHeight;
    // only the patient scrolling up stops following; layout changes after our own scrolling do not
    const movedUp = s.scrollTop < this.lastTop - 1;
    this.lastTop = s.scrollTop;
    const atBottom = fromBottom < 40 && this.end >= len;
    // near the top, older messages: when the patient went there, not when our own scrolling or a
    // box taller than the messages left the top near (that is the bottom too)
    if (s.scrollTop < EDGE_PX && !atBottom && (movedUp || !this.following)) this.showOlder();
    else if (fromBottom < EDGE_PX && this.end < len) {
      this.end = Math.min(len, this.end + STEP);
      this.start = Math.max(this.start, this.end - WINDOW);
      this.requestUpdate();
    }
    const follow = atBottom || (this.following && !movedUp);
    if (follow !== this.following) {
      this.following = follow;
      if (follow) this.newCount = 0;
      this.requestUpdate();
    }
  };

  private readonly showOlder = (): void => {
    if (this.start > 0) {
      this.following = false;
      this.start = Math.max(0, this.start - STEP);
      this.end = Math.min(this.end, this.start + WINDOW);
      this.requestUpdate();
    } else {
      void this.client?.actions.loadOlder();
    }
  };

  private handleMarker(): void {
    this.scrollToNewest();
    this.scroller.focus();
  }

  private observeUnread(): void {
    if (typeof IntersectionObserver === 'undefined') return;
    this.io ??= new IntersectionObserver((entries) => this.handleSeen(entries), { root: this.scroller, threshold: [0, 0.5, 1] });
    for (const li of this.list.querySelectorAll<HTMLElement>('li[data-unread]')) this.io.observe(li);
  }

  private handleSeen(entries: IntersectionObserverEntry[]): void {
    const rootHeight = this.scroller?.clientHeight ?? 0;
    for (const e of entries) {
      const id = (e.target as HTMLElement).dataset.unread;
      const seen = e.isIntersecting && (e.intersectionRatio >= 0.5 || e.intersectionRect.height >= rootHeight / 2);
      if (!id || !seen) continue;
      if (document.visibilityState !== 'visible') {
        this.seenWhileHidden.add(id);
        continue;
      }
      this.io?.unobserve(e.target);
      this.client?.actions.markRead(id);
    }
  }

  private readonly handleVisibility = (): void => {
    if (document.visibilityState !== 'visible') return;
    for (const id of this.seenWhileHidden) this.client?.actions.markRead(id);
    this.seenWhileHidden.clear();
  };
}
