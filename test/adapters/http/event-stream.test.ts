import { expect } from '@open-wc/testing';
import { HttpBackend } from '../../../src/adapters/http/http-backend.js';
import { ConversationStore } from '../../../src/core/conversation-store.js';
import type { BackendEvent } from '../../../src/core/types.js';
import { FakeServer, testEnvironment, until } from './fake-server.js';

/** A seeded random source, so a failure can be replayed. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function setup(server: FakeServer, extra: Partial<ConstructorParameters<typeof HttpBackend>[0]> = {}) {
  const env = testEnvironment();
  const backend = new HttpBackend({
    baseUrl: 'https://api.test/api', fetch: server.fetch, environment: env,
    backoff: { baseMs: 1, capMs: 5 }, heartbeatTimeoutMs: 150, warn: () => undefined, ...extra,
  });
  const store = new ConversationStore();
  const delivered: BackendEvent[] = [];
  const ctrl = new AbortController();
  return { env, backend, store, delivered, ctrl };
}

describe('HttpBackend live stream', () => {
  it('1,000 events through 50 random cuts (server close and silent drop): each rendered once, in order, resumed from the last id', async function () {
    this.timeout(30000);
    const server = new FakeServer();
    for (let i = 1; i <= 1000; i++) server.addMessage(`meddelande ${i}`);
    const random = seeded(7);
    let cuts = 0;
    /** For each connection: the id of the last complete event the client had received before it. */
    const expectedResume: (string | null)[] = [];
    const { backend, store, delivered, ctrl } = setup(server);
    server.onConnect = (s) => {
      expectedResume.push(delivered.length ? delivered[delivered.length - 1]!.id : null);
      const text = server.pendingText(s.lastEventId ?? '0');
      if (cuts >= 50) {
        s.write(text);
        return s.heartbeat(20); // then stays open, alive
      }
      const at = Math.floor(random() * text.length); // anywhere, mid-event included
      // deliver in a few chunks up to the cut, split at random byte offsets
      let pos = 0;
      while (pos < at) {
        const next = Math.min(at, pos + 1 + Math.floor(random() * 4000));
        s.write(text.slice(pos, next));
        pos = next;
      }
      if (cuts++ % 2 === 0) s.close(); // server-side close
      // else: dropped without close: only the missing heartbeat tells
    };
    backend.subscribe((e) => { delivered.push(e); store.applyEvent(e); }, { signal: ctrl.signal, since: '0' });
    await until(() => store.items('c1').length === 1000, '1000 messages', 25000);
    ctrl.abort();

    const items = store.items('c1');
    expect(items.map((m) => m.seq)).to.deep.equal(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(items.map((m) => m.text)[999]).to.equal('meddelande 1000');
    expect(new Set(delivered.map((e) => e.id)).size, 'no event delivered twice').to.equal(delivered.length);
    expect(cuts).to.equal(50);
    expect(server.connects.length).to.equal(51);
    // every reconnect carried the id of the last event received in full
    expect(server.connects.slice(1)).to.deep.equal(expectedResume.slice(1));
  });

  it('a too-old resume point gets resync; reloading over REST then leaves no gap', async function () {
    this.timeout(10000);
    const server = new FakeServer();
    for (let i = 1; i <= 100; i++) server.addMessage(`m ${i}`);
    const { backend, store, ctrl } = setup(server);
    let resyncs = 0;
    const reload = async () => {
      let before: string | undefined;
      do {
        const page = await backend.getMessages('c1', before ? { before, limit: 50 } : { limit: 50 });
        for (const m of page.messages) store.upsertMessage(m);
        before = page.before;
      } while (before);
    };
    let first = true;
    server.onConnect = (s) => {
      s.write(server.pendingText(s.lastEventId ?? '0'));
      if (first) {
        first = false;
        // while the client is away: 400 more events, and the log forgets all but the last 50
        queueMicrotask(() => {
          s.close();
          for (let i = 101; i <= 500; i++) server.addMessage(`m ${i}`);
          server.prunedBefore = server.head - 50;
        });
      }
    };
    backend.subscribe((e) => {
      if (e.type === 'resync') { resyncs++; void reload(); return; }
      store.applyEvent(e);
    }, { signal: ctrl.signal, since: '0' });
    await until(() => resyncs === 1 && store.items('c1').length === 500, 'resync and reload', 8000);
    for (let i = 501; i <= 510; i++) server.addMessage(`m ${i}`);
    await until(() => store.items('c1').length === 510, 'live events after the resync');
    ctrl.abort();
    expect(server.connects[1]).to.equal('100');
    expect(store.items('c1').map((m) => m.seq)).to.deep.equal(Array.from({ length: 510 }, (_, i) => i + 1));
  });

  it('says when the stream is live, and a cut before any event resumes from the id the server started it at', async () => {
    const server = new FakeServer();
    const { backend, ctrl } = setup(server);
    let opened = 0;
    server.onConnect = (s) => {
      if (server.connects.length === 1) {
        s.write('retry: 2000\nid: 41\n: connected\n\n');
        s.close();
      } else s.heartbeat(20);
    };
    backend.subscribe(() => undefined, { signal: ctrl.signal, onOpen: () => opened++ });
    await until(() => server.connects.length === 2 && opened === 2, 'a reconnect');
    ctrl.abort();
    expect(server.connects).to.deep.equal([null, '41']);
  });

  it('re-delivered and swapped events: thread order equals server order, no duplicates', async () => {
    const server = new FakeServer();
    const msgs = Array.from({ length: 6 }, (_, i) => server.addMessage(`m ${i + 1}`));
    const ev = (i: number, id = String(i + 1)) => `id: ${id}\ndata: ${JSON.stringify({ type: 'message', id, message: msgs[i] })}\n\n`;
    const { backend, store, ctrl } = setup(server);
    // a typing event last: once it is delivered, every re-delivered message before it has been too
    const last = `id: 99\ndata: ${JSON.stringify({ type: 'typing', id: '99', conversationId: 'c1', typing: false, author: { role: 'clinician' } })}\n\n`;
    server.onConnect = (s) => s.write([ev(1), ev(0), ev(1), ev(3), ev(2), ev(5), ev(4), ev(0), ev(5), last].join(''));
    let done = false;
    backend.subscribe((e) => (store.applyEvent(e), (done ||= e.id === '99')), { signal: ctrl.signal, since: '0' });
    await until(() => done, 'the last event');
    ctrl.abort();
    expect(store.items('c1').map((m) => m.text)).to.deep.equal(['m 1', 'm 2', 'm 3', 'm 4', 'm 5', 'm 6']);
  });

  it('skips a malformed event with a warning, without its content, and keeps going', async () => {
    const server = new FakeServer();
    const m = server.addMessage('hemligt innehåll');
    const warnings: string[] = [];
    const { backend, store, ctrl } = setup(server, { warn: (r) => warnings.push(r) });
    server.onConnect = (s) => s.write([
      'id: 1\ndata: {not json\n\n',
      `id: 2\ndata: ${JSON.stringify({ type: 'message', id: '2', message: { ...m, seq: 'x', text: 'hemligt innehåll' } })}\n\n`,
      `id: 3\ndata: ${JSON.stringify({ type: 'message', id: '3', message: m })}\n\n`,
    ].join(''));
    backend.subscribe((e) => store.applyEvent(e), { signal: ctrl.signal, since: '0' });
    await until(() => store.items('c1').length === 1, 'the valid event');
    ctrl.abort();
    expect(warnings.length).to.equal(2);
    expect(warnings.join(' ')).not.to.contain('hemligt');
  });

  it('makes no attempts while hidden, and reconnects at once when visible again', async () => {
    const server = new FakeServer();
    const { env, backend, ctrl } = setup(server, { backoff: { baseMs: 10_000, capMs: 10_000 }, random: () => 0.99 });
    server.onConnect = (s) => s.close();
    env.set(false);
    backend.subscribe(() => undefined, { signal: ctrl.signal });
    await until(() => env.waiting() > 0, 'the stream waiting for the page');
    expect(server.connects.length, 'no connection while hidden').to.equal(0);
    env.set(true);
    await until(() => server.connects.length === 1, 'the first connection');
    // the stream closes; the next try would be ~10 s away, but coming back online skips the wait
    await until(() => env.waiting() > 0, 'the stream waiting out its backoff');
    expect(server.connects.length).to.equal(1);
    env.set(false);
    env.set(true);
    await until(() => server.connects.length === 2, 'a prompt reconnect on visible');
    env.set(false);
    const n = server.connects.length;
    await until(() => env.waiting() > 0, 'the stream waiting again');
    expect(server.connects.length, 'still nothing while hidden').to.equal(n);
    ctrl.abort();
  });
});
