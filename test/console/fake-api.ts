/**
 * A fake of the console API for component tests, on msw (fetch and the SSE stream): a small
 * in-memory clinic whose state the tests change and whose requests they read. Its answers use
 * the protocol's types, and the console checks them with the protocol's schemas, so a fake that
 * drifts from the protocol fails the tests.
 */
import { setupWorker } from 'msw/browser';
import { http, HttpResponse, sse, type ServerSentEventResolverExtras } from 'msw';
import type {
  ActionView, ConsoleConversation, ConversationDetail, EvaluationSummary, EvaluationView, Message, Overview, Queue, StaffMe, TriageView,
} from '../../console/core/wire.js';
import type { InternalNote } from '../../src/protocol/notes.js';
import type { AttachmentRef } from '../../src/protocol/attachments.js';
import { DEFAULT_TEMPLATES_FOR_TESTS, type TemplateList } from './templates-fixture.js';

type SseClient = ServerSentEventResolverExtras<{ message: unknown }, never>['client'];
export interface Call { method: string; path: string; body: unknown }

const iso = (msAgo = 0) => new Date(Date.now() - msAgo).toISOString();

export class FakeClinic {
  me: StaffMe | null = null;
  /** What /login-options says (the development form on, no SITHS, as most tests log in by name). */
  loginOptions = { sso: false, devLogin: true };
  conversations: ConsoleConversation[] = [];
  patients: Overview['patients'] = [];
  messages = new Map<string, Message[]>();
  triage = new Map<string, TriageView>();
  actions = new Map<string, ActionView[]>();
  evaluations = new Map<string, EvaluationView>();
  /** When the patient was notified, per conversation (the detail's `notified`). */
  notified = new Map<string, { at: string; channel: 'sms' | 'email' | 'webpush' }[]>();
  summary: EvaluationSummary = { queues: [] };
  recordText = 'Kontaktorsak: Halsont\nMeddelanden:\n…';
  /** Internal notes per conversation (staff only). */
  notes = new Map<string, InternalNote[]>();
  calls: Call[] = [];
  /** Makes the next matching request fail: [method, path regexp, status or 'network', the server's code]. */
  failures: [string, RegExp, number | 'network', string?][] = [];
  /** What GET /templates answers. */
  templates: TemplateList = { templates: DEFAULT_TEMPLATES_FOR_TESTS, clinicName: 'Vårdcentralen Linden' };
  /** Files uploaded by staff, by "conversation/clientId/index", with their bytes. */
  uploads = new Map<string, { ref: AttachmentRef; bytes: ArrayBuffer }>();
  streams: { client: SseClient; lastEventId: string | null }[] = [];
  /** How long the answer to a logout takes (the session ends on the server at once, as it does there). */
  logoutDelayMs = 0;
  private eventId = 0;
  private seq = 0;

  addConversation(c: Partial<ConsoleConversation> & { id: string; patientName: string }): ConsoleConversation {
    const { patientName, ...rest } = c;
    const conv: ConsoleConversation = {
      mode: 'sync', status: 'queued', initiator: 'patient', createdAt: iso(), updatedAt: iso(), queueName: 'nurse',
      patient: { subject: `p-${c.id}`, name: patientName }, ...rest,
    };
    this.conversations.push(conv);
    this.messages.set(conv.id, []);
    this.actions.set(conv.id, []);
    return conv;
  }

  overview(): Overview {
    const queues = (['nurse', 'doctor', 'physiotherapist', 'reception'] as const).map((name) => {
      const waiting = this.conversations.filter((c) => c.queueName === name && (c.status === 'queued' || (c.status === 'waiting-for-clinic' && !c.assignee)));
      const oldest = waiting.map((c) => c.updatedAt).sort()[0];
      return { name, waiting: waiting.length, ...(oldest ? { oldestWaitingSince: oldest } : {}) };
    });
    return { queues, conversations: this.conversations, patients: this.patients };
  }

  addMessage(conversationId: string, m: Partial<Message> & { text: string }): Message {
    const msg: Message = {
      id: `m-${++this.seq}`, conversationId, seq: this.seq, author: { role: 'patient', name: 'Astrid Andersson' },
      kind: 'text', createdAt: iso(), ...m,
    };
    this.messages.get(conversationId)!.push(msg);
    return msg;
  }

  /** Sends an event on every open stream; returns its id. */
  emit(body: Record<string, unknown>): string {
    const id = String(++this.eventId);
    for (const s of this.streams) s.client.send({ id, data: { ...body, id } });
    return id;
  }

  bodiesTo(path: RegExp, method = 'POST'): unknown[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path)).map((c) => c.body);
  }

  private fail(method: string, path: string): Response | null {
    const i = this.failures.findIndex(([m, re]) => m === method && re.test(path));
    if (i < 0) return null;
    const [, , how, code] = this.failures.splice(i, 1)[0]!;
    return how === 'network' ? Response.error() : HttpResponse.json({ code: code ?? 'invalid-request', message: 'failed' }, { status: how });
  }

  private detail(c: ConsoleConversation): ConversationDetail {
    const triage = this.triage.get(c.id);
    const evaluation = this.evaluations.get(c.id);
    return { conversation: c, messages: this.messages.get(c.id)!, actions: this.actions.get(c.id)!, ...(triage ? { triage } : {}), ...(evaluation ? { evaluation } : {}), ...(this.notified.has(c.id) ? { notified: this.notified.get(c.id)! } : {}) };
  }

  /** Upload (PUT …/attachments/{clientId}/{index}, once per place) and download (GET …/attachments/{id}) of a staff file. */
  private file(method: string, conversationId: string, key: string, index: string | undefined, body: Record<string, unknown> | undefined, bytes: ArrayBuffer | undefined): Response {
    if (method === 'PUT' && index !== undefined) {
      const place = `${conversationId}/${key}/${index}`;
      const before = this.uploads.get(place);
      if (before) return HttpResponse.json(before.ref, { status: 200 });
      const ref: AttachmentRef = { id: `att-${this.uploads.size + 1}`, name: String(body?.name), type: String(body?.type) as AttachmentRef['type'], size: bytes!.byteLength };
      this.uploads.set(place, { ref, bytes: bytes! });
      return HttpResponse.json(ref, { status: 201 });
    }
    const found = [...this.uploads.values()].find((u) => u.ref.id === key);
    return found ? new HttpResponse(found.bytes, { headers: { 'content-type': found.ref.type } }) : HttpResponse.json({ code: 'not-found', message: 'none' }, { status: 404 });
  }

  handlers() {
    const base = '/console/api';
    const notFound = () => HttpResponse.json({ code: 'not-found', message: 'none' }, { status: 404 });
    return [
      sse(`${base}/events`, ({ client, request }) => {
        this.streams.push({ client, lastEventId: new URL(request.url).searchParams.get('lastEventId') ?? request.headers.get('last-event-id') });
      }),
      http.all(`${base}/*`, async ({ request }) => {
        const path = new URL(request.url).pathname.slice(base.length);
        const isFile = request.method === 'PUT' && /\/attachments\//.test(path);
        const bytes = isFile ? await request.arrayBuffer() : undefined;
        const text = request.method === 'GET' || isFile ? '' : await request.text();
        const body = (isFile ? { type: request.headers.get('content-type'), name: decodeURIComponent(request.headers.get('x-attachment-name') ?? ''), size: bytes!.byteLength }
          : text ? JSON.parse(text) : undefined) as Record<string, unknown> | undefined;
        this.calls.push({ method: request.method, path, body });
        const failed = this.fail(request.method, path);
        if (failed) return failed;
        if (path === '/login-options') return HttpResponse.json(this.loginOptions);
        if (path === '/login') {
          this.me = { name: String(body?.name), profession: 'sjuksköterska', queue: (body?.queue as Queue) ?? 'nurse' };
          return HttpResponse.json({ ...this.me, token: 't' });
        }
        if (path === '/logout') {
          this.me = null;
          if (this.logoutDelayMs) await new Promise((r) => setTimeout(r, this.logoutDelayMs));
          return new HttpResponse(null, { status: 204 });
        }
        if (path === '/me') return HttpResponse.json(this.me ?? { loggedIn: false }); // as the reference server
        if (!this.me) return HttpResponse.json({ code: 'no-session', message: 'Log in' }, { status: 401 });
        if (path === '/overview') return HttpResponse.json(this.overview());
        if (path === '/evaluations/summary') return HttpResponse.json(this.summary);
        if (path === '/next') {
          const c = this.conversations.find((x) => x.queueName === body?.queue && x.status === 'queued');
          if (!c) return notFound();
          c.status = 'active';
          c.assignee = { role: 'clinician', name: this.me.name, profession: this.me.profession };
          return HttpResponse.json(c);
        }
        if (path === '/conversations' && request.method === 'POST') {
          const patient = this.patients.find((p) => p.subject === body?.patient);
          if (!patient) return notFound();
          const c = this.addConversation({ id: `c-${++this.seq}`, patientName: patient.name, status: body?.mode === 'sync' ? 'active' : 'waiting-for-patient', initiator: 'clinic', mode: body?.mode === 'sync' ? 'sync' : 'async' });
          this.addMessage(c.id, { text: String(body?.text), author: { role: 'clinician', name: this.me.name } });
          return HttpResponse.json(c, { status: 201 });
        }
        if (path === '/templates') return HttpResponse.json(this.templates);
        const file = /^\/conversations\/([^/]+)\/attachments\/([^/]+)(?:\/(\d+))?$/.exec(path);
        if (file) return this.file(request.method, file[1]!, file[2]!, file[3], body, bytes);
        const m = /^\/conversations\/([^/]+)(\/[a-z.]+)?$/.exec(path);
        const conv = m && this.conversations.find((c) => c.id === m[1]);
        if (!m || !conv) return notFound();
        const what = m[2] ?? '';
        if (what === '' && request.method === 'GET') return HttpResponse.json(this.detail(conv));
        if (what === '/notes') {
          const list = this.notes.get(conv.id) ?? [];
          this.notes.set(conv.id, list);
          if (request.method === 'GET') return HttpResponse.json({ notes: list });
          const note: InternalNote = { id: `n-${++this.seq}`, conversationId: conv.id, author: { role: 'clinician', name: this.me.name, profession: this.me.profession }, text: String(body?.text), createdAt: iso() };
          list.push(note);
          return HttpResponse.json(note, { status: 201 });
        }
        if (what === '/record') return HttpResponse.json({ text: this.recordText, bundle: { resourceType: 'Bundle', type: 'collection', timestamp: iso(), entry: [] } });
        if (what === '/messages') {
          const clientId = typeof body?.clientId === 'string' ? body.clientId : undefined;
          const sent = clientId && this.messages.get(conv.id)!.find((x) => x.clientId === clientId);
          if (sent) return HttpResponse.json(sent, { status: 200 });
          const count = Number(body?.attachmentCount ?? 0);
          const attachments = range(count).map((i) => this.uploads.get(`${conv.id}/${clientId}/${i}`)?.ref);
          if (attachments.some((a) => !a)) return HttpResponse.json({ code: 'attachments-missing', message: 'missing' }, { status: 409 });
          if (count) {
            const msg = this.addMessage(conv.id, { text: String(body?.text), attachments: attachments as AttachmentRef[], author: { role: 'clinician', name: this.me.name }, ...(clientId ? { clientId } : {}) });
            return HttpResponse.json(msg, { status: 201 });
          }
          const kind = String(body?.kind ?? 'text');
          let payload = body?.payload as Record<string, unknown> | undefined;
          if (['booking', 'callback', 'questionnaire'].includes(kind)) payload = { actionId: `a-${++this.seq}`, ...payload };
          const msg = this.addMessage(conv.id, { text: String(body?.text), kind, ...(payload ? { payload } : {}), ...(clientId ? { clientId } : {}), author: { role: 'clinician', name: this.me.name } });
          if (payload?.actionId) this.actions.get(conv.id)!.push({ actionId: String(payload.actionId), kind: kind as ActionView['kind'], messageId: msg.id, offeredAt: msg.createdAt, lines: [] });
          return HttpResponse.json(msg, { status: 201 });
        }
        if (what === '/handover') {
          conv.queueName = body?.queue as Queue;
          conv.status = 'queued';
          delete conv.assignee;
          return HttpResponse.json(conv);
        }
        if (what === '/close') {
          conv.status = 'closed';
          return HttpResponse.json(conv);
        }
        return new HttpResponse(null, { status: 204 });
      }),
    ];
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export const worker = setupWorker();

export async function startWorker(): Promise<void> {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
}

/** A fresh fake clinic with its handlers in place. */
export function freshClinic(): FakeClinic {
  const clinic = new FakeClinic();
  worker.resetHandlers(...clinic.handlers());
  return clinic;
}
