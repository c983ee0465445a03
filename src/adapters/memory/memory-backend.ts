/**
 * An in-browser backend with a simulated clinic, for the demo, `data-backend="mock"` and tests.
 * It behaves like a server: it assigns ids and sequence numbers, is idempotent on `clientId`,
 * keeps an event log that subscribers resume from, and can be made slow, offline or failing
 * from the demo's control panel. Its state can persist (see persist.ts) so a reload keeps it.
 */
import type { ChatBackend, StartConversationRequest, SubscribeOptions } from '../../core/backend.js';
import { BackendError } from '../../core/errors.js';
import type { Credentials, LoginMethod } from '../../core/auth.js';
import {
  MAX_MESSAGE_LENGTH, type Author, type BackendEvent, type Conversation, type ConversationMode,
  type ConversationSummary, type Message, type MessagePage, type PatientSession, type Questionnaire,
  type QuestionnaireResponse,
} from '../../core/types.js';
import { routeConversation, routedMode } from './triage-source.js';
import { idbPersistence, type Persistence } from './persist.js';
import { defaultTriage } from './triage.js';
import { triageFor, type TriageSource } from './triage-source.js';

/** A failure the control panel can inject into every request. */
export type InjectedFailure = 'network' | 'unavailable' | 'rate-limited' | 'rejected';

export interface MemoryBackendOptions {
  /** Simulated network latency per request, ms. */
  latencyMs?: number;
  /** How long the simulated clinician takes to answer, ms. */
  replyDelayMs?: number;
  /** Mode of conversations the patient starts. */
  mode?: ConversationMode;
  /** The logged-in patient; null for no session. */
  session?: PatientSession | null;
  /** Where server state persists; null keeps it in memory only. */
  persistence?: Persistence<ServerState> | null;
  /** The simulated clinician answers patient messages automatically. */
  autoReply?: boolean;
  clinician?: Author;
  /** The pre-chat questionnaire: a FHIR Questionnaire, or a function giving one (by locale); null for none. Default: the demo's. */
  triage?: TriageSource | null;
  /** A same-origin URL to fetch the pre-chat questionnaire from (for `data-questionnaire`). */
  questionnaireUrl?: string;
  /**
   * Pretend e-ID: `login()` sends the page here (with `method` and `return_to`), e.g. the demo's
   * `/demo/pretend-eid.html`. Without it `login()` signs in `loginAs` at once (tests).
   */
  pretendEidUrl?: string;
  /** Who `login()` signs in without a pretend e-ID page. Default DEMO_PATIENT. */
  loginAs?: PatientSession;
}

export interface ServerState {
  conversations: Conversation[];
  messages: Message[];
  events: BackendEvent[];
  nextSeq: number;
  nextEvent: number;
  nextId: number;
  session: PatientSession | null;
  /** Storage key per patient subject (see PatientSession.storageKey). */
  storageKeys?: Record<string, string>;
}

interface Subscriber {
  onEvent: (e: BackendEvent) => void;
  /** Index into the event log of the next event to deliver. */
  cursor: number;
}

const EVENT_LOG_LIMIT = 5000;
export const DEMO_PATIENT: PatientSession = { subject: 'demo-patient-1', name: 'Testa Testsson' };
export const DEMO_CLINICIAN: Author = { role: 'clinician', name: 'Anna Svensson', profession: 'sjuksköterska' };

const emptyState = (session: PatientSession | null): ServerState => ({
  conversations: [], messages: [], events: [], nextSeq: 1, nextEvent: 1, nextId: 1, session,
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class MemoryBackend implements ChatBackend {
  /** `subscribe` calls `onOpen` once the subscriber is registered. */
  readonly signalsOpen = true;
  latencyMs: number;
  replyDelayMs: number;
  mode: ConversationMode;
  autoReply: boolean;
  clinician: Author;
  /** The pre-chat questionnaire (see the option); the demo's "bring your own" sets it. */
  triage: TriageSource | null | undefined;
  /** What the clinic received with each conversation the patient started (kept in memory only), by conversation id. */
  readonly startRequests = new Map<string, StartConversationRequest>();
  /** While true every request fails with a network error and no events are delivered. */
  offline = false;
  /** What the patient answered to action messages and evaluations (for the demo and tests). */
  readonly responses: { conversationId: string; actionId: string; response: unknown }[] = [];
  readonly evaluations: { conversationId: string; answers: QuestionnaireResponse }[] = [];
  /** The patient's typing signal as last received. */
  patientTyping = false;
  private failure: { kind: InjectedFailure; remaining: number } | undefined;
  private state: ServerState;
  private readonly persistence: Persistence<ServerState> | null;
  private loaded: Promise<void> | undefined;
  private readonly subscribers = new Set<Subscriber>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly initialSession: PatientSession | null;
  /** Share (0–1) of sends that commit and then lose their response (exactly-once tests). */
  dropResponseShare = 0;
  /** How many responses were dropped after commit. */
  droppedResponses = 0;
  private readonly pretendEidUrl: string | undefined;
  private readonly loginAs: PatientSession;

  constructor(opts: MemoryBackendOptions = {}) {
    this.latencyMs = opts.latencyMs ?? 150;
    this.replyDelayMs = opts.replyDelayMs ?? 1500;
    this.mode = opts.mode ?? 'sync';
    this.autoReply = opts.autoReply ?? true;
    this.clinician = opts.clinician ?? DEMO_CLINICIAN;
    this.triage = opts.triage !== undefined ? opts.triage : opts.questionnaireUrl ? triageFor(opts.questionnaireUrl) : undefined;
    this.initialSession = opts.session === undefined ? DEMO_PATIENT : opts.session;
    this.persistence = opts.persistence === undefined ? idbPersistence<ServerState>() : opts.persistence;
    this.state = emptyState(this.initialSession);
    this.pretendEidUrl = opts.pretendEidUrl;
    this.loginAs = opts.loginAs ?? DEMO_PATIENT;
  }

  // ---- pretend e-ID (login, logout) ------------------------------------------------------

  /** Signs a patient in on the simulated server (the pretend e-ID page calls this). */
  async signIn(session: PatientSession): Promise<void> {
    await this.ready();
    this.state.session = structuredClone(session);
    await this.persistence?.save(this.state).catch(() => undefined);
  }

  /** Pretend e-ID: leaves for the pretend page, or signs in `loginAs` at once when there is none. */
  async login(method: LoginMethod, returnTo: string): Promise<void> {
    if (this.pretendEidUrl) {
      const url = new URL(this.pretendEidUrl, location.href);
      url.searchParams.set('method', method);
      url.searchParams.set('return_to', returnTo);
      location.assign(url.href);
      return;
    }
    await this.request();
    await this.signIn(this.loginAs);
  }

  async logout(): Promise<void> {
    await this.request();
    this.state.session = null;
    await this.persistence?.save(this.state).catch(() => undefined);
  }

  /** Browser OIDC: the token's patient becomes the session (the token itself is not kept). */
  setCredentials(credentials: Credentials | null): void {
    const session = credentials ? structuredClone(credentials.session) : null;
    void this.ready().then(() => (this.state.session = session));
  }

  // ---- control panel -------------------------------------------------------------------

  /** Makes the next `count` requests (Infinity: all, until cleared with null) fail. */
  setFailure(kind: InjectedFailure | null, count = Infinity): void {
    this.failure = kind ? { kind, remaining: count } : undefined;
  }

  /** Commits a share (0–1) of sends and then fails them with a network error, as a lost response would. */
  dropResponses(share: number): void {
    this.dropResponseShare = Math.min(Math.max(share, 0), 1);
  }

  setOffline(offline: boolean): void {
    this.offline = offline;
    if (!offline) this.flushSubscribers();
  }

  /** The clinician writes in a conversation (the newest open one by default). */
  async clinicianSend(text: string, opts: { conversationId?: string; kind?: string; payload?: unknown } = {}): Promise<Message | undefined> {
    await this.ready();
    const conv = opts.conversationId ? this.conv(opts.conversationId) : this.newestOpen();
    if (!conv) return undefined;
    this.join(conv);
    const m = this.addMessage(conv, { author: this.clinician, kind: opts.kind ?? 'text', text, payload: opts.payload });
    this.markPatientMessagesRead(conv);
    this.updateConversation(conv, conv.mode === 'async' ? { status: 'waiting-for-patient' } : {});
    return m;
  }

  /** The clinic starts a conversation with the patient (follow-up, rebooking, …). */
  async clinicStart(text: string, mode: ConversationMode = 'async'): Promise<Conversation> {
    await this.ready();
    const conv = this.createConversation(mode, 'clinic');
    this.updateConversation(conv, { assignee: this.clinician, status: mode === 'async' ? 'waiting-for-patient' : 'active', queue: undefined });
    this.addMessage(conv, { author: this.clinician, kind: 'text', text });
    return conv;
  }

  async closeConversation(conversationId?: string, opts: { evaluation?: unknown } = {}): Promise<void> {
    await this.ready();
    const conv = conversationId ? this.conv(conversationId) : this.newestOpen();
    if (!conv) return;
    this.addMessage(conv, { author: { role: 'system' }, kind: 'system', text: 'Chatten avslutades.', payload: { event: 'closed' } });
    if (opts.evaluation !== undefined) this.addMessage(conv, { author: this.clinician, kind: 'evaluation', text: '', payload: opts.evaluation });
    this.updateConversation(conv, { status: 'closed', queue: undefined });
  }

  /** Sync queue: puts the newest open conversation at `position` (0 lets the clinician join). */
  async setQueue(position: number, estimatedWaitMinutes = position * 2): Promise<Conversation | undefined> {
    await this.ready();
    const conv = this.newestOpen();
    if (!conv) return undefined;
    if (position <= 0) this.join(conv);
    else this.updateConversation(conv, { status: 'queued', assignee: undefined, queue: { position, estimatedWaitMinutes } });
    return conv;
  }

  /** The clinician starts or stops typing in the newest open conversation. */
  async clinicianTyping(typing: boolean): Promise<void> {
    await this.ready();
    const conv = this.newestOpen();
    if (conv) this.event({ type: 'typing', id: '', conversationId: conv.id, typing, author: this.clinician });
  }

  /** The clinician's presence in the newest open conversation. */
  async setPresence(online: boolean): Promise<void> {
    await this.ready();
    const conv = this.newestOpen();
    if (conv) this.event({ type: 'presence', id: '', conversationId: conv.id, online, author: this.clinician });
  }

  /** Hands the newest open conversation over to someone else (they become the clinician). */
  async handOver(to: Author, queue?: string): Promise<void> {
    await this.ready();
    const conv = this.newestOpen();
    if (!conv) return;
    this.addMessage(conv, { author: { role: 'system' }, kind: 'handover', text: '', payload: queue ? { to, queue } : { to } });
    this.clinician = to;
    this.updateConversation(conv, { assignee: to });
  }

  /** Forgets every conversation (and the persisted copy). */
  async reset(): Promise<void> {
    await this.ready();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.state = emptyState(this.initialSession);
    for (const s of this.subscribers) s.cursor = 0;
    await this.persistence?.clear();
  }

  /** Pending simulated-clinician timers are cancelled (tests, page teardown). */
  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.subscribers.clear();
  }

  // ---- ChatBackend -----------------------------------------------------------------------

  async getSession(): Promise<PatientSession | null> {
    await this.request();
    const s = this.state.session;
    return s && { ...s, storageKey: s.storageKey ?? this.storageKeyFor(s.subject) };
  }

  /** One stable random storage key per patient, kept with the server state. */
  private storageKeyFor(subject: string): string {
    const keys = (this.state.storageKeys ??= {});
    if (!keys[subject]) {
      const raw = crypto.getRandomValues(new Uint8Array(32));
      keys[subject] = btoa(String.fromCharCode(...raw));
      this.save();
    }
    return keys[subject];
  }

  async getTriage(locale?: string): Promise<Questionnaire> {
    await this.request();
    const source = this.triage;
    if (source === null) throw new BackendError('not-found', 'no-triage');
    if (!source) return structuredClone(locale === 'en' ? (await import('./triage-en.js')).defaultTriageEn : defaultTriage);
    return structuredClone(typeof source === 'function' ? await source(locale) : source);
  }

  async listConversations(): Promise<ConversationSummary[]> {
    await this.authed();
    return this.state.conversations.map((c) => {
      const msgs = this.state.messages.filter((m) => m.conversationId === c.id);
      const last = msgs[msgs.length - 1];
      const summary: ConversationSummary = {
        ...structuredClone(c),
        unreadCount: msgs.filter((m) => m.author.role !== 'patient' && !m.readAt).length,
      };
      if (last) summary.lastMessage = { text: last.text, createdAt: last.createdAt, author: last.author };
      return summary;
    });
  }

  async startConversation(req: StartConversationRequest): Promise<Conversation> {
    await this.authed();
    const conv = this.createConversation(req.mode ?? routedMode(req) ?? this.mode, 'patient');
    this.updateConversation(conv, routeConversation(req, conv.mode));
    this.startRequests.set(conv.id, structuredClone(req));
    return structuredClone(conv);
  }

  async getMessages(conversationId: string, page: { before?: string; limit?: number } = {}): Promise<MessagePage> {
    await this.authed();
    this.mustConv(conversationId);
    const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
    const before = page.before ? Number(page.before) : Infinity;
    const all = this.state.messages.filter((m) => m.conversationId === conversationId && m.seq < before);
    const messages = all.slice(-limit);
    const result: MessagePage = { messages: structuredClone(messages) };
    if (all.length > messages.length && messages[0]) result.before = String(messages[0].seq);
    return result;
  }

  async sendMessage(conversationId: string, msg: { clientId: string; text: string }): Promise<Message> {
    await this.authed();
    const conv = this.mustConv(conversationId);
    if (typeof msg.text !== 'string' || !msg.text.trim()) throw new BackendError('rejected', 'message-empty');
    if ([...msg.text].length > MAX_MESSAGE_LENGTH) throw new BackendError('rejected', 'message-too-long');
    const dup = this.state.messages.find((m) => m.conversationId === conversationId && m.clientId === msg.clientId);
    if (dup) {
      if (dup.text !== msg.text) throw new BackendError('rejected', 'client-id-conflict');
      return structuredClone(dup);
    }
    if (conv.status === 'closed') throw new BackendError('rejected', 'conversation-closed');
    const m = this.addMessage(conv, { author: { role: 'patient', name: this.state.session?.name }, kind: 'text', text: msg.text, clientId: msg.clientId });
    if (conv.mode === 'async') this.updateConversation(conv, { status: 'waiting-for-clinic' });
    if (this.autoReply) this.scheduleReply(conv.id);
    if (this.dropResponseShare > 0 && Math.random() < this.dropResponseShare) {
      this.droppedResponses++;
      throw new BackendError('network'); // committed, but the patient's side never hears of it
    }
    return structuredClone(m);
  }

  async markRead(conversationId: string, messageId: string): Promise<void> {
    await this.authed();
    const m = this.state.messages.find((x) => x.id === messageId && x.conversationId === conversationId);
    if (!m) throw new BackendError('not-found');
    if (!m.readAt && m.author.role !== 'patient') {
      m.readAt = new Date().toISOString();
      this.save();
    }
  }

  async setTyping(conversationId: string, typing: boolean): Promise<void> {
    await this.authed();
    this.mustConv(conversationId);
    this.patientTyping = typing;
  }

  async respond(conversationId: string, actionId: string, response: unknown): Promise<void> {
    await this.authed();
    this.mustConv(conversationId);
    this.responses.push({ conversationId, actionId, response: structuredClone(response) });
  }

  async submitEvaluation(conversationId: string, answers: QuestionnaireResponse): Promise<void> {
    await this.authed();
    this.mustConv(conversationId);
    this.evaluations.push({ conversationId, answers: structuredClone(answers) });
  }

  subscribe(onEvent: (e: BackendEvent) => void, opts: SubscribeOptions): void {
    void this.ready().then(() => {
      if (opts.signal.aborted) return;
      const since = opts.since ? this.state.events.findIndex((e) => e.id === opts.since) : -1;
      const sub: Subscriber = { onEvent, cursor: opts.since ? (since >= 0 ? since + 1 : -1) : this.state.events.length };
      this.subscribers.add(sub);
      opts.signal.addEventListener('abort', () => this.subscribers.delete(sub), { once: true });
      opts.onOpen?.();
      this.flushSubscribers();
    });
  }

  // ---- simulated server internals ------------------------------------------------------

  private ready(): Promise<void> {
    this.loaded ??= (async () => {
      const saved = await this.persistence?.load().catch(() => undefined);
      if (saved) this.state = saved;
    })();
    return this.loaded;
  }

  private async request(): Promise<void> {
    await this.ready();
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    if (this.offline) throw new BackendError('network');
    const f = this.failure;
    if (f && f.remaining > 0) {
      if (--f.remaining <= 0) this.failure = undefined;
      if (f.kind === 'rate-limited') throw new BackendError('rate-limited', 'rate-limited', 2000);
      throw new BackendError(f.kind, f.kind === 'rejected' ? 'injected-rejection' : undefined);
    }
  }

  private async authed(): Promise<void> {
    await this.request();
    if (!this.state.session) throw new BackendError('auth');
  }

  private conv(id: string): Conversation | undefined {
    return this.state.conversations.find((c) => c.id === id);
  }

  private mustConv(id: string): Conversation {
    const c = this.conv(id);
    if (!c) throw new BackendError('not-found');
    return c;
  }

  private newestOpen(): Conversation | undefined {
    return [...this.state.conversations].reverse().find((c) => c.status !== 'closed');
  }

  private createConversation(mode: ConversationMode, initiator: 'patient' | 'clinic'): Conversation {
    const now = new Date().toISOString();
    const conv: Conversation = {
      id: `c${this.state.nextId++}`, mode, initiator, createdAt: now, updatedAt: now,
      status: mode === 'sync' ? 'queued' : 'waiting-for-clinic',
    };
    if (mode === 'sync') conv.queue = { position: 1, estimatedWaitMinutes: 2 };
    this.state.conversations.push(conv);
    this.event({ type: 'conversation', id: '', conversation: structuredClone(conv) });
    return conv;
  }

  private updateConversation(conv: Conversation, patch: Partial<Conversation>): void {
    Object.assign(conv, patch, { updatedAt: new Date().toISOString() });
    for (const k of Object.keys(patch) as (keyof Conversation)[]) if (patch[k] === undefined) delete conv[k];
    this.event({ type: 'conversation', id: '', conversation: structuredClone(conv) });
  }

  private join(conv: Conversation): void {
    if (conv.status !== 'queued' && conv.assignee) return;
    conv.assignee = this.clinician;
    const who = [this.clinician.name, this.clinician.profession && `(${this.clinician.profession})`].filter(Boolean).join(' ');
    this.addMessage(conv, { author: { role: 'system' }, kind: 'system', text: `${who} anslöt till chatten.`, payload: { event: 'joined', author: this.clinician } });
    this.updateConversation(conv, { status: conv.mode === 'sync' ? 'active' : conv.status, queue: undefined });
  }

  private addMessage(conv: Conversation, m: Pick<Message, 'author' | 'kind' | 'text'> & { clientId?: string; payload?: unknown }): Message {
    const msg: Message = {
      id: `m${this.state.nextId++}`, conversationId: conv.id, seq: this.state.nextSeq++,
      author: m.author, kind: m.kind, text: m.text, createdAt: new Date().toISOString(),
    };
    if (m.clientId) msg.clientId = m.clientId;
    if (m.payload !== undefined) msg.payload = m.payload;
    this.state.messages.push(msg);
    this.event({ type: 'message', id: '', message: structuredClone(msg) });
    return msg;
  }

  private markPatientMessagesRead(conv: Conversation): void {
    const now = new Date().toISOString();
    for (const m of this.state.messages) {
      if (m.conversationId === conv.id && m.author.role === 'patient' && !m.readAt) {
        m.readAt = now;
        this.event({ type: 'message', id: '', message: structuredClone(m) });
      }
    }
  }

  private scheduleReply(conversationId: string): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      const conv = this.conv(conversationId);
      if (!conv || conv.status === 'closed') return;
      this.event({ type: 'typing', id: '', conversationId, typing: true, author: this.clinician });
      const t2 = setTimeout(() => {
        this.timers.delete(t2);
        void this.clinicianSend('Tack för ditt meddelande. Jag läser det nu och svarar så snart jag kan.', { conversationId });
      }, Math.min(800, this.replyDelayMs));
      this.timers.add(t2);
    }, this.replyDelayMs);
    this.timers.add(t);
  }

  private event(e: BackendEvent): void {
    const withId = { ...e, id: `e${this.state.nextEvent++}` } as BackendEvent;
    this.state.events.push(withId);
    if (this.state.events.length > EVENT_LOG_LIMIT) {
      const drop = this.state.events.length - EVENT_LOG_LIMIT;
      this.state.events.splice(0, drop);
      for (const s of this.subscribers) s.cursor = Math.max(-1, s.cursor - drop);
    }
    this.save();
    this.flushSubscribers();
  }

  private flushSubscribers(): void {
    if (this.offline) return;
    for (const s of this.subscribers) {
      if (s.cursor < 0) {
        // resume point no longer in the log: tell the client to resync
        s.cursor = this.state.events.length;
        const resync: BackendEvent = { type: 'resync', id: `resync-${this.state.nextEvent}` };
        setTimeout(() => s.onEvent(resync), this.latencyMs);
      }
      const batch = this.state.events.slice(s.cursor).map((e) => structuredClone(e));
      s.cursor = this.state.events.length;
      if (batch.length) setTimeout(() => { if (this.subscribers.has(s)) batch.forEach((e) => s.onEvent(e)); }, this.latencyMs);
    }
  }

  private save(): void {
    if (!this.persistence) return;
    void this.persistence.save(this.state).catch(() => undefined);
  }
}
