/**
 * The widget's chat logic without any UI: loads the session and the patient's conversation,
 * follows live events into a ConversationStore, and sends messages with a local echo whose
 * state the UI shows (sending → sent, or failed with a reason and a retry).
 */
import type { ChatBackend, StartConversationRequest } from './backend.js';
import { ConversationStore, type ThreadItem } from './conversation-store.js';
import { checkDraft, type DraftCheck } from './draft.js';
import { Emitter } from './emitter.js';
import { toBackendError, type BackendErrorKind } from './errors.js';
import type { BackendEvent, Conversation, PatientSession } from './types.js';
import type { Outbox } from './outbox/outbox.js';
import type { OutboxEntry, OutboxSender } from './outbox/types.js';
import { syncOutboxItems } from './outbox/thread-sync.js';

/** Creates the patient's outbox once the session is known (see src/storage/browser-outbox.ts). */
export type OutboxProvider = (ctx: { session: PatientSession; send: OutboxSender }) => Promise<Outbox>;
import { ConversationActions } from './conversation-actions.js';
import { Inbox } from './inbox.js';

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
  now?: () => Date;
  /** Extra fields for the conversation the first message starts. */
  startRequest?: () => StartConversationRequest;
  /** Sends through a durable outbox; without one, sends are serialised in memory. */
  outbox?: OutboxProvider;
  /** Deletes the patient's data stored in this browser (called by `logout`). */
  purge?: () => Promise<void>;
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
  private readonly now: () => Date;
  private readonly startRequest: () => StartConversationRequest;
  private live: AbortController | undefined;
  private lastEventId: string | undefined;
  /** Serialises sends so a message never overtakes an older one. */
  private queue: Promise<void> = Promise.resolve();
  private starting: Promise<Conversation> | undefined;
  private readonly texts = new Map<string, string>();
  /** The patient's outbox, once started (only with the `outbox` option). */
  outbox: Outbox | undefined;
  private readonly outboxProvider: OutboxProvider | undefined;
  private outboxOff: (() => void)[] = [];
  private readonly mirrored = new Map<string, string>();
  private outboxSubject: string | undefined;
  private readonly purge: () => Promise<void>;
  /** Messages held back by an `auth` error, sent once the same patient is logged in again. */
  private heldForLogin: { subject: string | undefined; clientIds: string[] } | undefined;
  /** Unread counts and previews for the inbox. */
  readonly inbox = new Inbox();
  /** Switching conversations, older pages, read marks, typing, action responses, evaluation. */
  readonly actions: ConversationActions;

  constructor(opts: ChatClientOptions) {
    super();
    this.backend = opts.backend;
    this.newId = opts.newId ?? (() => crypto.randomUUID());
    this.now = opts.now ?? (() => new Date());
    this.startRequest = opts.startRequest ?? (() => ({}));
    this.outboxProvider = opts.outbox;
    this.purge = opts.purge ?? (() => Promise.resolve());
    this.store.on('change', () => this.emit('change', undefined));
    this.actions = new ConversationActions({
      backend: this.backend, store: this.store, inbox: this.inbox,
      active: () => this.activeId,
      activate: (id) => { this.activeId = id; this.store.adoptLocal(DRAFT_CONVERSATION, id); },
      startRequest: this.startRequest,
      changed: () => this.emit('change', undefined),
    });
  }

  get activeConversation(): Conversation | undefined {
    return this.activeId ? this.store.conversation(this.activeId) : undefined;
  }

  /** How many messages wait for the patient to log in again (after an `auth` error). */
  get waitingForLogin(): number {
    if (this.outbox?.authRequired) return this.outbox.items().filter((i) => i.state !== 'failed').length;
    return this.heldForLogin?.clientIds.length ?? 0;
  }

  /** The thread shown: the active conversation's, or messages waiting for one. */
  get thread(): readonly ThreadItem[] {
    return this.store.items(this.activeId ?? DRAFT_CONVERSATION);
  }

  async start(): Promise<void> {
    this.setStatus(ClientStatus.Loading);
    try {
      this.session = await this.backend.getSession();
      if (!this.session) return this.setStatus(ClientStatus.LoggedOut);
      // Listen before loading: an event between the list and a later subscription would be lost.
      // Events that arrive while loading wait, and are applied over the loaded state (the store
      // and the inbox ignore what the list already had).
      const early: BackendEvent[] = [];
      let loading = true;
      await this.subscribe((e) => (loading ? early.push(e) : this.handleEvent(e)));
      await this.loadConversations();
      if (this.outboxProvider) await this.attachOutbox(this.session);
      loading = false;
      for (const e of early.splice(0)) this.handleEvent(e);
      this.setStatus(ClientStatus.Ready);
      this.releaseHeld();
    } catch (err) {
      // the stream opened before loading must not go on filling `early` for a client that failed
      this.live?.abort();
      this.live = undefined;
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
    for (const off of this.outboxOff) off();
    this.outboxOff = [];
    this.outbox?.dispose();
    this.outbox = undefined;
    this.outboxSubject = undefined;
  }

  /** Ends the session at the backend, forgets everything in memory and purges stored data. */
  async logout(): Promise<void> {
    this.stop();
    try {
      await this.backend.logout?.();
    } finally {
      this.session = null;
      this.activeId = undefined;
      this.lastEventId = undefined;
      this.texts.clear();
      this.heldForLogin = undefined;
      this.store.clear();
      await this.purge().catch(() => undefined);
      this.setStatus(ClientStatus.LoggedOut);
    }
  }

  /** Checks and sends a draft. Returns the check so the UI can keep the draft and explain. */
  send(raw: string): DraftCheck {
    const check = checkDraft(raw);
    if (!check.ok) return check;
    const clientId = this.newId();
    const conversationId = this.activeId ?? DRAFT_CONVERSATION;
    const outbox = this.outbox;
    if (!outbox) this.texts.set(clientId, check.text);
    this.store.upsertLocal({
      key: clientId, clientId, conversationId, author: { role: 'patient', name: this.session?.name },
      kind: 'text', text: check.text, createdAt: this.now().toISOString(), state: outbox ? 'queued' : 'sending',
    });
    if (outbox) outbox.enqueue({ clientId, conversationId, text: check.text }).catch(() => undefined); // kept in memory regardless
    else this.enqueue(clientId, conversationId);
    return check;
  }

  /** Sends a failed message again with the same clientId (so it can never be delivered twice). */
  retry(clientId: string): void {
    if (this.outbox) return void this.outbox.retry(clientId);
    const conversationId = this.activeId ?? DRAFT_CONVERSATION;
    if (!this.texts.has(clientId)) return;
    this.store.setLocalState(conversationId, clientId, 'sending');
    this.enqueue(clientId, conversationId);
  }

  /** Drops a failed message the patient no longer wants sent. */
  discard(clientId: string): void {
    if (this.outbox) return void this.outbox.discard(clientId);
    this.texts.delete(clientId);
    this.store.removeLocal(this.activeId ?? DRAFT_CONVERSATION, clientId);
  }

  /**
   * Starts a new conversation now with these fields (the triage answers, a routing hint) and
   * makes it the active one; the next message goes to it.
   */
  startConversation(req: StartConversationRequest): Promise<Conversation> {
    return this.actions.start(req);
  }

  private enqueue(clientId: string, draftConversationId: string): void {
    this.queue = this.queue.then(() => this.deliver(clientId, draftConversationId));
  }

  private async deliver(clientId: string, draftConversationId: string): Promise<void> {
    let conversationId = draftConversationId;
    try {
      const conv = await this.ensureConversation();
      conversationId = conv.id;
      const text = this.texts.get(clientId);
      if (text === undefined) return; // discarded meanwhile
      const message = await this.backend.sendMessage(conv.id, { clientId, text });
      this.texts.delete(clientId);
      this.store.upsertMessage(message);
      this.emit('sent', { conversationId: message.conversationId, clientId, text: message.text });
    } catch (err) {
      const kind = toBackendError(err);
      if (kind.kind === 'auth') return this.holdForLogin(clientId, this.activeId ?? conversationId);
      this.store.setLocalState(this.activeId ?? conversationId, clientId, 'failed', kind.code ?? kind.kind);
    }
  }

  private async attachOutbox(session: PatientSession): Promise<void> {
    if (!this.outboxProvider) return;
    if (this.outbox) {
      // logged in again after the session expired: the same patient's queue goes on, another's is closed
      if (this.outboxSubject === session.subject) return void this.outbox.kick('login');
      this.detachOutbox();
    }
    const outbox = await this.outboxProvider({ session, send: (e) => this.sendEntry(e) });
    this.outbox = outbox;
    this.outboxSubject = session.subject;
    this.outboxOff.push(
      outbox.on('acked', ({ clientId, message }) => {
        this.store.upsertMessage(message);
        this.emit('sent', { conversationId: message.conversationId, clientId, text: message.text });
      }),
      outbox.on('change', () => {
        this.syncOutbox();
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
    this.syncOutbox();
  }

  /** The outbox's sender: an entry written before any conversation existed starts one. */
  private async sendEntry(entry: OutboxEntry) {
    const id = entry.conversationId;
    const conversationId = id && this.store.conversation(id)?.status !== 'closed' ? id : (await this.ensureConversation()).id;
    return this.backend.sendMessage(conversationId, { clientId: entry.clientId, text: entry.text });
  }

  private syncOutbox(): void {
    if (this.outbox) syncOutboxItems(this.store, this.outbox.items(), this.mirrored, this.activeId ?? DRAFT_CONVERSATION, this.session?.name);
  }

  private ensureConversation(req?: StartConversationRequest): Promise<Conversation> {
    const existing = this.activeConversation;
    if (existing && existing.status !== 'closed') return Promise.resolve(existing);
    this.starting ??= this.backend.startConversation(req ?? this.startRequest()).then(
      (conv) => {
        this.store.upsertConversation(conv);
        this.activeId = conv.id;
        this.store.adoptLocal(DRAFT_CONVERSATION, conv.id);
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
    this.store.adoptLocal(DRAFT_CONVERSATION, open.id);
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
      this.store.adoptLocal(DRAFT_CONVERSATION, e.conversation.id);
    }
  }

  /** The session ended mid-chat: keep the message queued and ask the patient to log in again. */
  private holdForLogin(clientId: string, conversationId: string): void {
    this.store.setLocalState(conversationId, clientId, 'queued');
    const held = (this.heldForLogin ??= { subject: this.session?.subject, clientIds: [] });
    if (!held.clientIds.includes(clientId)) held.clientIds.push(clientId);
    this.stop();
    this.loadError = 'auth';
    if (this.status !== ClientStatus.LoggedOut) this.setStatus(ClientStatus.LoggedOut);
  }

  /** After a new login: the same patient's held messages go out; another patient's are dropped. */
  private releaseHeld(): void {
    const held = this.heldForLogin;
    this.heldForLogin = undefined;
    if (!held) return;
    for (const clientId of held.clientIds) {
      if (held.subject !== undefined && held.subject === this.session?.subject) this.retry(clientId);
      else this.discard(clientId);
    }
  }

  private setStatus(s: ClientStatus): void {
    this.status = s;
    this.emit('change', undefined);
  }
}
