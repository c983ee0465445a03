import { expect } from '@open-wc/testing';
import { MemoryBroadcastHub, MemoryLocks } from '../../../src/core/outbox/memory-env.js';
import { MemoryOutboxStore } from '../../../src/core/outbox/memory-store.js';
import { Outbox } from '../../../src/core/outbox/outbox.js';
import type { OutboxStore } from '../../../src/core/outbox/types.js';
import { sender, server, waitFor } from './helpers.js';

const SUBJECT = 'patient-a';

/** The shared store as one tab sees it: its writes start failing with QuotaExceededError. */
function failingView(inner: OutboxStore) {
  const view = { broken: false, store: undefined as unknown as OutboxStore };
  const quota = () => Object.assign(new Error('full'), { name: 'QuotaExceededError' });
  view.store = {
    put: (e) => (view.broken ? Promise.reject(quota()) : inner.put(e)),
    delete: (s, id) => inner.delete(s, id),
    list: (s) => inner.list(s),
    clear: (s) => inner.clear(s),
    close: () => undefined,
  };
  return view;
}

describe('Outbox: a tab that falls back to memory', () => {
  it('gives up the flusher lock, so another tab still sends what it writes to the shared store', async () => {
    const { backend, conv, all } = await server();
    const shared = new MemoryOutboxStore();
    const locks = new MemoryLocks();
    const hub = new MemoryBroadcastHub();
    const a = failingView(shared);
    const tabA = new Outbox({ subject: SUBJECT, store: a.store, send: sender(backend, conv.id).send, locks, channel: hub.port() });
    const tabB = new Outbox({ subject: SUBJECT, store: shared, send: sender(backend, conv.id).send, locks, channel: hub.port() });
    await tabA.start();
    await tabB.start();
    await waitFor(() => tabA.isLeader, 2000, 'tab A elected');
    // tab A's writes fail (quota, or its database was upgraded by a newer tab): it goes to memory
    a.broken = true;
    await tabA.enqueue({ clientId: 'a1', conversationId: conv.id, text: 'från flik A' });
    expect(tabA.mode).to.equal('memory');
    await waitFor(() => tabA.pendingCount === 0, 5000, 'tab A still sends its own');
    // tab B can still write durably; it must not wait for tab A to close
    await tabB.enqueue({ clientId: 'b1', conversationId: conv.id, text: 'från flik B' });
    await waitFor(() => tabB.pendingCount === 0, 5000, 'tab B sends while tab A stays open');
    expect(tabB.isLeader).to.equal(true);
    expect((await all()).map((m) => m.text)).to.deep.equal(['från flik A', 'från flik B']);
    tabA.dispose();
    tabB.dispose();
  });
});
