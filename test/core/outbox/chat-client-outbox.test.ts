import { expect } from '@open-wc/testing';
import { MemoryBackend } from '../../../src/adapters/memory/memory-backend.js';
import { ChatClient, type OutboxProvider } from '../../../src/core/chat-client.js';
import { MemoryOutboxStore } from '../../../src/core/outbox/memory-store.js';
import { Outbox } from '../../../src/core/outbox/outbox.js';
import { FAST, immediateClock, presence, waitFor } from './helpers.js';

function setup(p = presence()) {
  const backend = new MemoryBackend({ latencyMs: 0, persistence: null, autoReply: false });
  const store = new MemoryOutboxStore();
  const provider: OutboxProvider = async ({ session, send }) =>
    new Outbox({ subject: session.subject, store, send, presence: p, backoff: FAST, clock: immediateClock });
  let n = 0;
  const client = new ChatClient({ backend, outbox: provider, newId: () => `id-${String(++n).padStart(4, '0')}` });
  return { backend, client, store, p };
}

describe('ChatClient with an outbox', () => {
  it('shows the echo at once as waiting, then Skickat; 200 written offline arrive once, in order', async () => {
    const { backend, client, p } = setup(presence(false));
    await client.start();
    for (let i = 0; i < 200; i++) client.send(`meddelande ${i}`);
    expect(client.thread).to.have.length(200);
    expect(client.thread.every((i) => i.state === 'queued')).to.equal(true);
    await waitFor(() => client.outbox!.pendingCount === 200);
    p.online = true;
    client.outbox!.kick('online');
    await waitFor(() => client.thread.every((i) => i.state === 'sent'), 10_000, 'all sent');
    const conv = client.activeConversation!;
    const msgs = (await backend.getMessages(conv.id, { limit: 200 })).messages;
    expect(msgs.map((m) => m.text)).to.deep.equal(Array.from({ length: 200 }, (_, i) => `meddelande ${i}`));
    expect(client.thread.map((i) => i.text)).to.deep.equal(msgs.map((m) => m.text));
    client.stop();
  });

  it('the backend commits and drops a share of responses: 0 duplicates, all end as Skickat', async () => {
    const { backend, client } = setup();
    await client.start();
    backend.dropResponses(0.3);
    for (let i = 0; i < 50; i++) client.send(`m${i}`);
    await waitFor(() => client.thread.length === 50 && client.thread.every((i) => i.state === 'sent'), 10_000, 'all sent');
    expect(backend.droppedResponses).to.be.greaterThan(0);
    const msgs = (await backend.getMessages(client.activeId!, { limit: 200 })).messages;
    expect(msgs.map((m) => m.text)).to.deep.equal(Array.from({ length: 50 }, (_, i) => `m${i}`));
    expect(new Set(msgs.map((m) => m.clientId)).size).to.equal(50);
    client.stop();
  });

  it('a permanent failure shows Kunde inte skickas with retry and discard; later messages still go', async () => {
    const { backend, client } = setup();
    await client.start();
    client.send('first');
    await waitFor(() => client.thread[0]?.state === 'sent');
    backend.setFailure('rejected', 1);
    client.send('second');
    client.send('third');
    await waitFor(() => client.thread.find((i) => i.text === 'third')?.state === 'sent');
    const second = client.thread.find((i) => i.text === 'second')!;
    expect([second.state, second.error]).to.deep.equal(['failed', 'injected-rejection']);
    client.discard(second.clientId!);
    await waitFor(() => !client.thread.some((i) => i.text === 'second'));
    expect(client.outbox!.items()).to.have.length(0);
    client.stop();
  });

  it('shows entries a previous page left behind, and sends them', async () => {
    const { backend, client, store } = setup();
    await store.put({ clientId: 'left-1', subject: 'demo-patient-1', conversationId: '', text: 'från förra sidan', createdAt: Date.now(), touchedAt: Date.now(), order: 1, state: 'queued' });
    await client.start();
    await waitFor(() => client.thread[0]?.state === 'sent');
    expect(client.thread.map((i) => i.text)).to.deep.equal(['från förra sidan']);
    expect((await backend.listConversations())).to.have.length(1);
    client.stop();
  });
});

describe('ChatClient: a message with files says which file is on its way (#18)', () => {
  it('"Skickar fil 1 av 2", then 2 of 2, then Skickat; each upload once', async () => {
    const { backend, client } = setup();
    await client.start();
    const gates: (() => void)[] = [];
    const upload = backend.uploadAttachment.bind(backend);
    let uploads = 0;
    backend.uploadAttachment = async (...args) => {
      uploads++;
      await new Promise<void>((r) => gates.push(r));
      return upload(...args);
    };
    const file = (name: string) => ({ name, type: 'application/pdf', size: 3, bytes: new Uint8Array([1, 2, 3]) });
    client.send('två filer', [file('a.pdf'), file('b.pdf')]);
    const item = () => client.thread.find((i) => i.text === 'två filer');
    await waitFor(() => gates.length === 1, 5000, 'the first upload started');
    expect(item()!.upload).to.deep.equal([0, 2]);
    gates.shift()!();
    await waitFor(() => gates.length === 1 && item()!.upload?.[0] === 1, 5000, 'the second upload started');
    gates.shift()!();
    await waitFor(() => item()?.state === 'sent', 5000, 'sent');
    expect(item()!.upload, 'no progress once sent').to.equal(undefined);
    expect(uploads).to.equal(2);
    client.stop();
  });
});
