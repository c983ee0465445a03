/**
 * A fake of the console API for component tests, on msw (fetch and the SSE stream): a small
 * in-memory clinic whose state the tests change and whose requests they read.
 */
import { setupWorker } from 'msw/browser';
import { http, HttpResponse, sse, type ServerSentEventResolverExtras } from 'msw';

type SseClient = ServerSentEventResolverExtras<{ message: unknown }, never>['client'];
import type { ConsoleConversation, Message, Overview, Staff } from '../../console/core/wire.js';

export interface Call { method: string; path: string; body: unknown }

export class FakeClinic {
  me: Staff | null = null;
  overview: Overview = { queues: [{ name: 'nurse', waiting: 0 }, { name: 'doctor', waiting: 0 }, { name: 'physiotherapist', waiting: 0 }, { name: 'reception', waiting: 0 }], conversations: [], patients: [] };
  messages = new Map<string, Message[]>();
  calls: Call[] = [];
  /** Set to make the next matching request fail: [method, path regexp, status or 'network']. */
  failures: [string, RegExp, number | 'network'][] = [];
  streams: { client: SseClient; lastEventId: string | null }[] = [];
  private eventId = 0;
  private seq = 0;

  addPatient(subject: string, name: string): void {
    this.overview.patients.push({ subject, name });
  }

  addConversation(c: Partial<ConsoleConversation> & { id: string; patientName: string }): ConsoleConversation {
    const now = new Date().toISOString();
    const conv: ConsoleConversation = {
      id: c.id, mode: c.mode ?? 'sync', status: c.status ?? 'queued', initiator: c.initiator ?? 'patient',
      createdAt: c.createdAt ?? now, updatedAt: c.updatedAt ?? now, queueName: c.queueName ?? 'nurse',
      patient: { subject: `p-${c.id}`, name: c.patientName }, ...(c.assignee ? { assignee: c.assignee } : {}),
    };
    this.overview.conversations.push(conv);
    this.messages.set(conv.id, []);
    this.recount();
    return conv;
  }

  recount(): void {
    for (const q of this.overview.queues) {
      q.waiting = this.overview.conversations.filter((c) => c.queueName === q.name && (c.status === 'queued' || (c.status === 'waiting-for-clinic' && !c.assignee))).length;
    }
  }

  addMessage(conversationId: string, m: Partial<Message> & { text: string }): Message {
    const msg: Message = {
      id: m.id ?? `m-${++this.seq}`, conversationId, seq: ++this.seq, author: m.author ?? { role: 'patient', name: 'Astrid Andersson' },
      kind: m.kind ?? 'text', text: m.text, createdAt: m.createdAt ?? new Date().toISOString(), ...(m.payload !== undefined ? { payload: m.payload } : {}),
    };
    this.messages.get(conversationId)!.push(msg);
    return msg;
  }

  /** Sends an event on every open stream. */
  emit(body: Record<string, unknown>): string {
    const id = String(++this.eventId);
    for (const s of this.streams) s.client.send({ id, data: { ...body, id } });
    return id;
  }

  bodiesTo(path: RegExp): unknown[] {
    return this.calls.filter((c) => path.test(c.path)).map((c) => c.body);
  }

  private fail(method: string, path: string): Response | null {
    const i = this.failures.findIndex(([m, re]) => m === method && re.test(path));
    if (i < 0) return null;
    const [, , how] = this.failures.splice(i, 1)[0]!;
    return how === 'network' ? Response.error() : HttpResponse.json({ code: 'x', message: 'failed' }, { status: how });
  }

  handlers() {
    const base = '/console/api';
    const rec = async (request: Request) => {
      const path = new URL(request.url).pathname.slice(base.length);
      const text = request.method === 'GET' ? '' : await request.text();
      this.calls.push({ method: request.method, path, body: text ? JSON.parse(text) : undefined });
      return path;
    };
    const authed = () => (this.me ? null : HttpResponse.json({ code: 'unauthorized', message: 'Log in' }, { status: 401 }));
    return [
      sse(`${base}/events`, ({ client, request }) => {
        this.streams.push({ client, lastEventId: new URL(request.url).searchParams.get('lastEventId') ?? request.headers.get('last-event-id') });
      }),
      http.all(`${base}/*`, async ({ request }) => {
        const path = await rec(request);
        const failed = this.fail(request.method, path);
        if (failed) return failed;
        const body = this.calls.at(-1)!.body as Record<string, unknown> | undefined;
        if (path === '/login') {
          this.me = { name: String(body?.name), profession: 'sjuksköterska', queue: (body?.queue as Staff['queue']) ?? 'nurse' };
          return HttpResponse.json({ ...this.me, token: 't' });
        }
        const denied = authed();
        if (denied) return denied;
        if (path === '/logout') {
          this.me = null;
          return new HttpResponse(null, { status: 204 });
        }
        if (path === '/me') return HttpResponse.json(this.me);
        if (path === '/overview') return HttpResponse.json(this.overview);
        if (path === '/next') {
          const c = this.overview.conversations.find((x) => x.queueName === body?.queue && x.status === 'queued');
          if (!c) return HttpResponse.json({ code: 'not-found', message: 'none' }, { status: 404 });
          c.status = 'active';
          c.assignee = { role: 'clinician', name: this.me!.name, profession: this.me!.profession };
          this.recount();
          return HttpResponse.json(c);
        }
        const m = /^\/conversations\/([^/]+)\/(messages|typing|read|handover|close)$/.exec(path);
        if (m) {
          const [, id, what] = m;
          const conv = this.overview.conversations.find((c) => c.id === id);
          if (!conv) return HttpResponse.json({ code: 'not-found', message: 'none' }, { status: 404 });
          if (what === 'messages' && request.method === 'GET') return HttpResponse.json({ messages: this.messages.get(id!) });
          if (what === 'messages') {
            const msg = this.addMessage(id!, { text: String(body?.text), kind: String(body?.kind ?? 'text'), payload: body?.payload, author: { role: 'clinician', name: this.me!.name } });
            return HttpResponse.json(msg, { status: 201 });
          }
          if (what === 'handover') {
            conv.queueName = body?.queue as ConsoleConversation['queueName'];
            conv.status = 'queued';
            return HttpResponse.json(conv);
          }
          if (what === 'close') {
            conv.status = 'closed';
            return HttpResponse.json(conv);
          }
          return new HttpResponse(null, { status: 204 });
        }
        if (path === '/conversations' && request.method === 'POST') {
          const c = this.addConversation({ id: `c-${++this.seq}`, patientName: this.overview.patients.find((p) => p.subject === body?.patient)?.name ?? '?', status: body?.mode === 'sync' ? 'active' : 'waiting-for-patient', initiator: 'clinic', mode: body?.mode as 'sync' });
          this.addMessage(c.id, { text: String(body?.text), author: { role: 'clinician', name: this.me!.name } });
          return HttpResponse.json(c, { status: 201 });
        }
        return HttpResponse.json({ code: 'not-found', message: 'no route' }, { status: 404 });
      }),
    ];
  }
}

export const clinic = { current: new FakeClinic() };

export const worker = setupWorker();

export async function startWorker(): Promise<void> {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
}

/** A fresh fake clinic with its handlers in place. */
export function freshClinic(): FakeClinic {
  clinic.current = new FakeClinic();
  worker.resetHandlers(...clinic.current.handlers());
  return clinic.current;
}
