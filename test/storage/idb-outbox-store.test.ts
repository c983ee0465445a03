import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { Outbox } from '../../src/core/outbox/outbox.js';
import type { OutboxEntry } from '../../src/core/outbox/types.js';
import { IdbOutboxStore } from '../../src/storage/idb-outbox-store.js';
import { OUTBOX_SCHEMA_VERSION, outboxDbExists } from '../../src/storage/outbox-db.js';
import { partitionOf } from '../../src/storage/outbox-crypto.js';
import { presence, sender, server, waitFor } from '../core/outbox/helpers.js';
import { dumpDb, serialise } from './raw-idb.js';

let seq = 0;
const dbName = () => `vard-chat-data-test-store-${Date.now()}-${++seq}`;
const KEY = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const entry = (clientId: string, subject: string, text: string, order: number): OutboxEntry => ({
  clientId, subject, conversationId: 'c1', text, createdAt: 1, touchedAt: 1, order, state: 'queued',
});

describe('IdbOutboxStore', () => {
  const made: string[] = [];
  const open = async (subject: string, extra: { storageKey?: string; version?: number; dbName?: string } = {}) => {
    const name = extra.dbName ?? dbName();
    if (!made.includes(name)) made.push(name);
    return IdbOutboxStore.open({ subject, dbName: name, ...extra });
  };
  after(async () => {
    for (const n of made) await deleteDB(n);
  });

  it('creates no database before the first write, then keeps entries in FIFO order', async () => {
    const name = dbName();
    const store = await open('p1', { dbName: name, storageKey: KEY });
    expect(await store.list('p1')).to.deep.equal([]);
    expect(await outboxDbExists(name)).to.equal(false);
    await store.put(entry('b', 'p1', 'andra', 2));
    await store.put(entry('a', 'p1', 'första', 1));
    expect((await store.list('p1')).map((e) => e.text)).to.deep.equal(['första', 'andra']);
    await store.delete('p1', 'a');
    expect((await store.list('p1')).map((e) => e.clientId)).to.deep.equal(['b']);
    store.close();
  });

  it('stores no plain text: a canary in a queued message is in no record (session key and local key)', async () => {
    const name = dbName();
    const canary = 'KANARIEFÅGEL-7f3a9c-hjärtklappning';
    const withKey = await open('patient-canary', { dbName: name, storageKey: KEY });
    const local = await open('patient-canary-2', { dbName: name });
    await withKey.put(entry('k1', 'patient-canary', canary, 1));
    await local.put(entry('k2', 'patient-canary-2', `${canary} igen`, 1));
    // the test can fail: the text is really there, readable through the store
    expect((await withKey.list('patient-canary'))[0]!.text).to.equal(canary);
    expect((await local.list('patient-canary-2'))[0]!.text).to.equal(`${canary} igen`);
    const raw = serialise(await dumpDb(name));
    expect(raw).to.include('k1'); // we did read the records
    expect(raw).not.to.include('KANARIEF');
    expect(raw).not.to.include('hjärtklappning');
    expect(raw).not.to.include('patient-canary'); // nor the subject: only its hash
    withKey.close();
    local.close();
  });

  it('partitions by patient: B never lists A\'s entries, and a record cannot be opened as B\'s', async () => {
    const name = dbName();
    const a = await open('patient-a', { dbName: name });
    const b = await open('patient-b', { dbName: name });
    await a.put(entry('a1', 'patient-a', 'A skriver', 1));
    expect(await b.list('patient-b')).to.deep.equal([]);
    expect(await b.list('patient-a')).to.deep.equal([]);
    let threw = false;
    try {
      await b.put(entry('x', 'patient-a', 'fel patient', 2));
    } catch {
      threw = true;
    }
    expect(threw).to.equal(true);
    await b.clear('patient-b');
    expect((await a.list('patient-a')).map((e) => e.text)).to.deep.equal(['A skriver']);
    await a.clear('patient-a');
    expect(await a.list('patient-a')).to.deep.equal([]);
    a.close();
    b.close();
  });

  it('a schema upgrade keeps queued entries', async () => {
    const name = dbName();
    const v1 = await open('p-up', { dbName: name, version: 1, storageKey: KEY });
    await v1.put(entry('u1', 'p-up', 'överlever uppgraderingen', 1));
    v1.close(); // the upgrade below waits for this connection to be closed, not for a timer
    const v2 = await open('p-up', { dbName: name, storageKey: KEY });
    expect((await v2.list('p-up')).map((e) => e.text)).to.deep.equal(['överlever uppgraderingen']);
    const dbs = await indexedDB.databases();
    expect(dbs.find((d) => d.name === name)?.version).to.equal(OUTBOX_SCHEMA_VERSION);
    v2.close();
  });

  it('a version change from another tab switches the outbox to memory, keeping every message', async () => {
    const name = dbName();
    const store = await open('p-vc', { dbName: name, storageKey: KEY });
    const { backend, conv, all } = await server();
    const p = presence(false);
    const outbox = new Outbox({ subject: 'p-vc', store, send: sender(backend, conv.id).send, presence: p });
    await outbox.start();
    await outbox.enqueue({ clientId: 'v1', conversationId: conv.id, text: 'före' });
    // "another tab" opens a newer version
    const other = indexedDB.open(name, OUTBOX_SCHEMA_VERSION + 1);
    await new Promise((r) => (other.onsuccess = r));
    other.result.close();
    await outbox.enqueue({ clientId: 'v2', conversationId: conv.id, text: 'efter' });
    expect(outbox.mode).to.equal('memory');
    expect(outbox.degradedReason).to.equal('versionchange');
    p.online = true;
    outbox.kick('online');
    await waitFor(() => outbox.pendingCount === 0);
    expect((await all()).map((m) => m.text)).to.deep.equal(['före', 'efter']);
    outbox.dispose();
  });

  it('partition keys are hashes of the subject', async () => {
    const p = await partitionOf('patient-a');
    expect(p).to.match(/^[0-9a-f]{64}$/);
    expect(p).not.to.equal(await partitionOf('patient-b'));
  });

  it('with a storage key the partition is an HMAC of the subject under it: the subject alone does not give it', async () => {
    const key = (b: number) => btoa(String.fromCharCode(...new Uint8Array(32).fill(b)));
    const a1 = await partitionOf('patient-a', key(1));
    expect(a1).to.match(/^[0-9a-f]{64}$/);
    expect(a1).to.equal(await partitionOf('patient-a', key(1)), 'stable for one key');
    expect(a1).not.to.equal(await partitionOf('patient-a'), 'not the plain hash');
    expect(a1).not.to.equal(await partitionOf('patient-a', key(2)), 'another key, another partition');
    expect(a1).not.to.equal(await partitionOf('patient-b', key(1)));
    // the store files its entries under it
    const dbName = `vard-chat-data-test-hmac-${Date.now()}`;
    const store = await IdbOutboxStore.open({ subject: 'patient-a', storageKey: key(1), dbName });
    expect(store.partition).to.equal(a1);
    store.close();
    await deleteDB(dbName);
  });
});
