/**
 * The console's state and the nurse's acts, framework-free: who is logged in, the queues and
 * conversations, the open conversation (messages, triage answers, offers and the patient's
 * answers, typing), the live stream. Elements read `snapshot` and call the acts; each act throws
 * a ConsoleApiError on failure so the element can keep what was typed and say what went wrong.
 * Every answer and event is checked against the protocol's schemas before it is used.
 */
import * as v from 'valibot';
import { ConsoleApiError, ConsoleHttp } from './api.js';
import { ConsoleEventStream, type StreamState } from './event-stream.js';
import { ReplyFileError, type ReplyFile } from './reply.js';
import {
  ATTACHMENT_NAME_HEADER, AttachmentRef, TemplateList,
  checked, Conversation, ConversationDetail, EvaluationSummary, LoginOptions, Message, Overview, RecordNote, StaffEvent, StaffMe, StaffMeAnswer, StaffSession,
  type ActionView, type ConsoleConversation, type ConsoleSendBody, type EvaluationView, type Queue,
  type StartClinicConversationBody, type TriageView,
} from './wire.js';

/** Where the app is. `loading`: asking who is logged in; `login`: nobody (or the session ended); `ready`: working. */
export const Phase = { loading: 'loading', login: 'login', ready: 'ready' } as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

type Msg = v.InferOutput<typeof Message>;
type Staff = v.InferOutput<typeof StaffMe>;
type OverviewData = v.InferOutput<typeof Overview>;

export interface OpenConversation {
  id: string;
  /** False until the detail has been read once. */
  loaded: boolean;
  conversation?: ConsoleConversation;
  messages: Msg[];
  triage?: TriageView;
  /** What the nurse offered (booking, call-back, questionnaire) and the patient's answers as they arrive. */
  actions: ActionView[];
  evaluation?: EvaluationView;
  /** When the patient was notified of new messages (SMS, e-mail, browser), from the detail. */
  notified?: { at: string; channel: 'sms' | 'email' | 'webpush' }[];
  patientTyping: boolean;
}

export interface ConsoleSnapshot {
  phase: Phase;
  me: Staff | null;
  overview: OverviewData | null;
  current: OpenConversation | null;
  connection: StreamState;
  /** True when the session ended while working: the workspace stays (with what was typed) under the login. */
  sessionLost: boolean;
  /** How staff log in on this server (asked when the login is shown): SITHS and/or the development form. */
  loginOptions: v.InferOutput<typeof LoginOptions> | null;
}

export interface StoreOptions {
  http?: ConsoleHttp;
  createEventSource?: (url: string) => EventSource;
  retryMs?: number;
}

const path = (id: string, rest = '') => `/conversations/${encodeURIComponent(id)}${rest}`;
const bySeq = (a: Msg, b: Msg) => a.seq - b.seq;

export class ConsoleStore {
  readonly http: ConsoleHttp;
  private state: ConsoleSnapshot = { phase: 'loading', me: null, overview: null, current: null, connection: 'closed', sessionLost: false, loginOptions: null };
  private readonly listeners = new Set<() => void>();
  private stream: ConsoleEventStream | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private detailTimer: ReturnType<typeof setTimeout> | undefined;
  private typingSent = false;
  private paused = false;
  private templateList: Promise<TemplateList> | undefined;

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

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<ConsoleSnapshot>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn();
  }

  private patchCurrent(id: string, patch: Partial<OpenConversation>): void {
    const cur = this.state.current;
    if (cur?.id === id) this.set({ current: { ...cur, ...patch } });
  }

  // ---- session ---------------------------------------------------------------------------

  /** Finds out who is logged in (the staff cookie) and starts working, or asks for a login. */
  async boot(): Promise<void> {
    try {
      await this.begin(await this.fetchMe());
    } catch (e) {
      if (!(e instanceof ConsoleApiError && e.code === 'auth')) throw e;
      await this.askLoginOptions();
      this.set({ phase: 'login' });
    }
  }

  /** How to log in here; when the server cannot say, the SITHS login (never the development form). */
  private async askLoginOptions(): Promise<void> {
    if (this.state.loginOptions) return;
    const options = await this.http.call('GET', '/login-options', undefined, checked(LoginOptions)).catch(() => ({ sso: true, devLogin: false }));
    this.set({ loginOptions: options });
  }

  /** Who is logged in; `{ loggedIn: false }` (or a 401) is the `auth` error the callers handle. */
  private async fetchMe(): Promise<Staff> {
    const answer = await this.http.call('GET', '/me', undefined, checked(StaffMeAnswer));
    if ('loggedIn' in answer) throw new ConsoleApiError('auth', 200, 'no-session');
    return answer;
  }

  async login(name: string, queue: Queue): Promise<void> {
    const s = await this.http.call('POST', '/login', { name, queue }, checked(StaffSession));
    const me: Staff = { name: s.name, profession: s.profession, queue: s.queue, ...(s.queues ? { queues: s.queues } : {}) };
    // another nurse on this computer: nothing of the previous one's work stays
    if (this.state.me && this.state.me.name !== me.name) this.set({ current: null, overview: null });
    await this.begin(me);
  }

  async logout(): Promise<void> {
    await this.sendTyping(false).catch(() => {});
    // the stream and any refresh it scheduled stop first: a read after the session ended is a 401
    this.stopStream();
    await this.http.call('POST', '/logout').catch((e: unknown) => {
      if (e instanceof ConsoleApiError && e.code === 'auth') return;
      this.follow(); // still logged in (the network failed): live again
      throw e;
    });
    await this.askLoginOptions();
    this.set({ phase: 'login', me: null, overview: null, current: null, sessionLost: false });
  }

  private async begin(me: Staff): Promise<void> {
    this.set({ me, phase: 'ready', sessionLost: false });
    await this.refresh();
    if (this.state.current) await this.loadDetail(this.state.current.id);
    this.follow();
  }

  /** The session ended on the server (401): keep the workspace and what was typed, ask for a login. */
  private lost(): void {
    this.stopStream();
    this.set({ sessionLost: true, phase: 'login' });
    void this.askLoginOptions();
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

  // ---- live stream -----------------------------------------------------------------------

  /** Stops the live stream while the console is not on the page (a removed element). */
  pause(): void {
    this.paused = true;
    this.stopStream();
  }

  /** Starts the live stream again after `pause`, catching up from REST. */
  resume(): void {
    this.paused = false;
    if (this.state.phase !== 'ready' || this.stream) return;
    void this.resync();
    this.follow();
  }

  private follow(): void {
    this.stopStream();
    if (this.paused) return;
    this.stream = new ConsoleEventStream({
      url: `${this.http.base}/events`,
      create: this.opts.createEventSource,
      retryMs: this.opts.retryMs,
      onEvent: (e) => this.handleEvent(e),
      onResync: () => void this.resync(),
      onState: (connection) => {
        this.set({ connection });
        // a stream that keeps failing may mean the session ended: ask once per loss
        if (connection === 'reconnecting') void this.checkSession();
      },
    });
    this.stream.start();
  }

  private async checkSession(): Promise<void> {
    await this.guard(() => this.fetchMe()).catch(() => {});
  }

  private stopStream(): void {
    this.stream?.stop();
    this.stream = undefined;
    clearTimeout(this.refreshTimer);
    clearTimeout(this.detailTimer);
  }

  private async resync(): Promise<void> {
    await this.refresh().catch(() => {});
    if (this.state.current) await this.loadDetail(this.state.current.id).catch(() => {});
  }

  /** Applies one event of the stream. Events that fail the schema are ignored. */
  handleEvent(raw: unknown): void {
    const parsed = v.safeParse(StaffEvent, raw);
    if (!parsed.success) return;
    const e = parsed.output;
    const cur = this.state.current;
    switch (e.type) {
      case 'message':
        if (cur?.id === e.message.conversationId) {
          this.upsertMessage(e.message);
          if (e.message.author.role === 'patient') {
            this.patchCurrent(cur.id, { patientTyping: false });
            if (!e.message.readAt) void this.markRead(cur.id);
          }
          // an offer carries an action the detail lists: read it once things settle
          if (['booking', 'callback', 'questionnaire'].includes(e.message.kind)) this.scheduleDetail(cur.id);
        }
        this.scheduleRefresh();
        break;
      case 'conversation':
        this.upsertConversation(e.conversation);
        this.scheduleRefresh();
        break;
      case 'typing':
        if (cur?.id === e.conversationId && e.author.role === 'patient') this.patchCurrent(cur.id, { patientTyping: e.typing });
        break;
      case 'answer':
        if (cur?.id !== e.conversationId) break;
        if (e.answer.kind === 'action') {
          const a = e.answer.action;
          this.patchCurrent(cur.id, { actions: [...cur.actions.filter((x) => x.actionId !== a.actionId), a] });
        } else {
          this.patchCurrent(cur.id, { evaluation: e.answer.evaluation });
        }
        break;
      case 'resync':
        void this.resync();
        break;
    }
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh().catch(() => {}), 100);
  }

  private scheduleDetail(id: string): void {
    clearTimeout(this.detailTimer);
    this.detailTimer = setTimeout(() => void this.loadDetail(id).catch(() => {}), 100);
  }

  // ---- reading ---------------------------------------------------------------------------

  async refresh(): Promise<void> {
    const overview = await this.guard(() => this.http.call('GET', '/overview', undefined, checked(Overview)));
    this.set({ overview });
    const cur = this.state.current;
    const c = cur && overview.conversations.find((x) => x.id === cur.id);
    if (c) this.patchCurrent(c.id, { conversation: c });
  }

  /** The conversation as the overview (or the open detail) knows it. */
  conversation(id: string): ConsoleConversation | undefined {
    const cur = this.state.current;
    return (cur?.id === id ? cur.conversation : undefined) ?? this.state.overview?.conversations.find((c) => c.id === id);
  }

  private upsertConversation(c: ConsoleConversation): void {
    const o = this.state.overview;
    if (o) this.set({ overview: { ...o, conversations: [...o.conversations.filter((x) => x.id !== c.id), c] } });
    this.patchCurrent(c.id, { conversation: c });
  }

  async open(id: string): Promise<void> {
    if (this.state.current?.id !== id) {
      await this.sendTyping(false).catch(() => {});
      this.set({ current: { id, loaded: false, conversation: this.conversation(id), messages: [], actions: [], patientTyping: false } });
    }
    await this.loadDetail(id);
  }

  private async loadDetail(id: string): Promise<void> {
    const d = await this.guard(() => this.http.call('GET', path(id), undefined, checked(ConversationDetail)));
    const now = this.state.current;
    if (now?.id !== id) return;
    // merged, not replaced: a live event may have brought a message after this detail was read
    const byId = new Map(now.messages.map((m) => [m.id, m]));
    for (const m of d.messages) byId.set(m.id, m);
    this.set({ current: {
      ...now, loaded: true, conversation: d.conversation, messages: [...byId.values()].sort(bySeq),
      triage: d.triage, actions: d.actions, evaluation: d.evaluation ?? now.evaluation, notified: d.notified ?? [],
    } });
    if (d.messages.some((m) => m.author.role === 'patient' && !m.readAt)) await this.markRead(id);
  }

  private async markRead(id: string): Promise<void> {
    await this.http.call('POST', path(id, '/read')).catch(() => {});
  }

  private upsertMessage(m: Msg): void {
    const cur = this.state.current;
    if (!cur || cur.id !== m.conversationId) return;
    this.set({ current: { ...cur, messages: [...cur.messages.filter((x) => x.id !== m.id), m].sort(bySeq) } });
  }

  /** The note for the patient record (plain text and FHIR Bundle) of a conversation. */
  record(id: string): Promise<RecordNote> {
    return this.guard(() => this.http.call('GET', path(id, '/record'), undefined, checked(RecordNote)));
  }

  /** Where the FHIR Bundle of a conversation downloads from (the conversation id only: no patient data). */
  recordDownloadUrl(id: string): string {
    return `${this.http.base}${path(id, '/record.fhir.json')}`;
  }

  /** Where a file of a conversation (or its thumbnail) opens (staff's route; ids only in the address). */
  attachmentUrl(conversationId: string, attachmentId: string, variant?: 'thumbnail'): string {
    return `${this.http.base}${path(conversationId, `/attachments/${encodeURIComponent(attachmentId)}${variant ? '/thumbnail' : ''}`)}`;
  }

  /** The clinic's message templates, read once (again after a failure). */
  templates(): Promise<TemplateList> {
    this.templateList ??= this.guard(() => this.http.call('GET', '/templates', undefined, checked(TemplateList)));
    this.templateList.catch(() => (this.templateList = undefined));
    return this.templateList;
  }

  /** Evaluations per queue, counted per answer with the scale's labels. */
  evaluationSummary(): Promise<EvaluationSummary> {
    return this.guard(() => this.http.call('GET', '/evaluations/summary', undefined, checked(EvaluationSummary)));
  }

  // ---- acts ------------------------------------------------------------------------------

  /** Takes the next patient of a queue; null when nobody is waiting. */
  async takeNext(queue: Queue): Promise<v.InferOutput<typeof Conversation> | null> {
    try {
      const c = await this.guard(() => this.http.call('POST', '/next', { queue }, checked(Conversation)));
      await this.open(c.id);
      await this.refresh();
      return c;
    } catch (e) {
      if (e instanceof ConsoleApiError && e.code === 'not-found') {
        await this.refresh().catch(() => {});
        return null;
      }
      throw e;
    }
  }

  /** Sends text or an offer (booking, call-back, video, questionnaire) in the open conversation. */
  async send(body: ConsoleSendBody): Promise<void> {
    const id = this.requireCurrent();
    const m = await this.guard(() => this.http.call('POST', path(id, '/messages'), body, checked(Message)));
    if (body.kind === 'text' && this.typingSent) {
      this.typingSent = false;
      void this.http.call('POST', path(id, '/typing'), { typing: false }).catch(() => {});
    }
    this.upsertMessage(m);
    if (body.kind !== 'text') await this.loadDetail(id).catch(() => {});
  }

  /**
   * Sends the nurse's reply with its files: each file uploaded under the reply's `clientId` at
   * its place, then the text with their count. Exactly once: after any failure the same call
   * (same clientId, text and files) finds what is stored and sends nothing twice. A refused
   * upload is a ReplyFileError naming the file's place.
   */
  async sendReply(text: string, clientId: string, files: readonly ReplyFile[] = []): Promise<void> {
    const id = this.requireCurrent();
    for (const [i, f] of files.entries()) {
      await this.guard(() => this.http.upload(path(id, `/attachments/${encodeURIComponent(clientId)}/${i}`), f.file,
        { [ATTACHMENT_NAME_HEADER]: encodeURIComponent(f.name) }, checked(AttachmentRef))).catch((e: unknown) => {
        throw e instanceof ConsoleApiError ? new ReplyFileError(i, e) : e;
      });
    }
    await this.send({ kind: 'text', text, clientId, ...(files.length ? { attachmentCount: files.length } : {}) });
  }

  /** Tells the patient the nurse is (or stopped) typing; sends only changes. */
  async sendTyping(typing: boolean): Promise<void> {
    const id = this.state.current?.id;
    if (!id || typing === this.typingSent) return;
    this.typingSent = typing;
    await this.http.call('POST', path(id, '/typing'), { typing });
  }

  async handover(queue: Queue, to?: string): Promise<void> {
    const id = this.requireCurrent();
    await this.guard(() => this.http.call('POST', path(id, '/handover'), { queue, ...(to ? { to } : {}) }, checked(Conversation)));
    await this.refresh();
    // handed to a queue (or colleague) out of this clinician's reach: its detail is no longer
    // theirs to read (403), so the open view keeps what it showed
    if (this.state.overview?.conversations.some((c) => c.id === id)) await this.loadDetail(id);
  }

  async close(evaluation: boolean): Promise<void> {
    const id = this.requireCurrent();
    await this.guard(() => this.http.call('POST', path(id, '/close'), { evaluation }, checked(Conversation)));
    await Promise.all([this.refresh(), this.loadDetail(id)]);
  }

  async start(req: StartClinicConversationBody): Promise<void> {
    const c = await this.guard(() => this.http.call('POST', '/conversations', req, checked(Conversation)));
    await this.refresh();
    await this.open(c.id);
  }

  private requireCurrent(): string {
    const id = this.state.current?.id;
    if (!id) throw new ConsoleApiError('not-found');
    return id;
  }

  dispose(): void {
    this.stopStream();
    this.listeners.clear();
  }
}
