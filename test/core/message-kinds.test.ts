import { expect } from '@open-wc/testing';
import { checkPhone, linkify, parseBooking, parseCallback, parseHandover, parseVideo, safeHttpsUrl } from '../../src/core/message-kinds.js';
import { Inbox } from '../../src/core/inbox.js';
import { TypingThrottle } from '../../src/core/typing.js';
import type { Conversation, Message } from '../../src/core/types.js';

describe('message kinds (core)', () => {
  it('accepts only https URLs', () => {
    expect(safeHttpsUrl('https://1177.se/x')).to.equal('https://1177.se/x');
    for (const bad of ['http://a.se', 'javascript:alert(1)', 'data:text/html,x', '/relative', 42, null]) expect(safeHttpsUrl(bad)).to.equal(null);
  });

  it('linkify makes https links only and leaves trailing punctuation outside', () => {
    expect(linkify('Se https://a.se/b. och http://c.se')).to.deep.equal([
      { text: 'Se ' }, { text: 'https://a.se/b', href: 'https://a.se/b' }, { text: '. och http://c.se' },
    ]);
  });

  it('checks payloads and drops what it does not know', () => {
    const now = new Date().toISOString();
    expect(parseBooking({ slots: [{ id: 'a', start: now, end: now, type: 'video', evil: 1 }, { id: 'b', start: 'x', end: now, type: 'visit' }] }))
      .to.deep.equal({ slots: [{ id: 'a', start: now, end: now, type: 'video' }] });
    expect(parseBooking({ slots: [] })).to.equal(null);
    expect(parseCallback({ around: 'soon' })).to.equal(null);
    expect(parseVideo({ start: now, url: 'javascript:x' })).to.deep.equal({ start: now, url: '' });
    expect(parseHandover({ to: { role: 'admin' } })).to.equal(null);
    expect(checkPhone('070-123 45 67')).to.equal('070-123 45 67');
    expect(checkPhone('12')).to.equal(null);
  });
});

describe('Inbox', () => {
  const conv = (id: string, status: Conversation['status'], updatedAt: string): Conversation =>
    ({ id, status, updatedAt, createdAt: updatedAt, mode: 'async', initiator: 'clinic' });
  const msg = (id: string, conversationId: string, seq: number, role: 'patient' | 'clinician', readAt?: string): Message =>
    ({ id, conversationId, seq, author: { role }, kind: 'text', text: id, createdAt: new Date(seq * 1000).toISOString(), ...(readAt ? { readAt } : {}) });

  it('orders open conversations first, then the newest, and counts unread once per message', () => {
    const inbox = new Inbox();
    const convs = [conv('old-open', 'waiting-for-patient', '2025-01-01T00:00:00Z'), conv('closed', 'closed', '2025-06-01T00:00:00Z'), conv('new-open', 'active', '2025-03-01T00:00:00Z')];
    inbox.fromSummaries([{ ...convs[0]!, unreadCount: 2 }]);
    inbox.message(msg('m1', 'new-open', 1, 'clinician'));
    inbox.message(msg('m1', 'new-open', 1, 'clinician'));
    inbox.message(msg('m2', 'new-open', 2, 'patient'));
    expect(inbox.entries(convs).map((e) => e.conversation.id)).to.deep.equal(['new-open', 'old-open', 'closed']);
    expect(inbox.count('new-open')).to.equal(1);
    expect(inbox.total()).to.equal(3);
    expect(inbox.markRead('new-open', 'm1')).to.equal(true);
    expect(inbox.markRead('new-open', 'm1')).to.equal(false);
    expect(inbox.total()).to.equal(2);
  });
});

describe('TypingThrottle', () => {
  it('sends "typing" at most once per interval and "stopped" once', () => {
    let now = 0;
    const sent: boolean[] = [];
    const t = new TypingThrottle({ send: (v) => sent.push(v), intervalMs: 3000, idleMs: 100_000, now: () => now });
    t.input();
    now = 1000;
    t.input();
    now = 3500;
    t.input();
    t.stop();
    t.stop();
    expect(sent).to.deep.equal([true, true, false]);
  });
});
