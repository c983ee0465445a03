import { expect } from '@open-wc/testing';
import { ConversationActions } from '../../src/core/conversation-actions.js';
import { ConversationStore } from '../../src/core/conversation-store.js';
import { Inbox } from '../../src/core/inbox.js';
import { inBackground, inSlices, yieldToMain } from '../../src/core/slices.js';
import type { ChatBackend } from '../../src/core/backend.js';
import type { Message } from '../../src/core/types.js';

const msg = (seq: number): Message => ({
  id: `m${seq}`, conversationId: 'c1', seq, author: { role: seq % 2 ? 'clinician' : 'patient', name: 'A' }, kind: 'text',
  text: `text ${seq}`, createdAt: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
});

/** A clock that moves `step` ms on every reading: work "takes" time without a timer. */
const steppingClock = (step: number) => {
  let t = 0;
  return () => (t += step);
};

describe('inSlices', () => {
  it('hands every item over once, in order, and yields whenever a task has used its budget', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const seen: number[] = [];
    let yields = 0;
    const tasks = await inSlices(items, (b) => seen.push(...b), {
      size: 100, budgetMs: 8, now: steppingClock(5), yield: async () => void yields++,
    });
    expect(seen).to.deep.equal(items);
    // each batch reads the clock once (5 ms): the budget is used after two readings
    expect(yields).to.be.greaterThan(3);
    expect(tasks).to.equal(yields + 1);
  });

  it('does a short list in one task, without yielding', async () => {
    let yields = 0;
    const tasks = await inSlices([1, 2, 3], () => undefined, { now: () => 0, yield: async () => void yields++ });
    expect([tasks, yields]).to.deep.equal([1, 0]);
  });

  it('yieldToMain resolves in a later task: after this one and its microtasks', async () => {
    const order: string[] = [];
    const yielded = yieldToMain().then(() => order.push('yielded'));
    queueMicrotask(() => order.push('microtask'));
    order.push('sync');
    await yielded;
    expect(order).to.deep.equal(['sync', 'microtask', 'yielded']);
  });
});

describe('a long page of history', () => {
  function actions(slices: ConstructorParameters<typeof ConversationActions>[0]['slices']) {
    const store = new ConversationStore();
    const changes: number[] = [];
    store.on('change', () => changes.push(store.items('c1').length));
    const a = new ConversationActions({
      backend: {} as ChatBackend, store, inbox: new Inbox(),
      active: () => 'c1', activate: () => undefined, startRequest: () => ({}), changed: () => undefined, isOnline: () => true, slices,
    });
    return { a, store, changes };
  }

  it('1,000 messages go in over several tasks and the thread changes once, complete and ordered', async () => {
    let yields = 0;
    const { a, store, changes } = actions({ size: 100, budgetMs: 8, now: steppingClock(5), yield: async () => void yields++ });
    // out of order, as a careless backend might send them
    const page = Array.from({ length: 1000 }, (_, i) => msg(((i * 7919) % 1000) + 1));
    await a.insertPage('c1', { messages: page }, true);
    expect(yields).to.be.greaterThan(3);
    expect(changes).to.deep.equal([1000]);
    expect(store.items('c1').map((i) => i.seq ?? -1)).to.deep.equal(Array.from({ length: 1000 }, (_, i) => i + 1));
  });

  it('a live message that arrives between the slices is kept, in its place', async () => {
    const { a, store } = actions({
      size: 100, budgetMs: 0, now: () => 0,
      // between two slices the backend's live event is applied
      yield: async () => void store.upsertMessage(msg(1001)),
    });
    await a.insertPage('c1', { messages: Array.from({ length: 300 }, (_, i) => msg(i + 1)) }, true);
    const seqs = store.items('c1').map((i) => i.seq ?? -1);
    expect(seqs.length).to.equal(301);
    expect(seqs[300]).to.equal(1001);
    expect(seqs.every((s, i) => i === 0 || seqs[i - 1]! < s)).to.equal(true);
  });

  it('runs background work after the page\'s own tasks, even those queued after it', async () => {
    const order: string[] = [];
    const done = new Promise<void>((r) => inBackground(() => (order.push('background'), r())));
    setTimeout(() => order.push('task'), 0);
    await done;
    expect(order).to.deep.equal(['task', 'background']);
  });
});
