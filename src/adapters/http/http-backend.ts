/**
 * HttpBackend: the ChatBackend over Vård Chat's HTTP protocol (docs/protocol.md): JSON over
 * HTTPS with a same-site session cookie (BFF) or a bearer token, and one SSE stream for live
 * events. Every response is shape-checked; failures are typed BackendErrors.
 *
 * Bearer tokens come from `getToken` or from browser OIDC (`setCredentials`, kept in memory
 * only). When the server answers 401 to a request that carried the OIDC token, the token is
 * dropped and the auth layer is told (`setAuthRequiredHandler`), which asks the patient to log
 * in again (the broker gives browser clients no refresh token).
 */
import type { AttachmentUpload, ChatBackend, StartConversationRequest, SubscribeOptions } from '../../core/backend.js';
import type { AttachmentRef, ConversationFile } from '../../protocol/attachments.js';
import type { NotificationsApi } from '../../core/notifications.js';
import type { Credentials } from '../../core/auth.js';
import { BackendError } from '../../core/errors.js';
import type {
  BackendEvent, Conversation, ConversationSummary, Message, MessagePage, PatientSession, Questionnaire,
  QuestionnaireResponse,
} from '../../core/types.js';
import {
  parseConversation, parseConversationList, parseMessage, parseMessagePage, parseSessionAnswer,
} from '../../core/validate.js';
import { STREAM_BACKOFF, type BackoffPolicy } from '../../core/backoff.js';
import { browserEnvironment, type StreamEnvironment } from './environment.js';
import { runEventStream } from './event-stream.js';
import { joinUrl, requestJson, type FetchFn, type RequestConfig } from './request.js';

export interface HttpBackendOptions {
  /** Base URL of the protocol, e.g. `https://chat.clinic.se/api` or a same-origin `/api`. */
  baseUrl: string;
  /** Injectable fetch (tests, instrumentation); the global fetch by default. */
  fetch?: FetchFn;
  /** Bearer-token auth: called before each request. Without it the session cookie is used. */
  getToken?: () => string | undefined | Promise<string | undefined>;
  /** Fetch credentials; `include` by default (the BFF cookie of a same-site backend). */
  credentials?: RequestCredentials;
  backoff?: BackoffPolicy;
  /** A stream silent this long is dead (the server sends heartbeats every 15 s). Default 45 s. */
  heartbeatTimeoutMs?: number;
  /** Page visibility and connectivity; the browser's by default. */
  environment?: StreamEnvironment;
  /** Random source for the backoff jitter (tests). */
  random?: () => number;
  /** Where warnings about skipped malformed data go (never with their content). */
  warn?: (reason: string) => void;
}

const seg = (s: string) => encodeURIComponent(s);

export class HttpBackend implements ChatBackend {
  /** `subscribe` calls `onOpen` when the event stream's response has arrived. */
  readonly signalsOpen = true;
  private readonly cfg: RequestConfig;
  private readonly opts: HttpBackendOptions;
  private readonly warn: (reason: string) => void;
  /** Browser OIDC's access token (memory only); null when none or after a 401. */
  private accessToken: string | null = null;
  private authRequired: (() => void) | undefined;

  constructor(opts: HttpBackendOptions) {
    this.opts = opts;
    const f: FetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
    // a 401 to a request that carried the OIDC token: the token is dead (expired, revoked)
    const watched: FetchFn = async (input, init) => {
      const res = await f(input, init);
      const sent = this.accessToken && (init.headers as Record<string, string> | undefined)?.['authorization'] === `Bearer ${this.accessToken}`;
      if (res.status === 401 && sent) {
        this.accessToken = null;
        this.authRequired?.();
      }
      return res;
    };
    const getToken = async () => (await opts.getToken?.()) ?? this.accessToken ?? undefined;
    this.cfg = { baseUrl: opts.baseUrl, fetch: watched, getToken, credentials: opts.credentials ?? 'include' };
    this.warn = opts.warn ?? ((reason) => console.warn(`[vard-chat] ignored malformed data: ${reason}`));
  }

  /** Parses a single-object response; a malformed one is the server's fault. */
  private one<T>(value: unknown, parse: (v: unknown, warn: (r: string) => void) => T | null): T {
    const parsed = parse(value, this.warn);
    if (parsed === null) throw new BackendError('unavailable', 'invalid-response');
    return parsed;
  }

  /** Browser OIDC: the access token is sent as `Authorization: Bearer`; null forgets it. */
  setCredentials(credentials: Credentials | null): void {
    this.accessToken = credentials?.accessToken ?? null;
  }

  /** Called when the server refused the OIDC token (401): the patient must log in again. */
  setAuthRequiredHandler(handler: (() => void) | undefined): void {
    this.authRequired = handler;
  }

  async getSession(): Promise<PatientSession | null> {
    try {
      // logged out: `{ loggedIn: false }` (the reference server), or a 401 (other backends)
      const answer = this.one(await requestJson(this.cfg, 'GET', '/session'), parseSessionAnswer);
      return answer === 'logged-out' ? null : answer;
    } catch (err) {
      if (err instanceof BackendError && err.kind === 'auth') return null;
      throw err;
    }
  }

  /**
   * Ends the session at the backend: `DELETE /session` (the BFF clears its HttpOnly cookie). A
   * backend without the route (404, 405) or without a session (401) has nothing to end here; the
   * page's `data-logout-url`, when set, is called as well.
   */
  async logout(): Promise<void> {
    try {
      await requestJson(this.cfg, 'DELETE', '/session');
    } catch (err) {
      if (err instanceof BackendError && (err.kind === 'not-found' || err.kind === 'auth' || err.kind === 'rejected')) return;
      throw err;
    }
  }

  async getTriage(locale?: string): Promise<Questionnaire> {
    const query = locale ? `?locale=${encodeURIComponent(locale)}` : '';
    // the questionnaire's check (FHIR schemas) is downloaded beside the request, not with every session
    const [raw, { parseQuestionnaire }] = await Promise.all([
      requestJson(this.cfg, 'GET', `/triage${query}`),
      import('../../core/validate-questionnaire.js').catch(() => Promise.reject(new BackendError('network'))),
    ]);
    return this.one(raw, parseQuestionnaire);
  }

  async listConversations(): Promise<ConversationSummary[]> {
    return this.one(await requestJson(this.cfg, 'GET', '/conversations'), parseConversationList);
  }

  async startConversation(req: StartConversationRequest): Promise<Conversation> {
    return this.one(await requestJson(this.cfg, 'POST', '/conversations', req), parseConversation);
  }

  async getMessages(conversationId: string, page: { before?: string; limit?: number } = {}): Promise<MessagePage> {
    const q = new URLSearchParams();
    if (page.before) q.set('before', page.before);
    if (page.limit) q.set('limit', String(page.limit));
    const qs = q.toString();
    const query = qs ? `?${qs}` : '';
    return this.one(await requestJson(this.cfg, 'GET', `/conversations/${seg(conversationId)}/messages${query}`), parseMessagePage);
  }

  async sendMessage(conversationId: string, msg: { clientId: string; text: string; attachmentCount?: number }): Promise<Message> {
    // attachmentCount only with files (JSON leaves out an undefined field)
    const payload = { text: msg.text, attachmentCount: msg.attachmentCount };
    const body = await requestJson(this.cfg, 'PUT', `/conversations/${seg(conversationId)}/messages/${seg(msg.clientId)}`, payload);
    return this.one(body, parseMessage);
  }

  attachmentUrl(conversationId: string, attachmentId: string, variant?: 'thumbnail'): string {
    return joinUrl(this.cfg.baseUrl, `/conversations/${seg(conversationId)}/attachments/${seg(attachmentId)}${variant ? '/thumbnail' : ''}`);
  }

  /** A file of a message not yet sent (lazy: only a patient who attaches something loads it). */
  async uploadAttachment(conversationId: string, clientId: string, index: number, file: AttachmentUpload): Promise<AttachmentRef> {
    const { uploadAttachment } = await import('./upload.js');
    return uploadAttachment(this.cfg, conversationId, clientId, index, file);
  }

  /** An image's thumbnail (lazy, in the upload's chunk). */
  async uploadThumbnail(conversationId: string, clientId: string, index: number, bytes: Uint8Array): Promise<AttachmentRef> {
    return (await import('./upload.js')).uploadThumbnail(this.cfg, conversationId, clientId, index, bytes);
  }

  /** The conversation's files (lazy, in the upload's chunk: only a patient who opens the list loads it). */
  async listAttachments(conversationId: string): Promise<ConversationFile[]> {
    return (await import('./upload.js')).listAttachments(this.cfg, conversationId);
  }

  async markRead(conversationId: string, messageId: string): Promise<void> {
    await requestJson(this.cfg, 'POST', `/conversations/${seg(conversationId)}/read`, { messageId });
  }

  async setTyping(conversationId: string, typing: boolean): Promise<void> {
    await requestJson(this.cfg, 'POST', `/conversations/${seg(conversationId)}/typing`, { typing });
  }

  async respond(conversationId: string, actionId: string, response: unknown): Promise<void> {
    await requestJson(this.cfg, 'POST', `/conversations/${seg(conversationId)}/actions/${seg(actionId)}`, { response });
  }

  async submitEvaluation(conversationId: string, answers: QuestionnaireResponse): Promise<void> {
    await requestJson(this.cfg, 'POST', `/conversations/${seg(conversationId)}/evaluation`, { answers });
  }

  /** The notification settings routes (a chunk of their own, loaded on first use). */
  async notifications(): Promise<NotificationsApi> {
    return (await import('./notifications.js')).httpNotifications(this.cfg, this.warn);
  }

  subscribe(onEvent: (e: BackendEvent) => void, opts: SubscribeOptions): void {
    runEventStream({
      cfg: this.cfg,
      path: '/events',
      signal: opts.signal,
      since: opts.since,
      onEvent,
      onOpen: opts.onOpen,
      warn: this.warn,
      backoff: this.opts.backoff ?? STREAM_BACKOFF,
      heartbeatTimeoutMs: this.opts.heartbeatTimeoutMs ?? 45_000,
      env: this.opts.environment ?? browserEnvironment,
      random: this.opts.random,
    });
  }
}
