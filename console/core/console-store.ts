/**
 * The console's state and the nurse's acts, framework-free: who is logged in, the queues and
 * conversations, the open conversation (messages, the patient's answers, typing), the live
 * stream. Elements read `snapshot` and call the acts; each act throws a ConsoleApiError on
 * failure so the element can keep what was typed and say what went wrong.
 */
import { ConsoleApiError, ConsoleHttp, isObj } from './api.js';
import { ConsoleEventStream, type StreamState } from './event-stream.js';
import {
  checkConversation, checkMessage, checkOverview, checkPage, checkStaff,
  type ConsoleConversation, type Message, type Overview, type QueueName, type Staff,
} from './wire.js';

/** Where the app is. `loading`: asking who is logged in; `login`: nobody (or the session ended); `ready`: working. */
export const Phase = { loading: 'loading', login: 'login', ready: 'ready' } as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

/** One answer of the patient to an action (booking, call-back, questionnaire, evaluation), as it arrived. */
export interface PatientAnswer { kind: string; actionId?: string; response: unknown; at: string }

export interface OpenConversation {
  id: string;
  messages: Message[];
  answers: PatientAnswer[];
  patientTyping: boolean;
}

export interface ConsoleSnapshot {
  phase: Phase;
  me: Staff | null;
  overview: Overview | null;
  current: OpenConversation | null;
  connection: StreamState;
  /** True when the session ended while working: the workspace stays (with what was typed) under the login. */
  sessionLost: boolean;
}

export interface StoreOptions {
  http?: ConsoleHttp;
  createEventSource?: (url: string) => EventSource;
  retryMs?: number;
}

type Listener = () => void;

export class ConsoleStore {
  readonly http: ConsoleHttp;
  private state: ConsoleSnapshot = { phase: 'loading', me: null, overview: null, current: null, connection: 'closed', sessionLost: false };
  private readonly listeners = new Set<Listener>();
  private stream: ConsoleEventStream | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private typingSent = false;
  private paused = false;

  constructor(private readonly opts: StoreOptions = {}) {
    this.http = opts.http ?? new ConsoleHttp();
  }

  get snapshot(): ConsoleSnapshot {
    return this.state;
  }

  /** The id of the last live event received ('' before any). */
  get lastEventId(): string {
    return this.stream?.lastEventId ?? '';
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<ConsoleSnapshot>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn();
  }

  /** Finds out who is logged in (the staff cookie) and starts working, or asks for a login. */
  async boot(): Promise<void> {
    try {
      const me = await this.http.call('GET', '/me', undefined, checkStaff);
      await this.begin(me);
    } catch (e) {
      if (e instanceof ConsoleApiError && e.code === 'auth') this.set({ phase: 'login' });
      else throw e;
    }
  }

  async login(name: string, queue: QueueName): Promise<void> {
    const me = await this.http.call('POST', '/login', { name, queue }, checkStaff);
    const sameNurse = this.state.me?.name === me.name;
    if (!sameNurse) this.set({ current: null });
    await this.begin(me);
  }

  async logout(): Promise<void> {
    await this.sendTyping(false).catch(() => {});
    await this.http.call('POST', '/logout').catch((e: unknown) => {
      if (!(e instanceof ConsoleApiError && e.code === 'auth')) throw e;
    });
    this.end();
  }

  /** Stops everything and forgets what the console held (after logout). */
  end(): void {
    this.stream?.stop();
    this.stream = undefined;
    clearTimeout(this.refreshTimer);
    this.set({ phase: 'login', me: null, overview: null, current: null, sessionLost: false });
  }

  private async begin(me: Staff): Promise<void> {
    this.set({ me, phase: 'ready', sessionLost: false });
    await this.refresh();
    if (this.state.current) await this.reloadCurrent();
    this.follow();
  }

  /** Stops the live stream while the console is not on the page (a removed element). */
  pause(): void {
    this.paused = true;
    this.stream?.stop();
    this.stream = undefined;
    clearTimeout(this.refreshTimer);
  }

  /** Starts the live stream again after `pause`, catching up from REST. */
  resume(): void {
    this.paused = false;
    if (this.state.phase !== 'ready' || this.stream) return;
    void this.resync();
    this.follow();
  }

  private follow(): void {
    this.stream?.stop();
    this.stream = undefined;
    if (this.paused) return;
    this.stream = new ConsoleEventStream({
      url: `${this.http.base}/events`,
      create: this.opts.createEventSource,
      retryMs: this.opts.retryMs,
      onEvent: (e) => this.handleEvent(e),
      onResync: () => void this.resync(),
      onState: (connection) => this.set({ connection }),
    });
    this.stream.start();
  }

  /** The session ended on the server (401): keep the workspace and what was typed, ask for a login. */
  private lost(): void {
    this.stream?.stop();
    this.stream = undefined;
    this.set({ sessionLost: true, phase: 'login' });
  }

  /** Runs an act; a 401 turns the console to the login, other failures go to the caller. */
  private async guard<T>(act: () => Promise<T>): Promise<T> {
    try {
      return await act();
    } catch (e) {
      if (e instanceof ConsoleApiError && e.code === 'auth') this.lost();
      throw e;
    }
  }

  async refresh(): Promise<void> {
    const overview = await this.guard(() => this.http.call('GET', '/overview', undefined, checkOverview));
    this.set({ overview });
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh().catch(() => {}), 100);
  }

  private async resync(): Promise<void> {
    await this.refresh().catch(() => {});
    await this.reloadCurrent().catch(() => {});
  }

  conversation(id: string): ConsoleConversation | undefined {
    return this.state.overview?.conversations.find((c) => c.id === id);
  }

  /** Takes the next patient of a queue; null when nobody is waiting. */
  async takeNext(queue: QueueName): Promise<ConsoleConversation | null> {
    try {
      const c = await this.guard(() => this.http.call('POST', '/next', { queue }, checkConversation));
      await this.refresh();
      await this.open(c.id);
      return c;
    } catch (e) {
      if (e instanceof ConsoleApiError && e.code === 'not-found') {
        await this.refresh().catch(() => {});
        return null;
      }
      throw e;
    }
  }

  async open(id: string): Promise<void> {
    if (this.state.current?.id !== id) {
      await this.sendTyping(false).catch(() => {});
      this.set({ current: { id, messages: [], answers: [], patientTyping: false } });
    }
    await this.reloadCurrent();
  }

  private async reloadCurrent(): Promise<void> {
    const cur = this.state.current;
    if (!cur) return;
    const page = await this.guard(() => this.http.call('GET', `/conversations/${encodeURIComponent(cur.id)}/messages`, undefined, checkPage));
    const now = this.state.current;
    if (now?.id !== cur.id) return;
    // merged, not replaced: a live event may have brought a message after this page was read
    const byId = new Map(now.messages.map((m) => [m.id, m]));
    for (const m of page.messages) byId.set(m.id, m);
    this.set({ current: { ...now, messages: [...byId.values()].sort((a, b) => a.seq - b.seq) } });
    await this.markRead();
  }

  private async markRead(): Promise<void> {
    const cur = this.state.current;
    if (!cur) return;
    await this.http.call('POST', `/conversations/${encodeURIComponent(cur.id)}/read`).catch(() => {});
  }

  async send(text: string): Promise<void> {
    const id = this.requireCurrent();
    const m = await this.guard(() => this.http.call('POST', `/conversations/${encodeURIComponent(id)}/messages`, { kind: 'text', text }, checkMessage));
    this.typingSent = false;
    void this.http.call('POST', `/conversations/${encodeURIComponent(id)}/typing`, { typing: false }).catch(() => {});
    this.upsertMessage(m);
  }

  /** Sends an action message (booking, call-back, video, questionnaire). */
  async sendAction(kind: string, text: string, payload: unknown): Promise<void> {
    const id = this.requireCurrent();
    const m = await this.guard(() => this.http.call('POST', `/conversations/${encodeURIComponent(id)}/messages`, { kind, text, payload }, checkMessage));
    this.upsertMessage(m);
  }

  /** Tells the patient the nurse is (or stopped) typing; sends only changes. */
  async sendTyping(typing: boolean): Promise<void> {
    const id = this.state.current?.id;
    if (!id || typing === this.typingSent) return;
    this.typingSent = typing;
    await this.http.call('POST', `/conversations/${encodeURIComponent(id)}/typing`, { typing });
  }

  async handover(queue: QueueName, to?: string): Promise<void> {
    const id = this.requireCurrent();
    await this.guard(() => this.http.call('POST', `/conversations/${encodeURIComponent(id)}/handover`, { queue, ...(to ? { to } : {}) }, checkConversation));
    await this.refresh();
  }

  async close(evaluation: boolean): Promise<void> {
    const id = this.requireCurrent();
    await this.guard(() => this.http.call('POST', `/conversations/${encodeURIComponent(id)}/close`, { evaluation }, checkConversation));
    await this.refresh();
  }

  async start(req: { patient: string; mode: 'sync' | 'async'; text: string; subject?: string }): Promise<void> {
    const c = await this.guard(() => this.http.call('POST', '/conversations', req, checkConversation));
    await this.refresh();
    await this.open(c.id);
  }

  private requireCurrent(): string {
    const id = this.state.current?.id;
    if (!id) throw new ConsoleApiError('not-found');
    return id;
  }

  private upsertMessage(m: Message): void {
    const cur = this.state.current;
    if (!cur || cur.id !== m.conversationId) return;
    const others = cur.messages.filter((x) => x.id !== m.id);
    const messages = [...others, m].sort((a, b) => a.seq - b.seq);
    this.set({ current: { ...cur, messages } });
  }

  /** Applies one event of the stream. Unknown or malformed events are ignored. */
  handleEvent(e: unknown): void {
    if (!isObj(e)) return;
    const cur = this.state.current;
    if (e.type === 'message') {
      let m: Message;
      try {
        m = checkMessage(e.message);
      } catch {
        return;
      }
      if (cur?.id === m.conversationId) {
        this.upsertMessage(m);
        if (m.author.role === 'patient' && !m.readAt) void this.markRead();
        if (m.author.role === 'patient') this.set({ current: { ...this.state.current!, patientTyping: false } });
      }
      this.scheduleRefresh();
    } else if (e.type === 'conversation') {
      this.scheduleRefresh();
    } else if (e.type === 'typing' && cur && e.conversationId === cur.id && isObj(e.author) && e.author.role === 'patient') {
      this.set({ current: { ...cur, patientTyping: e.typing === true } });
    } else if (e.type === 'response' && cur && e.conversationId === cur.id && typeof e.kind === 'string') {
      const answer: PatientAnswer = { kind: e.kind, response: e.response, at: new Date().toISOString() };
      if (typeof e.actionId === 'string') answer.actionId = e.actionId;
      this.set({ current: { ...cur, answers: [...cur.answers, answer] } });
    }
  }

  dispose(): void {
    this.stream?.stop();
    clearTimeout(this.refreshTimer);
    this.listeners.clear();
  }
}
