import { expect } from '@open-wc/testing';
import { ConversationStore } from '../../src/core/conversation-store.js';
import type { Message } from '../../src/core/types.js';

const msg = (seq: number, extra: Partial<Message> = {}): Message => ({
  id: `m${seq}`, conversationId: 'c1', seq, author: { role: 'clinician', name: 'A' }, kind: 'text',
  text: `text ${seq}`, createdAt: new Date(1_700_000_000_000 + seq * 1000).toISOString(), ...extra,
});

describe('ConversationStore', () => {
  it('orders messages by server sequence whatever order they arrive in', () => {
    const s = new ConversationStore();
    for (const seq of [3, 1, 5, 2, 4]) s.upsertMessage(msg(seq));
    expect(s.items('c1').map((i) => i.seq)).to.deep.equal([1, 2, 3, 4, 5]);
  });

  it('ignores a repeated event id and a re-delivered message', () => {
    const s = new ConversationStore();
    let changes = 0;
    s.on('change', () => changes++);
    expect(s.applyEvent({ type: 'message', id: 'e1', message: msg(1) })).to.equal(true);
    expect(s.applyEvent({ type: 'message', id: 'e1', message: msg(1) })).to.equal(false);
    s.applyEvent({ type: 'message', id: 'e2', message: msg(1) }); // same message, new event id
    expect(s.items('c1')).to.have.length(1);
    expect(changes).to.equal(2);
  });

  it('merges a local echo with its server copy when the server copy arrives second', () => {
    const s = new ConversationStore();
    s.upsertLocal({ key: 'k1', clientId: 'k1', conversationId: 'c1', author: { role: 'patient' }, kind: 'text', text: 'hej', createdAt: new Date().toISOString(), state: 'sending' });
    s.upsertMessage(msg(7, { clientId: 'k1', author: { role: 'patient' }, text: 'hej' }));
    const items = s.items('c1');
    expect(items).to.have.length(1);
    expect(items[0]).to.include({ key: 'k1', id: 'm7', seq: 7, state: 'sent' });
  });

  it('does not re-add a local echo once the server copy has arrived first', () => {
    const s = new ConversationStore();
    s.upsertMessage(msg(7, { clientId: 'k1', author: { role: 'patient' }, text: 'hej' }));
    s.upsertLocal({ key: 'k1', clientId: 'k1', conversationId: 'c1', author: { role: 'patient' }, kind: 'text', text: 'hej', createdAt: new Date().toISOString(), state: 'sending' });
    expect(s.items('c1')).to.have.length(1);
    expect(s.items('c1')[0]!.state).to.equal('sent');
  });

  it('keeps local echoes after server messages in the order they were written', () => {
    const s = new ConversationStore();
    const local = (k: string) => ({ key: k, clientId: k, conversationId: 'c1', author: { role: 'patient' as const }, kind: 'text', text: k, createdAt: new Date().toISOString(), state: 'sending' as const });
    s.upsertLocal(local('a'));
    s.upsertLocal(local('b'));
    s.upsertMessage(msg(1));
    expect(s.items('c1').map((i) => i.key)).to.deep.equal(['m1', 'a', 'b']);
  });

  it('shows read state and never downgrades read to sent', () => {
    const s = new ConversationStore();
    const patient = { clientId: 'k', author: { role: 'patient' as const } };
    s.upsertMessage(msg(1, { ...patient, readAt: new Date().toISOString() }));
    expect(s.items('c1')[0]!.state).to.equal('read');
    s.upsertMessage(msg(1, patient));
    expect(s.items('c1')[0]!.state).to.equal('read');
  });

  it('sets failed state with a reason, and removes a discarded echo', () => {
    const s = new ConversationStore();
    s.upsertLocal({ key: 'k', clientId: 'k', conversationId: 'c1', author: { role: 'patient' }, kind: 'text', text: 'x', createdAt: new Date().toISOString(), state: 'sending' });
    s.setLocalState('c1', 'k', 'failed', 'network');
    expect(s.items('c1')[0]).to.include({ state: 'failed', error: 'network' });
    s.removeLocal('c1', 'k');
    expect(s.items('c1')).to.have.length(0);
  });

  it('keeps the newest conversation update and drops a stale one', () => {
    const s = new ConversationStore();
    const base = { id: 'c1', mode: 'sync' as const, initiator: 'patient' as const, createdAt: '2026-01-01T00:00:00Z' };
    s.upsertConversation({ ...base, status: 'active', updatedAt: '2026-01-01T00:00:02Z' });
    s.upsertConversation({ ...base, status: 'queued', updatedAt: '2026-01-01T00:00:01Z' });
    expect(s.conversation('c1')!.status).to.equal('active');
  });

  it('tracks typing and clears it when the clinician message arrives', () => {
    const s = new ConversationStore();
    const author = { role: 'clinician' as const, name: 'Anna' };
    s.applyEvent({ type: 'typing', id: 't1', conversationId: 'c1', typing: true, author });
    expect(s.typing('c1')).to.deep.equal(author);
    s.applyEvent({ type: 'message', id: 'e9', message: msg(9) });
    expect(s.typing('c1')).to.equal(undefined);
  });
});
