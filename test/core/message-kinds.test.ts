import { expect } from '@open-wc/testing';
import { linkify, safeHttpsUrl } from '../../src/core/message-kinds.js';
import { evaluationResponse, evaluationScale } from '../../src/core/evaluation-scale.js';
import { checkPhone } from '../../src/protocol/kinds/callback.js';
import { EVALUATION_QUESTIONNAIRE } from '../../src/protocol/evaluation.js';
import { QuestionnaireResponse } from '../../src/protocol/fhir.js';
import { parseWith } from '../../src/protocol/index.js';
import { Inbox } from '../../src/core/inbox.js';
import { TypingThrottle } from '../../src/core/typing.js';
import type { Conversation, Message, Questionnaire } from '../../src/core/types.js';

describe('message kinds (core)', () => {
  it('accepts only https URLs that open the host they show', () => {
    expect(safeHttpsUrl('https://1177.se/x')).to.equal('https://1177.se/x');
    for (const bad of ['http://a.se', 'javascript:alert(1)', 'data:text/html,x', '/relative', 42, null,
      'https://www.1177.se@evil.example/x', 'https://user:pw@1177.se/', 'https://www.1177%2ese/', 'https://åre.se/']) {
      expect(safeHttpsUrl(bad), String(bad)).to.equal(null);
    }
  });

  it('linkify makes https links only and leaves trailing punctuation outside', () => {
    expect(linkify('Se https://a.se/b. och http://c.se')).to.deep.equal([
      { text: 'Se ' }, { text: 'https://a.se/b', href: 'https://a.se/b' }, { text: '. och http://c.se' },
    ]);
  });

  it('linkify does not link a URL with user info: the visible host is not the one it opens', () => {
    expect(linkify('Läs https://www.1177.se@evil.example/rad här')).to.deep.equal([{ text: 'Läs https://www.1177.se@evil.example/rad här' }]);
  });

  it('linkify shows lookalike hosts as text: user info, encoded or full-width dots, homoglyphs', () => {
    for (const url of [
      'https://www.1177.se@evil.example', // user info: opens evil.example
      'https://www.1177.se:443@evil.example/',
      'https://1177.se%40evil.example/', // an encoded @ in the host
      'https://www.1177%2ese/', // an encoded dot: the browser opens another host than the text shows
      'https://www\uff0e1177\uff0ese/', // full-width dots, rewritten by the URL parser
      'https://www.1177.\u0455e/', // a Cyrillic "ѕ": punycode, another host
    ]) expect(linkify(`Läs ${url} här`), url).to.deep.equal([{ text: `Läs ${url} här` }]);
    // a backslash ends the host for the browser as for the eye: it opens the host it shows
    const slash = linkify('Läs https://www.1177.se\\@evil.example/ här').filter((x) => x.href);
    expect(slash.map((x) => new URL(x.href!).host)).to.deep.equal(['www.1177.se']);
    // what a clinic does send stays a link
    expect(linkify('Se https://www.1177.se/sjukdomar/ nu').filter((x) => x.href).map((x) => x.href)).to.deep.equal(['https://www.1177.se/sjukdomar/']);
  });

  it('checks a phone number the patient types', () => {
    expect(checkPhone('070-123 45 67')).to.equal('070-123 45 67');
    expect(checkPhone('+46 70 123 45 67')).to.equal('+46 70 123 45 67');
    for (const bad of ['12', 'ring mig', '070-123 45 67 89 01 23 45']) expect(checkPhone(bad), bad).to.equal(null);
  });

  it('reads the reference evaluation as a scale with its own labels, and answers it with the chosen step', () => {
    const scale = evaluationScale(EVALUATION_QUESTIONNAIRE)!;
    expect(scale.options.map((o) => o.display)).to.deep.equal(['Mycket missnöjd', 'Missnöjd', 'Varken nöjd eller missnöjd', 'Nöjd', 'Mycket nöjd']);
    const qr = evaluationResponse(scale, '5', '  Bra bemötande  ');
    expect(parseWith(QuestionnaireResponse, qr)).to.not.equal(null);
    expect(qr.item).to.deep.equal([
      { linkId: 'satisfaction', text: 'Hur nöjd är du med chatten?', answer: [{ valueCoding: { code: '5', display: 'Mycket nöjd' } }] },
      { linkId: 'comment', text: 'Vill du berätta mer?', answer: [{ valueString: 'Bra bemötande' }] },
    ]);
    expect(() => evaluationResponse(scale, '9', '')).to.throw(RangeError);
  });

  it('a questionnaire that is not a scale is not read as one', () => {
    const q = (item: unknown[]) => ({ resourceType: 'Questionnaire', item }) as Questionnaire;
    expect(evaluationScale(q([{ linkId: 'a', type: 'string', text: 'Hur var det?' }]))).to.equal(null);
    expect(evaluationScale(q([{ linkId: 'a', type: 'choice', text: 'Nöjd?', answerOption: [{ valueCoding: { code: '1' } }, { valueCoding: { code: '2', display: 'Ja' } }] }]))).to.equal(null);
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

  it('counts clinician messages only: a system note such as "joined" is never unread', () => {
    const inbox = new Inbox();
    const system = { ...msg('s1', 'c1', 1, 'clinician'), author: { role: 'system' as const }, kind: 'system', payload: { event: 'joined' } };
    inbox.loaded('c1', [system, msg('m2', 'c1', 2, 'clinician')], true);
    inbox.message({ ...system, id: 's3', seq: 3 });
    expect(inbox.count('c1')).to.equal(1);
    expect(inbox.isUnread('c1', 's1')).to.equal(false);
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
