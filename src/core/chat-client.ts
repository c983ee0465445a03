/**
 * The widget's chat logic without any UI: loads the session and the patient's conversation,
 * follows live events into a ConversationStore, and sends every message through the outbox.
 * The thread shown is derived (thread.ts): the store's server messages, then the outbox items
 * not yet acknowledged, matched by clientId. One writer per fact: the store is written only with
 * what the server said (a page, a live event, an acknowledgement), the outbox only by the patient.
 */
import type { ChatBackend, StartConversationRequest } from './backend.js';
import type { ConversationFile } from '../protocol/attachments.js';
import { ConversationActions } from './conversation-actions.js';
import { ConversationStore, type ThreadItem } from './conversation-store.js';
import { checkDraft, type DraftCheck } from './draft.js';
import { Emitter } from './emitter.js';
import { toBackendError, type BackendErrorKind } from './errors.js';
import { Inbox } from './inbox.js';
import type { Outbox } from './outbox/outbox.js';
import { storeOutbox, type OutboxProvider } from './outbox/provider.js';
import type { OutboxEntry, OutboxFile, OutboxItem } from './outbox/types.js';
import { deriveThread } from './thread.js';
import type { Author, BackendEvent, Conversation, PatientSession } from './types.js';

export type { OutboxProvider } from './outbox/provider.js';

export const ClientStatus = {
  /** Not started. */
  Idle: 'idle',
  /** Loading session and conversations. */
  Loading: 'loading',
  /** No session: the patient must log in. */
  LoggedOut: 'logged-out',
  /** Loaded; the patient can chat. */
  Ready: 'ready',
  /** Loading failed; `loadError` says why. `start()` again to retry. */
  Error: 'error',
} as const;
export type ClientStatus = (typeof ClientStatus)[keyof typeof ClientStatus];

/** How long `start` waits for the event stream to be live before loading anyway. */
const OPEN_WAIT_MS = 3000;

/** Thread key for messages written before the first conversation exists. */
export const DRAFT_CONVERSATION = '';

export interface ChatClientOptions {
  backend: ChatBackend;
  /** Idempotency keys; crypto.randomUUID by default. */
  newId?: () => string;
  /** Extra fields for the conversation the first message starts. */
  startRequest?: () => StartConversationRequest;
  /** Builds the patient's outbox once the session is known; one in memory by default. */
  outbox?: OutboxProvider;
  /** Deletes the patient's data stored in this browser (called by `logout`). */
  purge?: () => Promise<void>;
  /** Whether the device has a network; `navigator.onLine` by default. Offline, no typing signal is sent and read marks wait. */
  isOnline?: () => boolean;
}

/** Emitted when the backend acknowledged one of the patient's messages. */
export interface SentInfo {
  conversationId: string;
  clientId: string;
  text: string;
}

export class ChatClient extends Emitter<{ change: void; sent: SentInfo }> {
  readonly store = new ConversationStore();
  status: ClientStatus = ClientStatus.Idle;
  session: PatientSession | null = null;
  loadError: BackendErrorKind | undefined;
  /** The conversation shown, once one exists. */
  activeId: string | undefined;

  private readonly backend: ChatBackend;
  private readonly newId: () => string;
  private readonly startRequest: () => StartConversationRequest;
  private live: AbortController | undefined;
  private lastEventId: string | undefined;
  private starting: Promise<Conversation> | undefined;
  /** The patient's outbox, once the session is known: the only way a message is sent. */
  outbox: Outbox | undefined;
  private readonly outboxProvider: OutboxProvider;
  private outboxOff: (() => void)[] = [];
  private outboxSubject: string | undefined;
  /** Moves on when the outbox is let go: an outbox that opens after that is closed, not attached. */
  private outboxGeneration = 0;
  /**
   * While a fresh outbox opens behind the ready panel (see `start`): what the patient sent
   * meanwhile, enqueued in order once it is here. Undefined otherwise.
   */
  private held: Parameters<Outbox['enqueue']>[0][] | undefined;
  /** The outbox's items as last read (replaced on every outbox change). */
  private pending: readonly OutboxItem[] = [];
  /** Files of a message being sent: [uploaded, of], by clientId. */
  private readonly uploads = new Map<string, readonly [number, number]>();
  private derived: { server: readonly ThreadItem[]; pending: readonly OutboxItem[]; id: string; items: readonly ThreadItem[] } | undefined;
  private readonly purge: () => Promise<void>;
  /** Unread counts and previews for the inbox. */
  readonly inbox = new Inbox();
  /** Switching conversations, older pages, read marks, typing, action responses, evaluation. */
  readonly actions: ConversationActions;

  constructor(opts: ChatClientOptions) {
    super();
    this.backend = opts.backend;
    this.newId = opts.newId ?? (() => crypto.randomUUID());
    this.startRequest = opts.startRequest ?? (() => ({}));
    this.outboxProvider = opts.outbox ?? storeOutbox();
    this.purge = opts.purge ?? (() => Promise.resolve());
    this.store.on('change', () => this.emit('change', undefined));
    this.actions = new ConversationActions({
      backend: this.backend, store: this.store, inbox: this.inbox,
      active: () => this.activeId,
      activate: (id) => { this.activeId = id; },
      startRequest: this.startRequest,
      changed: () => this.emit('change', undefined),
      isOnline: opts.isOnline ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false),
    });
  }

  get activeConversation(): Conversation | undefined {
    return this.activeId ? this.store.conversation(this.activeId) : undefined;
  }

  /** How many messages wait for the patient to log in again (after an `auth` error). */
  get waitingForLogin(): number {
    return this.outbox?.authRequired ? this.pending.filter((i) => i.state !== 'failed').length : 0;
  }

  /**
   * The thread shown: the active conversation's server messages, then the patient's messages
   * the server has not acknowledged (or, before the first conversation, those alone). The array
   * keeps its identity until one of its parts changes.
   */
  get thread(): readonly ThreadItem[] {
    const id = this.activeId ?? DRAFT_CONVERSATION;
    const server = this.store.items(id);
    const d = this.derived;
    if (d && d.server === server && d.pending === this.pending && d.id === id) return d.items;
    const patient: Author = this.session?.name ? { role: 'patient', name: this.session.name } : { role: 'patient' };
    let items = deriveThread(server, this.pending, id, (clientId) => this.store.hasClientId(id, clientId), patient);
    if (this.uploads.size) {
      items = items.map((i) => {
        const upload = !i.id && i.clientId ? this.uploads.get(i.clientId) : undefined;
        return upload && i.state === 'sending' ? { ...i, upload } : i;
      });
    }
    this.derived = { server, pending: this.pending, id, items };
    return items;
  }

  /**
   * Whether a message of the thread shown has files: the store keeps this for the server's
   * messages, so only the outbox's few are looked at (a long thread is never scanned).
   */
  get threadHasFiles(): boolean {
    const id = this.activeId ?? DRAFT_CONVERSATION;
    return this.store.hasFiles(id) || this.pending.some((p) => (p.conversationId === id || p.conversationId === DRAFT_CONVERSATION) && !!p.attachments?.length);
  }

  async start(): Promise<void> {
    this.setStatus(ClientStatus.Loading);
    let opening: Promise<Outbox> | undefined;
    try {
      this.session = await this.backend.getSession();
      if (!this.session) return this.setStatus(ClientStatus.LoggedOut);
      // Listen before loading: an event between the list and a later subscription would be lost.
      // Events that arrive while loading wait, and are applied over the loaded state (the store
      // and the inbox ignore what the list already had).
      const early: BackendEvent[] = [];
      let loading = true;
      // the outbox's store (IndexedDB, its key) opens beside the loads, off the first messages' path
      opening = this.openOutbox(this.session);
      await this.subscribe((e) => (loading ? early.push(e) : this.handleEvent(e)));
      await this.loadConversations();
      // Logged in again: the same patient's outbox goes on (and learns of the login) before the
      // panel turns ready, or its auth flag would send the panel back to logged out. A fresh one
      // attaches behind the ready panel: the first messages do not wait for its store (IndexedDB,
      // its key, the tab election); what the patient writes meanwhile is held and shown queued.
      if (!opening) await this.attachOutbox(this.session);
      loading = false;
      for (const e of early.splice(0)) this.handleEvent(e);
      if (opening) this.held = []; // a send from here on is held, not refused
      this.setStatus(ClientStatus.Ready);
      if (opening) {
        // in a task of its own: the panel's first render is not shared with the outbox's start
        const session = this.session;
        await new Promise((r) => setTimeout(r, 0));
        await this.attachOutbox(session, opening);
      }
    } catch (err) {
      // the stream opened before loading must not go on filling `early` for a client that failed
      this.live?.abort();
      this.live = undefined;
      // an outbox opened beside loads that failed is closed, not left holding its store
      void opening?.then((o) => o !== this.outbox && o.dispose(), () => undefined);
      this.loadError = toBackendError(err).kind;
      this.setStatus(err && toBackendError(err).kind === 'auth' ? ClientStatus.LoggedOut : ClientStatus.Error);
    }
  }

  stop(): void {
    this.live?.abort();
    this.live = undefined;
    this.detachOutbox();
  }

  private detachOutbox(): void {
    this.outboxGeneration++;
    this.held = undefined;
    for (const off of this.outboxOff) off();
    this.outboxOff = [];
    this.outbox?.dispose();
    this.outbox = undefined;
    this.outboxSubject = undefined;
    this.pending = [];
  }

  /** Ends the session at the backend, forgets everything in memory and purges stored data. */
  async logout(): Promise<void> {
    await this.outbox?.purge().catch(() => undefined);
    this.stop();
    try {
      await this.backend.logout?.();
    } finally {
      this.session = null;
      this.activeId = undefined;
      this.lastEventId = undefined;
      this.store.clear();
      await this.purge().catch(() => undefined);
      this.setStatus(ClientStatus.LoggedOut);
    }
  }

  /**
   * Checks a draft and hands it to the outbox, which writes it ahead and sends it. Returns the
   * check so the UI can keep the draft and explain; a draft cannot go before the session is
   * loaded (`not-ready`: the composer is not shown then).
   */
  send(raw: string, attachments?: OutboxFile[]): DraftCheck {
    // with files the text may be empty
    const check: DraftCheck = attachments?.length && !raw.trim() ? { ok: true, text: '' } : checkDraft(raw);
    if (!check.ok) return check;
    const outbox = this.outbox;
    if (!outbox && !this.held) return { ok: false, reason: 'not-ready' };
    const msg = { clientId: this.newId(), conversationId: this.activeId ?? DRAFT_CONVERSATION, text: check.text, ...(attachments?.length ? { attachments } : {}) };
    if (!outbox) {
      // the outbox is still opening (just after ready): held, shown queued, handed over first thing
      this.held!.push(msg);
      this.pending = [...this.pending, { ...msg, createdAt: Date.now(), state: 'queued' }];
      this.emit('change', undefined);
      return check;
    }
    // the entry is in the outbox's memory at once; the write to its store follows
    outbox.enqueue(msg).catch(() => undefined);
    this.readOutbox();
    return check;
  }

  /** The backend takes files (issue #18). */
  get canAttach(): boolean {
    return typeof this.backend.uploadAttachment === 'function';
  }

  /** The backend lists a conversation's files (issue #18): the list's loader, else undefined. */
  get listFiles(): ((conversationId: string) => Promise<ConversationFile[]>) | undefined {
    const b = this.backend;
    return b.listAttachments && ((id) => b.listAttachments!(id));
  }

  /** Where a stored file (or its thumbnail) is shown from, when the backend says. */
  attachmentUrl(conversationId: string, attachmentId: string, variant?: 'thumbnail'): string | undefined {
    return this.backend.attachmentUrl?.(conversationId, attachmentId, variant);
  }

  /** Sends a failed message again with the same clientId (so it can never be delivered twice). */
  retry(clientId: string): void {
    void this.outbox?.retry(clientId);
  }

  /** Drops a failed message the patient no longer wants sent. */
  discard(clientId: string): void {
    void this.outbox?.discard(clientId);
  }

  /**
   * Starts a new conversation now with these fields (the triage answers, a routing hint) and
   * makes it the active one; the next message goes to it.
   */
  startConversation(req: StartConversationRequest): Promise<Conversation> {
    return this.actions.start(req);
  }

  /**
   * Builds the patient's outbox (opens its store) unless this patient's is already attached;
   * nothing is sent before `attachOutbox` starts it. A failure is attachOutbox's to report.
   */
  private openOutbox(session: PatientSession): Promise<Outbox> | undefined {
    if (this.outbox && this.outboxSubject === session.subject) return undefined;
    const opening = this.outboxProvider({ session, send: (e) => this.sendEntry(e) });
    opening.catch(() => undefined); // not unhandled when the loads fail first
    return opening;
  }

  private async attachOutbox(session: PatientSession, opening = this.openOutbox(session)): Promise<void> {
    if (this.outbox) {
      // logged in again after the session expired: the same patient's queue goes on, another's is closed
      if (this.outboxSubject === session.subject) return void this.outbox.kick('login');
      this.detachOutbox();
    }
    const generation = this.outboxGeneration;
    let outbox: Outbox;
    try {
      outbox = await opening!;
    } catch (err) {
      this.held = undefined;
      throw err;
    }
    // stopped, logged out or another patient meanwhile: this outbox is not the one shown
    if (generation !== this.outboxGeneration) return void outbox.dispose();
    this.outbox = outbox;
    this.outboxSubject = session.subject;
    for (const msg of this.held ?? []) outbox.enqueue(msg).catch(() => undefined);
    this.held = undefined;
    this.outboxOff.push(
      outbox.on('acked', ({ clientId, message }) => {
        this.store.upsertMessage(message);
        this.emit('sent', { conversationId: message.conversationId, clientId, text: message.text });
      }),
      outbox.on('change', () => {
        this.readOutbox();
        // the session ended mid-chat: keep the queue (it stays in the outbox) and ask for a login
        if (outbox.authRequired && this.status === ClientStatus.Ready) {
          this.live?.abort();
          this.live = undefined;
          this.loadError = 'auth';
          this.setStatus(ClientStatus.LoggedOut);
        }
      }),
    );
    await outbox.start();
    this.readOutbox();
  }

  /** The outbox's sender: an entry written before any conversation existed starts one. */
  private async sendEntry(entry: OutboxEntry) {
    const id = entry.conversationId;
    const conversationId = id && this.store.conversation(id)?.status !== 'closed' ? id : (await this.ensureConversation()).id;
    if (!entry.attachments?.length) return this.backend.sendMessage(conversationId, { clientId: entry.clientId, text: entry.text });
    // with files: each uploaded first (issue #18), by a module loaded only for such an entry;
    // the thread says which file is on its way ("Skickar fil 2 av 3")
    const progress = (done: number, total: number) => {
      this.uploads.set(entry.clientId, [done, total]);
      this.derived = undefined;
      this.emit('change', undefined);
    };
    try {
      return await (await import('./outbox/send-entry.js')).sendEntry(this.backend, conversationId, entry, progress);
    } finally {
      this.uploads.delete(entry.clientId);
    }
  }

  /** Takes the outbox's items as they are now and tells the UI. */
  private readOutbox(): void {
    this.pending = this.outbox?.items() ?? [];
    this.emit('change', undefined);
  }

  private ensureConversation(req?: StartConversationRequest): Promise<Conversation> {
    const existing = this.activeConversation;
    if (existing && existing.status !== 'closed') return Promise.resolve(existing);
    this.starting ??= this.backend.startConversation(req ?? this.startRequest()).then(
      (conv) => {
        this.store.upsertConversation(conv);
        this.activeId = conv.id;
        this.starting = undefined;
        return conv;
      },
      (err: unknown) => {
        this.starting = undefined;
        throw err;
      },
    );
    return this.starting;
  }

  private async loadConversations(): Promise<void> {
    const list = await this.backend.listConversations();
    for (const c of list) this.store.upsertConversation(c);
    this.inbox.fromSummaries(list);
    const open = list
      .filter((c) => c.status !== 'closed')
      .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt))[0];
    if (!open) return;
    const page = await this.backend.getMessages(open.id);
    await this.actions.insertPage(open.id, page, true);
    this.activeId = open.id;
  }

  /**
   * Follows the backend's events; resolves once the stream is live (the adapter's `onOpen`), or
   * after OPEN_WAIT_MS when it cannot connect yet; at once for an adapter that never says.
   */
  private subscribe(onEvent: (e: BackendEvent) => void): Promise<void> {
    this.live?.abort();
    const live = (this.live = new AbortController());
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.backend.signalsOpen ? OPEN_WAIT_MS : 0);
      const onOpen = () => {
        clearTimeout(timer);
        resolve();
        this.actions.flushReads(); // read marks that waited while offline
      };
      this.backend.subscribe(onEvent, { signal: live.signal, onOpen, ...(this.lastEventId ? { since: this.lastEventId } : {}) });
    });
  }

  private handleEvent(e: BackendEvent): void {
    this.lastEventId = e.id;
    if (e.type === 'resync') {
      void this.loadConversations().catch(() => undefined);
      return;
    }
    if (this.store.applyEvent(e)) this.actions.handleEvent(e);
    if (this.outbox?.waiting) this.outbox.kick('reconnect');
    if (e.type === 'conversation' && !this.activeId && e.conversation.status !== 'closed') {
      this.activeId = e.conversation.id;
    }
  }

  private setStatus(s: ClientStatus): void {
    this.status = s;
    this.emit('change', undefined);
  }
}
