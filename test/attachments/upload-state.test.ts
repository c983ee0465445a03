import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { renderMessage } from '../../src/components/messages/message-item.js';
import type { MessageContext } from '../../src/components/messages/context.js';
import type { ThreadItem } from '../../src/core/conversation-store.js';
import { translator, type Locale } from '../../src/i18n/index.js';

const ctx = (locale: Locale): MessageContext => ({
  t: translator(locale), locale, now: new Date(), retry: () => undefined, discard: () => undefined,
  respond: async () => true, response: () => undefined, submitQuestionnaire: async () => true,
});

function stateText(item: Partial<ThreadItem>, locale: Locale = 'sv'): string {
  const host = document.createElement('ol');
  const whole: ThreadItem = {
    key: 'c1', clientId: 'c1', conversationId: 'k1', author: { role: 'patient' }, kind: 'text', text: 'Bilder på utslaget',
    createdAt: new Date().toISOString(), ...item,
  };
  render(renderMessage(whole, ctx(locale), { day: false, unread: false }), host);
  return host.querySelector('.state')?.textContent?.trim() ?? '';
}

describe('a message with files while it is sent (#18: progress shown while it uploads)', () => {
  it('names the file on its way, then says Skickas while the message itself goes', () => {
    expect(stateText({ state: 'sending', upload: [0, 3] })).to.equal('Skickar fil 1 av 3');
    expect(stateText({ state: 'sending', upload: [2, 3] })).to.equal('Skickar fil 3 av 3');
    expect(stateText({ state: 'sending', upload: [3, 3] })).to.equal('Skickas');
    expect(stateText({ state: 'sending' })).to.equal('Skickas');
    expect(stateText({ state: 'sending', upload: [1, 2] }, 'en')).to.equal('Sending file 2 of 2');
  });
});
