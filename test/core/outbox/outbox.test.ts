import { expect } from '@open-wc/testing';
import { BackendError } from '../../../src/core/errors.js';
import { ManualClock, MemoryBroadcastHub, MemoryLocks } from '../../../src/core/outbox/memory-env.js';
import { MemoryOutboxStore } from '../../../src/core/outbox/memory-store.js';
import { Outbox } from '../../../src/core/outbox/outbox.js';
import type { OutboxStore } from '../../../src/core/outbox/types.js';
import { FAST, immediateClock, presence, sender, server, waitFor } from './helpers.js';

const SUBJECT = 'patient-a';

describe('Outbox (core rules, memory store)', () => {
  it('queues 200 messages offline; back online, all arrive once and in order', async () => {
    const { backend, conv, all } = await server();
    const s = sender(backend, conv.id);
    const p = presence(false);
    const outbox = new Outbox({ subject: SUBJECT, store: new MemoryOutboxStore(), send: s.send, presence: p, backoff: FAST, clock: immediateClock });
    await outbox.start();
    for (let i = 0; i < 200; i++) await outbox.enqueue({ clientId: `c${i}`, conversationId: conv.id, text: `m${i}` });
    expect(s.calls).to.have.length(0);
    expect(outbox.waiting).to.equal(true);
    expect(outbox.items().every((i) => i.state === 'queued')).to.equal(true);
    p.online = true;
    outbox.kick('online');
    await waitFor(() => outbox.pendingCount === 0, 10_000, 'flush');
    const msgs = await all();
    expect(msgs.map((m) => m.text)).to.deep.equal(Array.from({ length: 200 }, (_, i) => `m${i}`));
    expect(new Set(msgs.map((m) => m.clientId)).size).to.equal(200);
    expect(outbox.waiting).to.equal(false);
    outbox.dispose();
  });

  it('is exactly-once when the backend commits and then drops the response', async () => {
    const { backend, conv, all } = await server();
    backend.dropResponses(0.4);
    const s = sender(backend, conv.id);
    const outbox = new Outbox({ subject: SUBJECT, store: new MemoryOutboxStore(), send: s.send, backoff: FAST, clock: immediateClock });
    await outbox.start();
    for (let i = 0; i < 60; i++) await outbox.enqueue({ clientId: `c${i}`, conversationId: conv.id, text: `m${i}` });
    await waitFor(() => outbox.pendingCount === 0, 10_000, 'flush');
    expect(backend.droppedResponses).to.be.greaterThan(0);
    expect(s.calls.length).to.be.greaterThan(60); // dropped ones were sent again…
    const msgs = await all();
    expect(msgs.map((m) => m.text)).to.deep.equal(Array.from({ length: 60 }, (_, i) => `m${i}`)); // …yet arrived once
    outbox.dispose();
  });

  it('retries network, 503 and 429; a 400 fails only that message and later ones still go', async () => {
    const { backend, conv, all } = await server();
    const s = sender(backend, conv.id);
    s.failNext.push(new BackendError('network'), new BackendError('unavailable'), new BackendError('rate-limited', 'rate-limited', 20));
    const outbox = new Outbox({ subject: SUBJECT, store: new MemoryOutboxStore(), send: s.send, backoff: FAST, clock: immediateClock });
    await outbox.start();
    await outbox.enqueue({ clientId: 'a', conversationId: conv.id, text: 'one' });
    await waitFor(() => outbox.pendingCount === 0, 5000, 'one');
    expect(s.calls).to.deep.equal(['a', 'a', 'a', 'a']);
    s.failNext.push(new BackendError('rejected', 'message-too-long'));
    await outbox.enqueue({ clientId: 'b', conversationId: conv.id, text: 'two' });
    await outbox.enqueue({ clientId: 'c', conversationId: conv.id, text: 'three' });
    await waitFor(() => outbox.pendingCount === 0, 5000, 'rest');
    expect((await all()).map((m) => m.text)).to.deep.equal(['one', 'three']);
    expect(outbox.items()).to.deep.include({ clientId: 'b', conversationId: conv.id, text: 'two', createdAt: outbox.items()[0]!.createdAt, state: 'failed', error: 'message-too-long' });
    // retry: the same clientId, after what was delivered meanwhile
    await outbox.retry('b');
    await waitFor(() => outbox.items().length === 0, 5000, 'retry');
    expect((await all()).map((m) => m.text)).to.deep.equal(['one', 'three', 'two']);
    outbox.dispose();
  });

  it('a failed message can be discarded; a queued one cannot', async () => {
    const { backend, conv } = await server();
    const s = sender(backend, conv.id);
    const p = presence(false);
    const outbox = new Outbox({ subject: SUBJECT, store: new MemoryOutboxStore(), send: s.send, presence: p });
    await outbox.start();
    await outbox.enqueue({ clientId: 'q', conversationId: conv.id, text: 'queued' });
    await outbox.discard('q');
    expect(outbox.items().map((i) => i.clientId)).to.deep.equal(['q']);
    p.online = true;
    s.failNext.push(new BackendError('rejected'));
    outbox.kick('online');
    await waitFor(() => outbox.items()[0]?.state === 'failed');
    await outbox.discard('q');
    expect(outbox.items()).to.have.length(0);
    outbox.dispose();
  });

  it('backs off with the clock, honours Retry-After, and does not retry while hidden', async () => {
    const { backend, conv } = await server();
    const s = sender(backend, conv.id);
    const clock = new ManualClock();
    const p = presence(true, true);
    const outbox = new Outbox({ subject: SUBJECT, store: new MemoryOutboxStore(), send: s.send, presence: p, clock, random: () => 0.5 });
    await outbox.start();
    s.failNext.push(new BackendError('rate-limited', 'rate-limited', 5000));
    await outbox.enqueue({ clientId: 'x', conversationId: conv.id, text: 'hej' });
    await waitFor(() => outbox.waiting);
    expect(clock.pending()).to.deep.equal([5000]);
    outbox.kick('visible'); // Retry-After still in force: no send
    await outbox.idle();
    expect(s.calls).to.have.length(1);
    p.visible = false;
    clock.advance(5000); // timer fires while hidden: nothing is sent
    await outbox.idle();
    expect(s.calls).to.have.length(1);
    expect(clock.pending()).to.have.length(0);
    p.visible = true;
    outbox.kick('visible');
    await waitFor(() => outbox.pendingCount === 0);
    expect(s.calls).to.deep.equal(['x', 'x']);
    outbox.dispose();
  });

  it('keeps entries past retention, shows them as not sent, and sends them again on retry', async () => {
    const { backend, conv, all } = await server();
    const s = sender(backend, conv.id);
    const clock = new ManualClock();
    const p = presence(false);
    const store = new MemoryOutboxStore();
    const outbox = new Outbox({ subject: SUBJECT, store, send: s.send, presence: p, clock });
    await outbox.start();
    await outbox.enqueue({ clientId: 'old', conversationId: conv.id, text: 'gammalt' });
    clock.advance(7 * 24 * 3600 * 1000 + 1);
    expect(outbox.items().map((i) => [i.state, i.error])).to.deep.equal([['failed', 'expired']]);
    p.online = true;
    outbox.kick('online');
    await waitFor(() => !outbox.waiting);
    await outbox.idle();
    expect(s.calls).to.have.length(0);
    expect((await store.list(SUBJECT)).map((e) => [e.state, e.error])).to.deep.equal([['failed', 'expired']]);
    await outbox.retry('old');
    await waitFor(() => outbox.items().length === 0);
    expect((await all()).map((m) => m.text)).to.deep.equal(['gammalt']);
    outbox.dispose();
  });

  it('two tabs on one store: only the elected one flushes; killing it mid-flush hands over with 0 duplicates', async () => {
    const { backend, conv, all } = await server({ latencyMs: 3 });
    const store = new MemoryOutboxStore();
    const locks = new MemoryLocks();
    const hub = new MemoryBroadcastHub();
    const a = sender(backend, conv.id);
    const b = sender(backend, conv.id);
    const tabA = new Outbox({ subject: SUBJECT, store, send: a.send, locks, channel: hub.port(), backoff: FAST, clock: immediateClock });
    const tabB = new Outbox({ subject: SUBJECT, store, send: b.send, locks, channel: hub.port(), backoff: FAST, clock: immediateClock });
    await tabA.start();
    await tabB.start();
    await waitFor(() => tabA.isLeader);
    expect(tabB.isLeader).to.equal(false);
    for (let i = 0; i < 20; i++) await tabB.enqueue({ clientId: `b${i}`, conversationId: conv.id, text: `m${i}` });
    await waitFor(() => a.calls.length >= 5, 5000, 'tab A flushing');
    expect(b.calls).to.have.length(0);
    tabA.dispose(); // the tab dies with a send in flight
    await waitFor(() => tabB.isLeader, 2000, 'hand-over');
    await waitFor(() => tabB.pendingCount === 0, 5000, 'tab B finishing');
    const msgs = await all();
    expect(msgs.map((m) => m.text)).to.deep.equal(Array.from({ length: 20 }, (_, i) => `m${i}`));
    expect(b.calls.length).to.be.greaterThan(0);
    tabB.dispose();
  });

  it('the other tab follows states and acknowledgements by broadcast', async () => {
    const { backend, conv } = await server({ latencyMs: 20 });
    const store = new MemoryOutboxStore();
    const locks = new MemoryLocks();
    const hub = new MemoryBroadcastHub();
    const tabA = new Outbox({ subject: SUBJECT, store, send: sender(backend, conv.id).send, locks, channel: hub.port() });
    const tabB = new Outbox({ subject: SUBJECT, store, send: sender(backend, conv.id).send, locks, channel: hub.port() });
    await tabA.start();
    await tabB.start();
    await waitFor(() => tabA.isLeader);
    const acked: string[] = [];
    tabB.on('acked', ({ clientId }) => acked.push(clientId));
    const seen = new Set<string>();
    tabB.on('change', () => tabB.items().forEach((i) => seen.add(i.state)));
    await tabB.enqueue({ clientId: 'x', conversationId: conv.id, text: 'hej' });
    await waitFor(() => acked.includes('x'));
    expect([...seen]).to.include.members(['queued', 'sending']);
    expect(tabB.items()).to.have.length(0);
    tabA.dispose();
    tabB.dispose();
  });

  it('falls back to memory when the store fails, keeps every message, and says so', async () => {
    const { backend, conv, all } = await server();
    const inner = new MemoryOutboxStore();
    let broken = false;
    const quota = () => Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    const flaky: OutboxStore = {
      put: (e) => (broken ? Promise.reject(quota()) : inner.put(e)),
      delete: (s, id) => inner.delete(s, id),
      list: (s) => inner.list(s),
      clear: (s) => inner.clear(s),
      close: () => undefined,
    };
    const p = presence(false);
    const outbox = new Outbox({ subject: SUBJECT, store: flaky, send: sender(backend, conv.id).send, presence: p });
    await outbox.start();
    await outbox.enqueue({ clientId: 'a', conversationId: conv.id, text: 'före' });
    broken = true;
    await outbox.enqueue({ clientId: 'b', conversationId: conv.id, text: 'efter' });
    expect(outbox.mode).to.equal('memory');
    expect(outbox.degradedReason).to.equal('quota');
    expect(outbox.items().map((i) => i.text)).to.deep.equal(['före', 'efter']);
    p.online = true;
    outbox.kick('online');
    await waitFor(() => outbox.pendingCount === 0);
    expect((await all()).map((m) => m.text)).to.deep.equal(['före', 'efter']);
    outbox.dispose();
  });

  it('keeps each patient to their own entries', async () => {
    const { backend, conv } = await server();
    const store = new MemoryOutboxStore();
    const p = presence(false);
    const a = new Outbox({ subject: 'patient-a', store, send: sender(backend, conv.id).send, presence: p });
    await a.start();
    await a.enqueue({ clientId: 'a1', conversationId: conv.id, text: 'A:s meddelande' });
    a.dispose();
    const bSend = sender(backend, conv.id);
    const b = new Outbox({ subject: 'patient-b', store, send: bSend.send });
    await b.start();
    await b.idle();
    expect(b.items()).to.have.length(0);
    expect(bSend.calls).to.have.length(0);
    expect(await store.list('patient-a')).to.have.length(1);
    b.dispose();
  });
});
