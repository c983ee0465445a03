/**
 * An in-browser backend with a simulated clinic, for the demo, `data-backend="mock"` and tests.
 * It behaves like a server: it assigns ids and sequence numbers, is idempotent on `clientId`,
 * checks every request body and emits only the protocol's shapes (src/protocol/), keeps an event
 * log that subscribers resume from, and can be made slow, offline or failing from the demo's
 * control panel. Its state can persist (see persist.ts) so a reload keeps it.
 *
 * Split by job: state.ts (conversations, messages, actions, event log), clinic.ts (the simulated
 * clinician), fixtures.ts (people, questionnaires, offers); this file is the ChatBackend and the
 * control panel's handles.
 */
import type { NotificationsApi } from '../../core/notifications.js';
import type { AttachmentUpload, ChatBackend, StartConversationRequest, SubscribeOptions } from '../../core/backend.js';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE, MAX_THUMBNAIL_BYTES, MAX_THUMBNAIL_EDGE, parseAttachment, type AttachmentRef, type ConversationFile } from '../../protocol/attachments.js';
import { BackendError } from '../../core/errors.js';
import type { Credentials, LoginMethod } from '../../core/auth.js';
import { parseWith } from '../../protocol/index.js';
import { messageTextProblem, type Queue } from '../../protocol/primitives.js';
import { KIND_ANSWERS, type EvaluationPayload } from '../../protocol/messages.js';
import { QuestionnaireResponse as QuestionnaireResponseSchema, type Questionnaire as FhirQuestionnaire } from '../../protocol/fhir.js';
import type {
  Author, BackendEvent, BookingSlot, CallbackWindow, Conversation, ConversationMode, ConversationSummary, Message, MessagePage,
  PatientSession, Questionnaire, QuestionnaireResponse,
} from '../../core/types.js';
import { SimulatedClinic } from './clinic.js';
import { DEMO_CLINICIAN, DEMO_PATIENT, PRE_OP_PDF, defaultTriage, defaultTriageEn, demoPdf } from './fixtures.js';
import { DEFAULT_TEMPLATES, fillTemplate } from '../../protocol/templates.js';
import { idbPersistence, type Persistence } from './persist.js';
import { MockState, type ServerState } from './state.js';
import { routeConversation, routedMode, triageFor, type TriageSource } from './triage-source.js';

export { DEMO_CLINICIAN, DEMO_PATIENT };
export type { ServerState };

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

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class MemoryBackend implements ChatBackend {
  /** `subscribe` calls `onOpen` once the subscriber is registered. */
  readonly signalsOpen = true;
  latencyMs: number;
  mode: ConversationMode;
  /** The pre-chat questionnaire (see the option); the demo's "bring your own" sets it. */
  triage: TriageSource | null | undefined;
  /** What the clinic received with each conversation the patient started (kept in memory only), by conversation id. */
  readonly startRequests = new Map<string, StartConversationRequest>();
  /** What the patient answered to action messages and evaluations (for the demo and tests). */
  readonly responses: { conversationId: string; actionId: string; response: unknown }[] = [];
  readonly evaluations: { conversationId: string; answers: QuestionnaireResponse }[] = [];
  /** The patient's typing signal as last received. */
  patientTyping = false;
  /** Share (0–1) of sends that commit and then lose their response (exactly-once tests). */
  dropResponseShare = 0;
  /** How many responses were dropped after commit. */
  droppedResponses = 0;
  /** The simulated clinic (the control panel's handles below use it). */
  readonly clinic: SimulatedClinic;
  private readonly s: MockState;
  private failure: { kind: InjectedFailure; remaining: number } | undefined;
  private readonly persistence: Persistence<ServerState> | null;
  private loaded: Promise<void> | undefined;
  private readonly initialSession: PatientSession | null;
  private readonly pretendEidUrl: string | undefined;
  private readonly loginAs: PatientSession;
  /** The demo's notification settings, once the panel asked for them (./notifications.ts). */
  private notify: Promise<import('./notifications.js').MemoryNotifications> | undefined;

  constructor(opts: MemoryBackendOptions = {}) {
    this.latencyMs = opts.latencyMs ?? 150;
    this.mode = opts.mode ?? 'sync';
    this.triage = opts.triage !== undefined ? opts.triage : opts.questionnaireUrl ? triageFor(opts.questionnaireUrl) : undefined;
    this.initialSession = opts.session === undefined ? DEMO_PATIENT : opts.session;
    this.persistence = opts.persistence === undefined ? idbPersistence<ServerState>() : opts.persistence;
    this.s = new MockState(this.initialSession, this.persistence);
    this.clinic = new SimulatedClinic(this.s, {
      clinician: opts.clinician ?? DEMO_CLINICIAN, autoReply: opts.autoReply ?? true, replyDelayMs: opts.replyDelayMs ?? 1500,
    });
    this.pretendEidUrl = opts.pretendEidUrl;
    this.loginAs = opts.loginAs ?? DEMO_PATIENT;
  }

  get replyDelayMs(): number { return this.clinic.replyDelayMs; }
  set replyDelayMs(ms: number) { this.clinic.replyDelayMs = ms; }
  get autoReply(): boolean { return this.clinic.autoReply; }
  set autoReply(on: boolean) { this.clinic.autoReply = on; }
  get clinician(): Author { return this.clinic.clinician; }
  set clinician(a: Author) { this.clinic.clinician = a; }
  /** While true every request fails with a network error and no events are delivered. */
  get offline(): boolean { return this.s.paused; }

  // ---- pretend e-ID (login, logout) ------------------------------------------------------

  /** Signs a patient in on the simulated server (the pretend e-ID page calls this). */
  async signIn(session: PatientSession): Promise<void> {
    await this.ready();
    this.s.state.session = structuredClone(session);
    await this.persistence?.save(this.s.state).catch(() => undefined);
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
    this.s.state.session = null;
    await this.persistence?.save(this.s.state).catch(() => undefined);
  }

  /** Browser OIDC: the token's patient becomes the session (the token itself is not kept). */
  setCredentials(credentials: Credentials | null): void {
    const session = credentials ? structuredClone(credentials.session) : null;
    void this.ready().then(() => (this.s.state.session = session));
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
    this.s.paused = offline;
    if (!offline) this.s.flush();
  }

  /** Runs `fn` on the conversation asked for, or the newest open one; undefined when there is none. */
  private async onConv<T>(conversationId: string | undefined, fn: (c: Conversation) => T): Promise<T | undefined> {
    await this.ready();
    const conv = this.clinic.target(conversationId);
    return conv ? fn(conv) : undefined;
  }

  /**
   * The clinician sends one of the reference clinic's templates (`DEFAULT_TEMPLATES`), its
   * placeholders filled from the conversation as the console does.
   */
  sendTemplate(templateId = 'kostrad-magsjuka', conversationId?: string): Promise<Message | undefined> {
    return this.onConv(conversationId, (c) => this.clinic.send(c, this.filledTemplate(templateId)));
  }

  /** The clinician sends a document: the instructions before an operation as a PDF, with the template's text. */
  sendDocument(conversationId?: string): Promise<Message | undefined> {
    return this.onConv(conversationId, (c) => {
      const bytes = demoPdf(PRE_OP_PDF.title, PRE_OP_PDF.lines);
      const ref: AttachmentRef = { id: this.s.nextId('att-clinic-'), name: PRE_OP_PDF.name, type: 'application/pdf', size: bytes.length };
      this.files.set(`clinic/${ref.id}`, { ref, bytes });
      return this.clinic.send(c, this.filledTemplate('infor-operation'), 'text', undefined, [ref]);
    });
  }

  private filledTemplate(id: string): string {
    const template = DEFAULT_TEMPLATES.find((t) => t.id === id);
    if (!template) throw new RangeError(`MemoryBackend: no template ${id}`);
    const first = this.s.state.session?.name.split(' ')[0];
    return fillTemplate(template.text, {
      clinicName: 'Vårdcentralen Exempel', today: new Date().toLocaleDateString('sv-SE'),
      ...(first ? { patientFirstName: first } : {}), ...(this.clinic.clinician.name ? { clinicianName: this.clinic.clinician.name } : {}),
    });
  }

  /** The clinician writes in a conversation (the newest open one by default); any kind, with its protocol payload. */
  clinicianSend(text: string, opts: { conversationId?: string; kind?: string; payload?: unknown } = {}): Promise<Message | undefined> {
    void this.notify?.then((n) => n.clinicWrote());
    return this.onConv(opts.conversationId, (c) => this.clinic.send(c, text, opts.kind, opts.payload));
  }

  /** The demo's notification settings: kept in memory; what would be sent is written to the console. */
  notifications(): Promise<NotificationsApi> {
    this.notify ??= import('./notifications.js').then((m) => new m.MemoryNotifications('Vårdcentralen Exempel'));
    return this.notify;
  }

  /** Booking: the clinician proposes times (a visit or a video meeting). */
  proposeSlots(conversationId?: string, slots?: BookingSlot[]): Promise<Message | undefined> {
    return this.onConv(conversationId, (c) => this.clinic.proposeSlots(c, slots));
  }

  /** Call-back: windows in which the clinic can call, and the end of the number it has. */
  askCallback(conversationId?: string, windows?: CallbackWindow[], phoneHint?: string): Promise<Message | undefined> {
    return this.onConv(conversationId, (c) => this.clinic.askCallback(c, windows, phoneHint));
  }

  /** A video meeting link, with its time unless `start` is null. */
  sendVideoLink(conversationId?: string, opts: { start?: string | null; url?: string } = {}): Promise<Message | undefined> {
    return this.onConv(conversationId, (c) => this.clinic.sendVideoLink(c, opts));
  }

  /** An inline questionnaire (information before a visit). */
  sendQuestionnaire(conversationId?: string, questionnaire?: FhirQuestionnaire): Promise<Message | undefined> {
    return this.onConv(conversationId, (c) => this.clinic.sendQuestionnaire(c, questionnaire));
  }

  /** Hands a conversation (the newest open by default) over to a queue, and to a named person when given (who then writes). */
  handOver(toQueue: Queue, to?: Author, conversationId?: string): Promise<Message | undefined> {
    return this.onConv(conversationId, (c) => this.clinic.handOver(c, toQueue, to));
  }

  /** The clinic starts a conversation with the patient (follow-up, rebooking, …). */
  async clinicStart(text: string, mode: ConversationMode = 'async'): Promise<Conversation> {
    await this.ready();
    return this.clinic.start(text, mode);
  }

  /** Closes (the newest open by default); with `evaluation`, an evaluation request with that payload follows. */
  async closeConversation(conversationId?: string, opts: { evaluation?: EvaluationPayload } = {}): Promise<void> {
    await this.onConv(conversationId, (c) => this.clinic.close(c, opts.evaluation));
  }

  /** Closes with the reference evaluation, as the reference server does. */
  async closeWithEvaluation(conversationId?: string): Promise<void> {
    await this.onConv(conversationId, (c) => this.clinic.closeWithEvaluation(c));
  }

  /** Sync queue: puts the newest open conversation at `position` (0 lets the clinician join). */
  setQueue(position: number, estimatedWaitMinutes = position * 2): Promise<Conversation | undefined> {
    return this.onConv(undefined, (c) => (this.clinic.setQueue(c, position, estimatedWaitMinutes), c));
  }

  /** The clinician starts or stops typing in the newest open conversation. */
  async clinicianTyping(typing: boolean): Promise<void> {
    await this.onConv(undefined, (c) => this.clinic.typing(c, typing));
  }

  /** The clinician's presence in the newest open conversation. */
  async setPresence(online: boolean): Promise<void> {
    await this.onConv(undefined, (c) => this.clinic.presence(c, online));
  }

  /** Forgets every conversation (and the persisted copy). */
  async reset(): Promise<void> {
    await this.ready();
    this.clinic.dispose();
    this.s.reset(this.initialSession);
    await this.persistence?.clear();
  }

  /** Pending simulated-clinician timers are cancelled (tests, page teardown). */
  dispose(): void {
    this.clinic.dispose();
    this.s.dropSubscribers();
  }

  // ---- ChatBackend -----------------------------------------------------------------------

  async getSession(): Promise<PatientSession | null> {
    await this.request();
    const s = this.s.state.session;
    return s && { ...s, storageKey: s.storageKey ?? this.storageKeyFor(s.subject) };
  }

  /** One stable random storage key per patient, kept with the server state. */
  private storageKeyFor(subject: string): string {
    const keys = (this.s.state.storageKeys ??= {});
    if (!keys[subject]) {
      const raw = crypto.getRandomValues(new Uint8Array(32));
      keys[subject] = btoa(String.fromCharCode(...raw));
      this.s.save();
    }
    return keys[subject];
  }

  async getTriage(locale?: string): Promise<Questionnaire> {
    await this.request();
    const source = this.triage;
    if (source === null) throw new BackendError('not-found', 'no-triage');
    if (!source) return structuredClone(locale === 'en' ? await defaultTriageEn() : defaultTriage);
    return structuredClone(typeof source === 'function' ? await source(locale) : source);
  }

  async listConversations(): Promise<ConversationSummary[]> {
    await this.authed();
    return this.s.summaries();
  }

  async startConversation(req: StartConversationRequest): Promise<Conversation> {
    await this.authed();
    const conv = this.s.createConversation(req.mode ?? routedMode(req) ?? this.mode, 'patient');
    this.s.updateConversation(conv, routeConversation(req, conv.mode));
    this.startRequests.set(conv.id, structuredClone(req));
    return structuredClone(conv);
  }

  async getMessages(conversationId: string, page: { before?: string; limit?: number } = {}): Promise<MessagePage> {
    await this.authed();
    this.mustConv(conversationId);
    return this.s.page(conversationId, page);
  }

  async sendMessage(conversationId: string, msg: { clientId: string; text: string; attachmentCount?: number }): Promise<Message> {
    await this.authed();
    const conv = this.mustConv(conversationId);
    if (typeof msg.text !== 'string') throw new BackendError('rejected', 'invalid-request');
    const count = msg.attachmentCount ?? 0;
    const problem = count && !msg.text.trim() ? null : messageTextProblem(msg.text);
    if (problem) throw new BackendError('rejected', problem);
    const dup = this.s.state.messages.find((m) => m.conversationId === conversationId && m.clientId === msg.clientId);
    if (dup) {
      if (dup.text !== msg.text || (dup.attachments?.length ?? 0) !== count) throw new BackendError('rejected', 'client-id-conflict');
      return structuredClone(dup);
    }
    if (conv.status === 'closed') throw new BackendError('rejected', 'conversation-closed');
    const refs = Array.from({ length: count }, (_, i) => this.files.get(`${conversationId}/${msg.clientId}/${i}`)?.ref);
    if (refs.some((r) => !r)) throw new BackendError('rejected', 'attachments-missing');
    const m = this.s.addMessage(conv, {
      author: { role: 'patient', name: this.s.state.session?.name ?? '' }, kind: 'text', text: msg.text, clientId: msg.clientId,
      ...(count ? { attachments: refs as AttachmentRef[] } : {}),
    });
    if (conv.mode === 'async') this.s.updateConversation(conv, { status: 'waiting-for-clinic' });
    this.clinic.patientWrote(conv.id);
    if (this.dropResponseShare > 0 && Math.random() < this.dropResponseShare) {
      this.droppedResponses++;
      throw new BackendError('network'); // committed, but the patient's side never hears of it
    }
    return structuredClone(m);
  }

  /** Files, in memory only (the demo's simulated server; they do not survive a reload of the page). */
  private readonly files = new Map<string, { ref: AttachmentRef; bytes: Uint8Array; url?: string; thumb?: { bytes: Uint8Array; url?: string } }>();

  async uploadAttachment(conversationId: string, clientId: string, index: number, file: AttachmentUpload): Promise<AttachmentRef> {
    await this.authed();
    this.mustConv(conversationId);
    if (index >= MAX_ATTACHMENTS_PER_MESSAGE) throw new BackendError('rejected', 'too-many-attachments');
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) throw new BackendError('rejected', 'unsupported-media-type');
    if (file.bytes.length > MAX_ATTACHMENT_BYTES) throw new BackendError('rejected', 'attachment-too-large');
    const key = `${conversationId}/${clientId}/${index}`;
    const had = this.files.get(key);
    if (had) {
      const same = had.bytes.length === file.bytes.length && had.bytes.every((b, i) => b === file.bytes[i]);
      if (!same) throw new BackendError('rejected', 'attachment-conflict');
      return structuredClone(had.ref);
    }
    const ref: AttachmentRef = { id: `att-${this.files.size + 1}-${clientId}-${index}`, name: file.name, type: file.type as AttachmentRef['type'], size: file.bytes.length };
    if (file.alt) ref.alt = file.alt;
    this.files.set(key, { ref, bytes: file.bytes });
    return structuredClone(ref);
  }

  /** An image's small copy (JPEG, at most 320 px), after its file and before the message; the reference then carries `thumbnail`. */
  async uploadThumbnail(conversationId: string, clientId: string, index: number, bytes: Uint8Array): Promise<AttachmentRef> {
    await this.authed();
    this.mustConv(conversationId);
    const f = this.files.get(`${conversationId}/${clientId}/${index}`);
    if (!f) throw new BackendError('rejected', 'attachment-missing');
    if (bytes.length > MAX_THUMBNAIL_BYTES) throw new BackendError('rejected', 'attachment-too-large');
    if (f.thumb) {
      if (f.thumb.bytes.length !== bytes.length || !f.thumb.bytes.every((b, i) => b === bytes[i])) throw new BackendError('rejected', 'attachment-conflict');
      return structuredClone(f.ref);
    }
    if (this.s.state.messages.some((m) => m.conversationId === conversationId && m.clientId === clientId)) throw new BackendError('rejected', 'message-sent');
    const size = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' })).then((b) => { b.close(); return { width: b.width, height: b.height }; }, () => undefined);
    if (!size || size.width > MAX_THUMBNAIL_EDGE || size.height > MAX_THUMBNAIL_EDGE) throw new BackendError('rejected', 'attachment-invalid');
    f.thumb = { bytes };
    f.ref.thumbnail = size;
    return structuredClone(f.ref);
  }

  /** An object URL of a file (or its thumbnail) uploaded in this page (the demo's server lives in the page). */
  attachmentUrl(_conversationId: string, attachmentId: string, variant?: 'thumbnail'): string | undefined {
    const f = [...this.files.values()].find((x) => x.ref.id === attachmentId);
    if (!f) return undefined;
    if (variant) {
      if (!f.thumb) return undefined;
      f.thumb.url ??= URL.createObjectURL(new Blob([f.thumb.bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }));
      return f.thumb.url;
    }
    f.url ??= URL.createObjectURL(new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.ref.type }));
    return f.url;
  }

  /** Every file on a message of the conversation, newest message first (the references the messages carry). */
  async listAttachments(conversationId: string): Promise<ConversationFile[]> {
    await this.authed();
    this.mustConv(conversationId);
    const files: ConversationFile[] = [];
    for (const m of [...this.s.messagesOf(conversationId)].sort((a, b) => b.seq - a.seq)) {
      for (const raw of m.attachments ?? []) {
        const ref = parseAttachment(raw);
        if (ref) files.push({ ...ref, messageId: m.id, author: structuredClone(m.author), createdAt: m.createdAt });
      }
    }
    return files;
  }

  async markRead(conversationId: string, messageId: string): Promise<void> {
    await this.authed();
    const m = this.s.state.messages.find((x) => x.id === messageId && x.conversationId === conversationId);
    if (!m) throw new BackendError('not-found');
    if (!m.readAt && m.author.role !== 'patient') {
      m.readAt = new Date().toISOString();
      this.s.save();
    }
  }

  async setTyping(conversationId: string, typing: boolean): Promise<void> {
    await this.authed();
    this.mustConv(conversationId);
    this.patientTyping = typing;
  }

  /** The answer to an action: checked against its kind's answer schema; once per action. */
  async respond(conversationId: string, actionId: string, response: unknown): Promise<void> {
    await this.authed();
    this.mustConv(conversationId);
    const action = this.s.action(actionId);
    if (!action || action.conversationId !== conversationId) throw new BackendError('not-found');
    if (!parseWith(KIND_ANSWERS[action.kind], response)) throw new BackendError('rejected', 'invalid-request');
    if (action.answered) throw new BackendError('rejected', 'already-answered');
    action.answered = true;
    this.s.save();
    this.responses.push({ conversationId, actionId, response: structuredClone(response) });
  }

  /** The evaluation: a QuestionnaireResponse, once per conversation. */
  async submitEvaluation(conversationId: string, answers: QuestionnaireResponse): Promise<void> {
    await this.authed();
    this.mustConv(conversationId);
    if (!parseWith(QuestionnaireResponseSchema, answers)) throw new BackendError('rejected', 'invalid-request');
    const done = (this.s.state.evaluated ??= []);
    if (done.includes(conversationId)) throw new BackendError('rejected', 'already-answered');
    done.push(conversationId);
    this.s.save();
    this.evaluations.push({ conversationId, answers: structuredClone(answers) });
  }

  subscribe(onEvent: (e: BackendEvent) => void, opts: SubscribeOptions): void {
    void this.ready().then(() => {
      if (opts.signal.aborted) return;
      this.s.subscribe(onEvent, opts.since, opts.signal);
      opts.onOpen?.();
      this.s.deliveryDelayMs = this.latencyMs;
      this.s.flush();
    });
  }

  // ---- simulated server internals ------------------------------------------------------

  private ready(): Promise<void> {
    this.loaded ??= (async () => {
      const saved = await this.persistence?.load().catch(() => undefined);
      if (saved) this.s.state = saved;
    })();
    return this.loaded;
  }

  private async request(): Promise<void> {
    await this.ready();
    this.s.deliveryDelayMs = this.latencyMs;
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
    if (!this.s.state.session) throw new BackendError('auth');
  }

  private mustConv(id: string): Conversation {
    const c = this.s.conv(id);
    if (!c) throw new BackendError('not-found');
    return c;
  }
}
