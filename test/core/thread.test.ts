import { expect } from '@open-wc/testing';
import type { ThreadItem } from '../../src/core/conversation-store.js';
import type { OutboxItem } from '../../src/core/outbox/types.js';
import { deriveThread } from '../../src/core/thread.js';

const server = (seq: number, clientId?: string): ThreadItem => ({
  key: clientId ?? `m${seq}`, id: `m${seq}`, seq, conversationId: 'c1', kind: 'text', text: `s${seq}`,
  createdAt: new Date(1_700_000_000_000 + seq).toISOString(),
  ...(clientId ? { clientId, author: { role: 'patient' as const }, state: 'sent' as const } : { author: { role: 'clinician' as const } }),
});
const pending = (clientId: string, state: OutboxItem['state'] = 'queued', conversationId = 'c1', error?: string): OutboxItem => ({
  clientId, conversationId, text: clientId, createdAt: 1_700_000_000_000, state, ...(error ? { error } : {}),
});
const patient = { role: 'patient' as const, name: 'Testa' };
const derive = (s: ThreadItem[], p: OutboxItem[], id = 'c1') =>
  deriveThread(s, p, id, (c) => s.some((i) => i.clientId === c), patient);

describe('deriveThread: server messages ⊕ outbox items not yet acknowledged', () => {
  it('shows pending items after the server messages, in write order, with their state and reason', () => {
    const t = derive([server(1), server(2)], [pending('a'), pending('b', 'sending'), pending('c', 'failed', 'c1', 'rejected')]);
    expect(t.map((i) => [i.key, i.state ?? null])).to.deep.equal([['m1', null], ['m2', null], ['a', 'queued'], ['b', 'sending'], ['c', 'failed']]);
    expect(t[4]).to.include({ error: 'rejected', text: 'c', clientId: 'c' });
    expect(t[2]!.author).to.deep.equal(patient);
  });

  it('an item the server has acknowledged shows once, as the server copy, whichever arrived first', () => {
    const t = derive([server(1), server(2, 'a')], [pending('a', 'sending'), pending('b')]);
    expect(t.map((i) => [i.key, i.state])).to.deep.equal([['m1', undefined], ['a', 'sent'], ['b', 'queued']]);
    expect(t.filter((i) => i.key === 'a')).to.have.length(1);
  });

  it("shows another conversation's items only there; items written before any conversation ('') in the one shown", () => {
    const p = [pending('x', 'queued', 'c2'), pending('d', 'queued', '')];
    expect(derive([server(1)], p).map((i) => i.key)).to.deep.equal(['m1', 'd']);
    expect(derive([], p, 'c2').map((i) => i.key)).to.deep.equal(['x', 'd']);
    expect(derive([], p, '').map((i) => i.key)).to.deep.equal(['d']);
  });

  it('returns the server array itself when nothing is pending in this thread (an unchanged thread keeps its identity)', () => {
    const s = [server(1), server(2, 'a')];
    expect(derive(s, [])).to.equal(s);
    expect(derive(s, [pending('a')])).to.equal(s);
    expect(derive(s, [pending('x', 'queued', 'c9')])).to.equal(s);
  });
});
