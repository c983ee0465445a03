import { expect } from '@open-wc/testing';
import { ConversationActions } from '../../src/core/conversation-actions.js';
import type { ChatBackend } from '../../src/core/backend.js';
import type { ConversationStore } from '../../src/core/conversation-store.js';
import type { Inbox } from '../../src/core/inbox.js';

/** ConversationActions on a backend that records typing and read calls, with a switchable network. */
function setup() {
  const calls: string[] = [];
  let online = true;
  let failReads = false;
  const backend = {
    setTyping: async (id: string, typing: boolean) => void calls.push(`typing ${id} ${typing}`),
    markRead: async (id: string, messageId: string) => {
      if (failReads) throw new Error('network');
      calls.push(`read ${id} ${messageId}`);
    },
  } as unknown as ChatBackend;
  const actions = new ConversationActions({
    backend, store: {} as ConversationStore, inbox: { markRead: () => true } as unknown as Inbox,
    active: () => 'c1', activate: () => undefined, startRequest: () => ({}), changed: () => undefined,
    isOnline: () => online,
  });
  return {
    actions, calls,
    setOnline: (v: boolean) => (online = v),
    setFailReads: (v: boolean) => (failReads = v),
  };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('ConversationActions offline: nothing is sent that would only fail (and be logged by the browser)', () => {
  it('sends no typing signal while offline, and does again online', async () => {
    const t = setup();
    t.setOnline(false);
    t.actions.typingInput();
    await settle();
    expect(t.calls).to.deep.equal([]);
    t.actions.typingStopped();
    t.setOnline(true);
    t.actions.typingInput();
    await settle();
    expect(t.calls).to.deep.equal(['typing c1 true']);
    t.actions.typingStopped();
  });

  it('keeps the newest read mark while offline and sends it once when the stream opens again', async () => {
    const t = setup();
    t.setOnline(false);
    t.actions.markRead('m1');
    t.actions.markRead('m2');
    t.actions.flushReads(); // still offline: nothing
    await settle();
    expect(t.calls).to.deep.equal([]);
    t.setOnline(true);
    t.actions.flushReads();
    t.actions.flushReads();
    await settle();
    expect(t.calls).to.deep.equal(['read c1 m2']);
  });

  it('a read mark whose request failed waits for the next flush', async () => {
    const t = setup();
    t.setFailReads(true);
    t.actions.markRead('m3');
    await settle();
    t.setFailReads(false);
    t.actions.flushReads();
    await settle();
    expect(t.calls).to.deep.equal(['read c1 m3']);
  });
});
