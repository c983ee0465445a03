import { expect } from '@open-wc/testing';
import { parseEvent, parseMessage } from '../../src/core/validate.js';

const good = { id: 'm1', conversationId: 'c1', seq: 1, author: { role: 'clinician', name: 'A' }, kind: 'text', text: 'secret health text', createdAt: '2026-01-01T10:00:00Z' };

describe('validate', () => {
  it('accepts a well-formed message and keeps only known fields', () => {
    const m = parseMessage({ ...good, extra: '<script>' }, () => undefined);
    expect(m).to.deep.equal(good);
  });

  for (const [what, bad] of [
    ['missing id', { ...good, id: undefined }],
    ['seq as string', { ...good, seq: '1' }],
    ['text as object', { ...good, text: { html: '<b>x</b>' } }],
    ['unknown role', { ...good, author: { role: 'admin' } }],
    ['bad date', { ...good, createdAt: 'yesterday' }],
    ['not an object', 'hello'],
  ] as const) {
    it(`drops a message with ${what} and warns without its content`, () => {
      const warnings: string[] = [];
      expect(parseMessage(bad, (r) => warnings.push(r))).to.equal(null);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).not.to.contain('secret health text');
    });
  }

  it('parses events and rejects unknown types', () => {
    const warnings: string[] = [];
    expect(parseEvent({ type: 'message', id: 'e1', message: good }, (r) => warnings.push(r))?.type).to.equal('message');
    expect(parseEvent({ type: 'explode', id: 'e2' }, (r) => warnings.push(r))).to.equal(null);
    expect(parseEvent({ type: 'typing', id: 'e3', conversationId: 'c1', typing: 'yes', author: { role: 'clinician' } }, (r) => warnings.push(r))).to.equal(null);
    expect(warnings.length).to.be.greaterThan(0);
  });

  it('warns on the console by default, without content', () => {
    const orig = console.warn;
    const seen: unknown[][] = [];
    console.warn = (...a: unknown[]) => void seen.push(a);
    try {
      parseMessage({ ...good, seq: null });
    } finally {
      console.warn = orig;
    }
    expect(seen).to.have.length(1);
    expect(String(seen[0])).not.to.contain('secret health text');
  });
});
