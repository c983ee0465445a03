import { expect } from '@open-wc/testing';
import { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import { ChatClient, type OutboxProvider } from '../../src/core/chat-client.js';
import { MemoryOutboxStore } from '../../src/core/outbox/memory-store.js';
import { Outbox } from '../../src/core/outbox/outbox.js';
import type { OutboxStore } from '../../src/core/outbox/types.js';
import { parseAttachment } from '../../src/protocol/attachments.js';
import { FAST, immediateClock, presence, waitFor } from '../core/outbox/helpers.js';

/**
 * #18 point 2: the queue's quota with files. A store that is full (QuotaExceededError on the write
 * of an entry with its files) turns the outbox to memory and says so (the panel's "online-only"
 * notice reads `degradedReason`); the message with its file is kept and sent once, never dropped.
 */
describe('a full disk while a message with a file is queued', () => {
  it('says so (quota), keeps the message and its file, and sends both once', async () => {
    const backend = new MemoryBackend({ latencyMs: 0, persistence: null, autoReply: false });
    const inner = new MemoryOutboxStore();
    const full: OutboxStore = {
      put: (e) => (e.attachments?.length ? Promise.reject(Object.assign(new Error('full'), { name: 'QuotaExceededError' })) : inner.put(e)),
      delete: (s, id) => inner.delete(s, id),
      list: (s) => inner.list(s),
      clear: (s) => inner.clear(s),
      close: () => undefined,
    };
    const p = presence(false);
    const provider: OutboxProvider = async ({ session, send }) =>
      new Outbox({ subject: session.subject, store: full, send, presence: p, backoff: FAST, clock: immediateClock });
    let uploads = 0;
    const upload = backend.uploadAttachment.bind(backend);
    backend.uploadAttachment = (...args) => (uploads++, upload(...args));
    const client = new ChatClient({ backend, outbox: provider, newId: () => 'med-fil' });
    await client.start();
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
    expect(client.send('Se bifogad fil', [{ name: 'remiss.pdf', type: 'application/pdf', size: pdf.length, bytes: pdf }]).ok).to.equal(true);
    await waitFor(() => client.outbox?.degradedReason === 'quota', 5000, 'the quota said');
    expect(client.outbox!.mode).to.equal('memory');
    expect(client.thread.at(-1)).to.include({ text: 'Se bifogad fil', state: 'queued' });
    p.online = true;
    client.outbox!.kick('online');
    await waitFor(() => client.thread.at(-1)?.state === 'sent', 5000, 'sent');
    const sent = (await backend.getMessages(client.activeId!)).messages.filter((m) => m.clientId === 'med-fil');
    expect(sent).to.have.length(1);
    expect(parseAttachment(sent[0]!.attachments?.[0])).to.include({ name: 'remiss.pdf', size: pdf.length });
    expect(uploads).to.equal(1);
    client.stop();
  });
});
