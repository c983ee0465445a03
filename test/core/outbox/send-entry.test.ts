import { expect } from '@open-wc/testing';
import { sendEntry } from '../../../src/core/outbox/send-entry.js';
import { BackendError } from '../../../src/core/errors.js';
import type { ChatBackend } from '../../../src/core/backend.js';
import type { OutboxEntry } from '../../../src/core/outbox/types.js';

/** A backend that records its calls in order; `thumbnail` decides how a thumbnail upload ends. */
function recording(thumbnail: () => void = () => {}) {
  const calls: string[] = [];
  const ref = { id: 'att', name: 'a.jpg', type: 'image/jpeg' as const, size: 3 };
  const backend = {
    async uploadAttachment(_c: string, clientId: string, i: number) { calls.push(`file ${clientId}/${i}`); return ref; },
    async uploadThumbnail(_c: string, clientId: string, i: number, bytes: Uint8Array) { calls.push(`thumbnail ${clientId}/${i} ${bytes.length}`); thumbnail(); return ref; },
    async sendMessage(_c: string, msg: { clientId: string; attachmentCount?: number }) { calls.push(`message ${msg.clientId} ${msg.attachmentCount}`); return { id: 'm1' }; },
  } as unknown as ChatBackend;
  return { calls, backend };
}

const entry: OutboxEntry = {
  clientId: 'k1', conversationId: 'c1', text: 'två bilder', subject: 's', createdAt: '2026-01-01T00:00:00Z', touchedAt: 0, order: 0, state: 'queued',
  attachments: [
    { name: 'a.jpg', type: 'image/jpeg', size: 3, bytes: new Uint8Array(3), thumbnail: new Uint8Array(2) },
    { name: 'b.pdf', type: 'application/pdf', size: 4, bytes: new Uint8Array(4) },
    { name: 'c.jpg', type: 'image/jpeg', size: 5, bytes: new Uint8Array(5), thumbnail: new Uint8Array(1) },
  ],
} as unknown as OutboxEntry;

describe('sendEntry with thumbnails', () => {
  it('uploads each file, then its thumbnail, then the message', async () => {
    const { calls, backend } = recording();
    await sendEntry(backend, 'c1', entry);
    expect(calls).to.deep.equal(['file k1/0', 'thumbnail k1/0 2', 'file k1/1', 'file k1/2', 'thumbnail k1/2 1', 'message k1 3']);
  });

  it('a refused thumbnail (4xx) is left out and the message is sent; a network error fails the entry', async () => {
    const refused = recording(() => { throw new BackendError('rejected', 'thumbnail-too-large'); });
    await sendEntry(refused.backend, 'c1', entry);
    expect(refused.calls.at(-1)).to.equal('message k1 3');
    const offline = recording(() => { throw new BackendError('network'); });
    let err: unknown;
    await sendEntry(offline.backend, 'c1', entry).catch((e: unknown) => { err = e; });
    expect((err as BackendError).kind).to.equal('network');
    expect(offline.calls, 'no message without its thumbnail on a network error').to.deep.equal(['file k1/0', 'thumbnail k1/0 2']);
    const limited = recording(() => { throw new BackendError('rate-limited'); });
    await sendEntry(limited.backend, 'c1', entry).catch(() => {});
    expect(limited.calls.some((c) => c.startsWith('message'))).to.equal(false);
  });

  it('a backend without uploadThumbnail: the files and the message only', async () => {
    const { calls, backend } = recording();
    delete (backend as { uploadThumbnail?: unknown }).uploadThumbnail;
    await sendEntry(backend, 'c1', entry);
    expect(calls).to.deep.equal(['file k1/0', 'file k1/1', 'file k1/2', 'message k1 3']);
  });
});
