/**
 * The composition root of one patient's chat: everything a chat needs is passed in here, and
 * nothing else constructs a part. `createChatSession({ backend, outboxStore, storage, clock,
 * auth, locale })` wires the chat client (conversations, live events, the outbox), the login
 * machine and the inactivity policy, and publishes one immutable snapshot (snapshot.ts) on every
 * change. Framework-free: the browser's parts are built by src/browser/browser-session.ts, the
 * tests' in memory.
 */
import type { AuthStrategy, LoginMethod } from './auth.js';
import type { ChatBackend, StartConversationRequest } from './backend.js';
import { ChatClient, type SentInfo } from './chat-client.js';
import { Emitter } from './emitter.js';
import { storeOutbox, type OutboxProvider } from './outbox/provider.js';
import { realClock } from './outbox/outbox-queue.js';
import type { Clock, OutboxStore } from './outbox/types.js';
import { SessionMachine, SessionPhase, type LogoutReason } from './session.js';
import { takeSnapshot, type ChatSnapshot } from './snapshot.js';
import type { PatientSession } from './types.js';

/** Where a session keeps what is not a message: UI state across a login trip, and the purge. */
export interface SessionStorage {
  /** Deletes everything the widget stored for the patient (logout, timeout). */
  purge(): Promise<void>;
  /** Remembers that the panel was open, for the return from the identity provider. */
  saveOpen(): void;
  /** Forgets what saveOpen remembered (the page did not leave after all). */
  forgetOpen(): void;
}

export const memoryStorage = (): SessionStorage => ({ purge: async () => undefined, saveOpen: () => undefined, forgetOpen: () => undefined });

/** A login that needs no identity provider (tests; a backend without login). */
const noLogin = async (): Promise<AuthStrategy> => ({
  pendingCallback: () => false,
  completeCallback: async () => ({ ok: false, error: 'not-configured' }),
  login: async () => undefined,
  logout: async () => undefined,
});

export interface ChatSessionParts {
  backend: ChatBackend;
  /** The store of the patient's unsent messages, by patient; in memory by default. */
  outboxStore?: (session: PatientSession) => OutboxStore | Promise<OutboxStore>;
  /** A whole outbox instead (the browser's adds tabs and page triggers); wins over `outboxStore`. */
  outbox?: OutboxProvider;
  storage?: SessionStorage;
  /** Time for the outbox's backoff and the inactivity timer. */
  clock?: Clock;
  /** Loads the login strategy (BFF redirect, browser OIDC, the backend's own). */
  auth?: () => Promise<AuthStrategy>;
  /** UI language of this session: `sv` (default), `en`, `ar`. */
  locale?: string;
  /** Idempotency keys (crypto.randomUUID by default). */
  newId?: () => string;
  /** Extra fields for a conversation the first message starts. */
  startRequest?: () => StartConversationRequest;
}

export interface ChatSessionEvents extends Record<string, unknown> {
  /** A new snapshot was published. */
  change: ChatSnapshot;
  /** The backend acknowledged one of the patient's messages. */
  sent: SentInfo;
}

export class ChatSession extends Emitter<ChatSessionEvents> {
  readonly backend: ChatBackend;
  readonly client: ChatClient;
  readonly login: SessionMachine;
  readonly storage: SessionStorage;
  readonly clock: Clock;
  readonly locale: string;
  private current: ChatSnapshot;
  private readonly off: (() => void)[] = [];
  private loginStarted: Promise<void> | undefined;
  private starting: Promise<void> | undefined;
  /** A change since the snapshot was taken; one publication is queued; the last one published. */
  private stale = false;
  private queued = false;
  private published: ChatSnapshot | undefined;
  private disposed = false;

  constructor(parts: ChatSessionParts) {
    super();
    this.backend = parts.backend;
    this.storage = parts.storage ?? memoryStorage();
    this.clock = parts.clock ?? realClock;
    this.locale = parts.locale ?? 'sv';
    const outbox = parts.outbox ?? storeOutbox({ clock: this.clock, ...(parts.outboxStore ? { store: parts.outboxStore } : {}) });
    this.client = new ChatClient({
      backend: parts.backend, outbox, purge: () => this.storage.purge(),
      ...(parts.newId ? { newId: parts.newId } : {}), ...(parts.startRequest ? { startRequest: parts.startRequest } : {}),
    });
    const auth = parts.auth ?? noLogin;
    this.login = new SessionMachine({
      strategy: auth,
      setCredentials: (c) => parts.backend.setCredentials?.(c),
      endSession: () => this.client.logout(),
      onLoggedIn: () => void this.client.start(),
    });
    // the backend refused browser OIDC's token: log in again (queued messages stay, encrypted)
    parts.backend.setAuthRequiredHandler?.(() => {
      this.login.expired();
      this.client.stop();
      void this.client.start();
    });
    this.current = takeSnapshot(this.client, this.login, this.locale);
    this.off.push(
      this.client.on('change', () => this.publish()),
      this.client.on('sent', (s) => this.emit('sent', s)),
      this.login.on('change', () => this.publish()),
    );
  }

  /** The state now: immutable, replaced (never changed) on every change. */
  get snapshot(): ChatSnapshot {
    if (this.stale) {
      this.stale = false;
      this.current = takeSnapshot(this.client, this.login, this.locale);
    }
    return this.current;
  }

  /** Completes a login return if this page load is one, then loads the chat. Once. */
  start(): Promise<void> {
    const run = this.run();
    this.starting = run;
    return run;
  }

  private async run(): Promise<void> {
    // every caller waits for the one login start (a return from the identity provider first)
    this.loginStarted ??= this.login.start();
    await this.loginStarted;
    // idle: never loaded; ready: stopped when the element went away (resume the live stream)
    const status = this.client.status;
    if (status === 'idle' || status === 'ready') await this.client.start();
  }

  /** Goes to the identity provider (remembering only that the panel was open). */
  async loginWith(method: LoginMethod): Promise<void> {
    this.storage.saveOpen();
    await this.login.login(method);
    if (this.login.error) this.storage.forgetOpen(); // the page did not leave after all
  }

  /** Logs out (backend, memory, stored data); `timeout` when the inactivity limit was reached. */
  async logout(reason: LogoutReason = 'logout'): Promise<void> {
    await this.starting?.catch(() => undefined); // a load still running must not revive the session afterwards
    return this.login.logout(reason);
  }

  /** Stops the live connection and the outbox (the element went away); `start` resumes. */
  stop(): void {
    this.client.stop();
  }

  dispose(): void {
    this.disposed = true;
    this.client.stop();
    for (const off of this.off.splice(0)) off();
  }

  get loginReady(): boolean {
    return this.login.phase !== SessionPhase.Starting;
  }

  /**
   * A change: the snapshot is taken again when next read, and published once, in a microtask,
   * however many changes came in the same turn (a burst of live events after a reconnect is one
   * snapshot and one render, not one per event).
   */
  private publish(): void {
    this.stale = true;
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      const s = this.snapshot;
      if (s !== this.published && !this.disposed) this.emit('change', (this.published = s));
    });
  }
}

/** The composition root: one patient's chat from its parts (see ChatSessionParts). */
export function createChatSession(parts: ChatSessionParts): ChatSession {
  return new ChatSession(parts);
}
