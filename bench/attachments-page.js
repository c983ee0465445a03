// The attachment bench, run inside Chromium by bench/attachments.mjs (bundled by rollup from the
// source): 20 photos of about 1 MB each, queued offline in the encrypted IndexedDB outbox, then
// flushed to the reference server (each file uploaded, then its message sent).
import { deleteDB } from 'idb';
import { Outbox } from '../src/core/outbox/outbox.ts';
import { IdbOutboxStore } from '../src/storage/idb-outbox-store.ts';
import { HttpBackend } from '../src/adapters/http/http-backend.ts';
import { sendEntry } from '../src/core/outbox/send-entry.ts';
import { prepareAttachment } from '../src/attachments/prepare.ts';

const DB = 'vard-chat-data-bench-attachments';
const KEY = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

/** A photo-like JPEG near 1 MB: noise does not compress, so the size is what a camera photo's is. */
async function photo(seed) {
  const w = 1400, h = 1050;
  const c = new OffscreenCanvas(w, h);
  const g = c.getContext('2d');
  const img = g.createImageData(w, h);
  let x = seed * 2654435761 >>> 0;
  for (let i = 0; i < img.data.length; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; img.data[i] = (i & 3) === 3 ? 255 : x & 255; }
  g.putImageData(img, 0, 0);
  return c.convertToBlob({ type: 'image/jpeg', quality: 0.5 });
}

window.runAttachmentBench = async ({ baseUrl, token, conversationId, n = 20 }) => {
  await deleteDB(DB);
  const backend = new HttpBackend({ baseUrl, credentials: 'omit', getToken: () => token, environment: { visible: () => true, online: () => true, onWake: () => () => undefined } });
  const blobs = [];
  for (let i = 0; i < n; i++) blobs.push(await photo(i + 1));
  const t0 = performance.now();
  const files = [];
  for (const [i, b] of blobs.entries()) {
    const r = await prepareAttachment(b, `foto-${i}.jpg`);
    if (!r.ok) throw new Error(r.reason);
    files.push(r.file);
  }
  const prepareMs = performance.now() - t0;
  const presence = { online: false, isOnline() { return this.online; }, isVisible: () => true };
  const store = await IdbOutboxStore.open({ subject: 'bench-patient', storageKey: KEY, dbName: DB });
  const outbox = new Outbox({ subject: 'bench-patient', store, presence, send: (e) => sendEntry(backend, conversationId, e) });
  await outbox.start();
  const t1 = performance.now();
  for (const [i, f] of files.entries()) await outbox.enqueue({ clientId: `p${i}`, conversationId, text: '', attachments: [f] });
  const enqueueMs = performance.now() - t1;
  const t2 = performance.now();
  presence.online = true;
  outbox.kick('online');
  while (outbox.items().length) await new Promise((r) => setTimeout(r, 5));
  const flushMs = performance.now() - t2;
  outbox.dispose();
  await deleteDB(DB);
  return { n, bytes: files.reduce((s, f) => s + f.size, 0), prepareMs, enqueueMs, flushMs };
};
