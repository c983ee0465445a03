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

  it("knows which of the patient's messages the server has, by clientId", () => {
    const s = new ConversationStore();
    expect(s.hasClientId('c1', 'k1')).to.equal(false);
    s.upsertMessage(msg(7, { clientId: 'k1', author: { role: 'patient' }, text: 'hej' }));
    expect(s.hasClientId('c1', 'k1')).to.equal(true);
    expect(s.hasClientId('c2', 'k1'), 'another thread').to.equal(false);
    expect(s.items('c1')[0]).to.include({ key: 'k1', id: 'm7', state: 'sent' });
  });

  it('knows whether a thread has files without scanning it, also once the file message is updated', () => {
    const s = new ConversationStore();
    s.upsertMessages([msg(1), msg(2)]);
    expect(s.hasFiles('c1')).to.equal(false);
    const file = { id: 'a1', name: 'utslag.jpg', type: 'image/jpeg', size: 1200 };
    s.upsertMessage(msg(3, { attachments: [file] }));
    expect(s.hasFiles('c1')).to.equal(true);
    expect(s.hasFiles('c2'), 'another thread').to.equal(false);
    s.upsertMessage(msg(4));
    expect(s.hasFiles('c1'), 'after a later message without files').to.equal(true);
  });

  it('shows read state and never downgrades read to sent', () => {
    const s = new ConversationStore();
    const patient = { clientId: 'k', author: { role: 'patient' as const } };
    s.upsertMessage(msg(1, { ...patient, readAt: new Date().toISOString() }));
    expect(s.items('c1')[0]!.state).to.equal('read');
    s.upsertMessage(msg(1, patient));
    expect(s.items('c1')[0]!.state).to.equal('read');
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
