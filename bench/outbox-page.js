// The outbox bench, run inside Chromium by bench/outbox.mjs. Bundled by rollup from the source.
import { openDB, deleteDB } from 'idb';
import { Outbox } from '../src/core/outbox/outbox.ts';
import { IdbOutboxStore } from '../src/storage/idb-outbox-store.ts';

const RAW_DB = 'vard-chat-data-bench-raw';
const OUTBOX_DB = 'vard-chat-data-bench-outbox';
const KEY = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const TEXT = 'Hej! Jag har haft ont i halsen i tre dagar och undrar om jag behöver komma in.';

async function put(conversationId, clientId, text) {
  const res = await fetch(`/conversations/${conversationId}/messages/${clientId}`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

let sendImpl = (e) => put('c1', e.clientId, e.text);

window.runOutboxBench = async (n = 1000, blocks = 10) => {
  await deleteDB(RAW_DB);
  await deleteDB(OUTBOX_DB);
  const raw = await openDB(RAW_DB, 1, { upgrade: (db) => db.createObjectStore('entries', { keyPath: 'id' }) });
  const offline = { online: false, isOnline() { return this.online; }, isVisible: () => true };
  const store = await IdbOutboxStore.open({ subject: 'bench-patient', storageKey: KEY, dbName: OUTBOX_DB });
  const outbox = new Outbox({
    subject: 'bench-patient', store, presence: offline,
    send: (e) => sendImpl(e),
  });
  await outbox.start();
  // warm-up outside the timing: open both databases (the outbox creates its own on the first write)
  const warm = { clientId: 'warm', subject: 'bench-patient', conversationId: 'c1', text: TEXT, createdAt: 0, touchedAt: 0, order: 0, state: 'queued' };
  await store.put(warm);
  await store.delete('bench-patient', 'warm');
  for (let i = 0; i < 10; i++) {
    const tx = raw.transaction('entries', 'readwrite', { durability: 'strict' });
    await Promise.all([tx.store.put({ id: `warm${i}`, text: TEXT }), tx.done]);
  }

  // enqueue: alternate blocks so drift (disk, GC) hits both sides alike
  let rawMs = 0, outboxMs = 0;
  const per = n / blocks;
  const rawBlock = async (b) => {
    const t = performance.now();
    for (let i = 0; i < per; i++) {
      const tx = raw.transaction('entries', 'readwrite', { durability: 'strict' });
      await Promise.all([tx.store.put({ id: `r${b}-${i}`, text: TEXT, createdAt: Date.now() }), tx.done]);
    }
    rawMs += performance.now() - t;
  };
  const outboxBlock = async (b) => {
    const t = performance.now();
    for (let i = 0; i < per; i++) await outbox.enqueue({ clientId: `o${b}-${String(i).padStart(5, '0')}`, conversationId: 'c1', text: TEXT });
    outboxMs += performance.now() - t;
  };
  // alternate blocks, and which side goes first, so drift (disk, GC, warm-up) hits both alike
  for (let b = 0; b < blocks; b++) {
    if (b % 2 === 0) { await rawBlock(b); await outboxBlock(b); }
    else { await outboxBlock(b); await rawBlock(b); }
  }
  if (outbox.pendingCount !== n) throw new Error(`expected ${n} queued, have ${outbox.pendingCount}`);

  // flush, interleaved with the baseline in blocks (alternating which goes first) because a
  // shared machine drifts: the outbox drains its 1,000 queued entries block by block (its sender
  // pauses at each block's end, and the paused time is not counted), and a plain sequential
  // fetch loop sends the same number of the same requests between the blocks.
  for (let i = 0; i < 20; i++) await put('warm', `w${i}`, TEXT);
  const flushBlocks = 10;
  const size = n / flushBlocks;
  let inBlock = 0, release, blockEnd;
  const nextBlock = () => new Promise((r) => (blockEnd = r));
  sendImpl = async (e) => {
    if (inBlock === size) {
      const resume = new Promise((r) => (release = r));
      blockEnd();
      await resume;
      inBlock = 0;
    }
    inBlock++;
    return put('c1', e.clientId, e.text);
  };
  let fetchMs = 0, flushMs = 0, f = 0;
  const baseline = async () => {
    const t0 = performance.now();
    for (let i = 0; i < size; i++) await put('c2', `f${f++}`, TEXT);
    fetchMs += performance.now() - t0;
  };
  const flushBlock = async (b) => {
    const done = nextBlock();
    const t0 = performance.now();
    if (b === 0) {
      offline.online = true;
      outbox.kick('online');
    } else release();
    if (b === flushBlocks - 1) await outbox.idle();
    else await done;
    flushMs += performance.now() - t0;
  };
  for (let b = 0; b < flushBlocks; b++) {
    if (b % 2 === 0) { await baseline(); await flushBlock(b); }
    else { await flushBlock(b); await baseline(); }
  }
  if (outbox.pendingCount !== 0) throw new Error('flush incomplete');
  outbox.dispose();
  raw.close();
  await deleteDB(RAW_DB);
  await deleteDB(OUTBOX_DB);
  return { n, rawMs, outboxMs, fetchMs, flushMs };
};
