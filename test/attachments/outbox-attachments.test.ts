// 20 attachments (10 messages × 2 photos) written offline go through the IndexedDB outbox
// (encrypted), survive two reloads (one of them in the middle of the uploads) and reach the
// reference server over real HTTP exactly once: 10 messages, each with its 2 files, every file's
// bytes as queued. The reference server is the one web-test-runner starts (real SQLite).
import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { browserOutbox } from '../../src/browser/browser-outbox.js';
import { sendEntry } from '../../src/core/outbox/send-entry.js';
import { BackendError } from '../../src/core/errors.js';
import type { OutboxEntry, OutboxFile } from '../../src/core/outbox/types.js';
import type { PatientSession } from '../../src/core/types.js';
import { prepareAttachment } from '../../src/attachments/prepare.js';
import { parseAttachment } from '../../src/protocol/attachments.js';
import { newPatientToken, patientBackend, serverUrl } from '../adapters/http/reference-server.js';
import { dumpDb, serialise } from '../storage/raw-idb.js';
import { waitFor } from '../core/outbox/helpers.js';

async function photo(i: number): Promise<OutboxFile> {
  const c = new OffscreenCanvas(40 + i, 30);
  const g = c.getContext('2d')!;
  g.fillStyle = `hsl(${i * 17}, 70%, 50%)`;
  g.fillRect(0, 0, 40 + i, 30);
  const r = await prepareAttachment(await c.convertToBlob({ type: 'image/png' }), `foto-${i}.png`, { alt: `Bild ${i}` });
  if (!r.ok) throw new Error(r.reason);
  return r.file;
}

const contains = (hay: Uint8Array, needle: Uint8Array) => {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
};

describe('attachments through the outbox to the reference server', function () {
  this.timeout(60_000);
  const dbName = `vard-chat-data-test-attach-${Date.now()}`;
  after(() => deleteDB(dbName));

  it('20 attachments queued offline, two reloads (one mid-upload): each message and file on the server once', async () => {
    const token = await newPatientToken('Bild Patient');
    const backend = await patientBackend(token);
    const conv = await backend.startConversation({ mode: 'async' });
    const session: PatientSession = { subject: `attach-${Date.now()}`, name: 'B', storageKey: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))) };

    let online = false;
    let uploads = 0;
    let cutAfterUploads = Infinity;
    let cut: (() => void) | undefined;
    // the real sender over real HTTP; while "offline" every try fails as the network would
    const counting = Object.create(backend) as typeof backend;
    counting.uploadAttachment = async (...args) => {
      const ref = await backend.uploadAttachment(...args);
      if (++uploads === cutAfterUploads) cut?.();
      return ref;
    };
    const send = async (e: OutboxEntry) => {
      if (!online) throw new BackendError('network');
      return sendEntry(counting, conv.id, e);
    };

    const files: OutboxFile[] = [];
    for (let i = 0; i < 20; i++) files.push(await photo(i));
    const first = await browserOutbox({ dbName })({ session, send });
    await first.start();
    for (let m = 0; m < 10; m++) {
      await first.enqueue({ clientId: `att-${m}`, conversationId: conv.id, text: m % 2 ? `bilder ${m}` : '', attachments: [files[2 * m]!, files[2 * m + 1]!] });
    }
    await waitFor(() => first.waiting, 5000, 'waiting offline');
    first.dispose(); // reload 1, offline

    // what is on disk: the files are there, sealed (no JPEG bytes in the clear)
    const raw = await dumpDb(dbName);
    expect(raw.filter((r) => (r as { clientId?: string }).clientId?.startsWith('att-')).length).to.equal(10);
    const text = serialise(raw);
    expect(text.includes('foto-3'), 'no file name in the clear').to.equal(false);
    for (const r of raw as { files?: { data: ArrayBuffer }[] }[]) {
      for (const f of r.files ?? []) expect(contains(new Uint8Array(f.data), files[0]!.bytes.subarray(0, 20)), 'no JPEG header in the clear').to.equal(false);
    }

    // reload 2 in the middle of the uploads
    online = true;
    const second = await browserOutbox({ dbName })({ session, send });
    const restored = second;
    cutAfterUploads = 7;
    let cutDone = false;
    cut = () => {
      cutDone = true;
      restored.dispose();
    };
    await second.start();
    await waitFor(() => cutDone, 20_000, 'the cut mid-upload');
    const third = await browserOutbox({ dbName })({ session, send });
    await third.start();
    await waitFor(() => third.items().length === 0, 30_000, 'everything sent');
    third.dispose();

    // the server: 10 messages, once each, in order, each with its 2 files, the bytes as queued
    const page = await backend.getMessages(conv.id, { limit: 200 });
    const mine = page.messages.filter((m) => m.clientId?.startsWith('att-'));
    expect(mine.map((m) => m.clientId)).to.deep.equal(Array.from({ length: 10 }, (_, m) => `att-${m}`));
    // each a valid reference (the message schema leaves them to parseAttachment)
    const refs = mine.flatMap((m) => m.attachments ?? []).map((a) => parseAttachment(a)!);
    expect(refs.every(Boolean), 'every file a valid AttachmentRef').to.equal(true);
    expect(refs.length).to.equal(20);
    expect(new Set(refs.map((r) => r.id)).size, '20 distinct files').to.equal(20);
    const base = await serverUrl();
    for (const [i, ref] of refs.entries()) {
      expect(ref.name).to.equal(`foto-${i}.jpg`);
      expect(ref.alt).to.equal(`Bild ${i}`);
      const res = await fetch(`${base}/api/conversations/${conv.id}/attachments/${ref.id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(new Uint8Array(await res.arrayBuffer())).to.deep.equal(files[i]!.bytes);
    }
    expect(uploads, 'some uploads were repeated after the cut, and answered from what was stored').to.be.at.least(20);
  });
});
