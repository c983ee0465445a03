// The conformance suite's schema checks fail a backend that is off the protocol.
import { expect } from '@open-wc/testing';
import { checkBody, checkMessage, checkResult } from '../../src/testing/checked.js';
import { KIND_EXAMPLES } from '../../src/protocol/examples.js';

const message = (kind: string, payload: unknown) => ({ ...KIND_EXAMPLES.text!.message, kind, payload, text: 'hemlig patienttext' });
const throws = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  return null;
};

describe('conformance schema checks', () => {
  it('pass every example of the protocol', () => {
    for (const ex of Object.values(KIND_EXAMPLES)) {
      expect(throws(() => checkResult('getMessages', { messages: [ex.message] })), ex.message.kind).to.equal(null);
      expect(checkMessage('event', { type: 'message', id: 'e1', message: ex.message })).to.equal(null);
    }
  });

  it('fail a page with a payload of an old shape, naming the kind and the field but not the content', () => {
    const reason = throws(() => checkResult('getMessages', { messages: [message('callback', { around: '2026-12-03T13:00:00.000Z' })] }));
    expect(reason).to.contain('callback payload');
    expect(reason).not.to.contain('hemlig');
  });

  it('fail an event off the protocol, and a message without its author', () => {
    expect(checkMessage('event', { type: 'message', id: 'e1', message: message('handover', { to: { role: 'clinician' }, queue: 'doctor' }) })).to.not.equal(null);
    expect(checkMessage('event', { type: 'typing', id: 'e2', conversationId: 'c1', typing: 'yes' })).to.not.equal(null);
    const { author: _a, ...noAuthor } = KIND_EXAMPLES.text!.message;
    expect(throws(() => checkResult('sendMessage', noAuthor))).to.contain('author');
  });

  it('fail an answer body of an old shape', () => {
    expect(throws(() => checkBody('respond', { type: 'booking', slotId: 's-1' }))).to.not.equal(null);
    expect(throws(() => checkBody('respond', { slotId: 's-1' }))).to.equal(null);
  });
});
