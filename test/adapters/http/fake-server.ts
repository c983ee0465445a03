// An in-page fake of the protocol's server side, behind an injected fetch: a conversation, its
// event log with resume and pruning, and stream connections the test can cut at will.
import type { FetchFn } from '../../../src/adapters/http/request.js';
import type { Author, Message } from '../../../src/core/types.js';

export interface StreamControl {
  lastEventId: string | null;
  write(text: string): void;
  /** Server-side close (the stream ends). */
  close(): void;
  /** Sends a heartbeat comment every `ms` until the stream closes. */
  heartbeat(ms: number): void;
  closed: boolean;
}

const enc = new TextEncoder();
const CONV = { id: 'c1', mode: 'sync', status: 'active', initiator: 'patient', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

export class FakeServer {
  readonly messages: Message[] = [];
  readonly log: { id: number; data: string }[] = [];
  /** Events before this id are gone: an older resume point gets `resync`. */
  prunedBefore = 0;
  readonly connects: (string | null)[] = [];
  readonly streams: StreamControl[] = [];
  /** Decides what a new stream gets; by default everything after its Last-Event-ID, then live. */
  onConnect: (s: StreamControl) => void = (s) => s.write(this.pendingText(s.lastEventId));
  /** Awaited before a PUT answers (to order it against the event). */
  putGate: Promise<void> = Promise.resolve();
  private nextEvent = 1;

  get head(): number {
    return this.nextEvent - 1;
  }

  addMessage(text: string, author: Author = { role: 'clinician', name: 'Anna' }, clientId?: string): Message {
    const m: Message = { id: `m${this.messages.length + 1}`, conversationId: 'c1', seq: this.messages.length + 1, author, kind: 'text', text, createdAt: new Date().toISOString() };
    if (clientId) m.clientId = clientId;
    this.messages.push(m);
    this.emit({ type: 'message', message: m });
    return m;
  }

  emit(body: object, live = true): number {
    const id = this.nextEvent++;
    const data = JSON.stringify({ ...body, id: String(id) });
    this.log.push({ id, data });
    if (live) for (const s of this.streams) if (!s.closed) s.write(`id: ${id}\ndata: ${data}\n\n`);
    return id;
  }

  /** The SSE text a stream resuming after `lastId` is owed (with `resync` when too old). */
  pendingText(lastId: string | null): string {
    let after = lastId === null ? this.head : Number(lastId);
    let out = '';
    if (lastId !== null && after < this.prunedBefore - 1) {
      out += `id: ${this.head}\nevent: resync\ndata: ${JSON.stringify({ type: 'resync', id: `resync-${this.head}` })}\n\n`;
      after = this.head;
    }
    for (const e of this.log) if (e.id > after) out += `id: ${e.id}\ndata: ${e.data}\n\n`;
    return out;
  }

  readonly fetch: FetchFn = async (input, init) => {
    const url = new URL(input, 'https://api.test');
    const path = url.pathname.replace(/^\/api/, '');
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (path === '/session') return json({ subject: 'p1', name: 'Testa' });
    if (path === '/conversations') return json({ conversations: [{ ...CONV, unreadCount: 0 }] });
    if (path === '/conversations/c1/messages' && init.method === 'GET') {
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const before = Number(url.searchParams.get('before') ?? Infinity);
      const older = this.messages.filter((m) => m.seq < before);
      const page = older.slice(-limit);
      return json(older.length > page.length && page[0] ? { messages: page, before: String(page[0].seq) } : { messages: page });
    }
    const put = /^\/conversations\/c1\/messages\/(.+)$/.exec(path);
    if (put && init.method === 'PUT') {
      const clientId = decodeURIComponent(put[1]!);
      const text = (JSON.parse(String(init.body)) as { text: string }).text;
      const m = this.messages.find((x) => x.clientId === clientId) ?? this.addMessage(text, { role: 'patient' }, clientId);
      await this.putGate;
      return json(m, 201);
    }
    if (path === '/events') return this.openStream(init);
    return json({ code: 'not-found' }, 404);
  };

  private openStream(init: RequestInit): Response {
    const headers = new Headers(init.headers);
    const lastEventId = headers.get('last-event-id');
    this.connects.push(lastEventId);
    let ctl!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (ctl = c) });
    const s: StreamControl = {
      lastEventId,
      closed: false,
      write: (text) => { if (!s.closed && text) ctl.enqueue(enc.encode(text)); },
      close: () => { if (!s.closed) { s.closed = true; ctl.close(); } },
      heartbeat: (ms) => {
        const t = setInterval(() => (s.closed ? clearInterval(t) : s.write(': heartbeat\n\n')), ms);
      },
    };
    init.signal?.addEventListener('abort', () => {
      if (!s.closed) { s.closed = true; ctl.error(new DOMException('aborted', 'AbortError')); }
    });
    this.streams.push(s);
    queueMicrotask(() => this.onConnect(s));
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }
}

/** A StreamEnvironment the test controls. */
export function testEnvironment() {
  const wakers = new Set<() => void>();
  const env = {
    isVisible: true,
    isOnline: true,
    visible: () => env.isVisible,
    online: () => env.isOnline,
    onWake(cb: () => void) {
      wakers.add(cb);
      return () => wakers.delete(cb);
    },
    /** How many are waiting to be woken (a stream that waits for the page, or out its backoff). */
    waiting: () => wakers.size,
    set(visible: boolean, online = true) {
      env.isVisible = visible;
      env.isOnline = online;
      if (visible && online) for (const w of [...wakers]) w();
    },
  };
  return env;
}

export const until = async (cond: () => boolean, what: string, ms = 8000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};
