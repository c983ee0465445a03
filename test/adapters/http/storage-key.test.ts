// The server's per-patient storageKey reaches the outbox: the session response of the reference
// server (over HttpBackend) carries it, and the patient's queued text is encrypted with it, not
// with a key kept in the browser.
import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { ChatClient } from '../../../src/core/chat-client.js';
import { browserOutbox } from '../../../src/browser/browser-outbox.js';
import { IdbOutboxStore } from '../../../src/storage/idb-outbox-store.js';
import { partitionOf } from '../../../src/storage/outbox-crypto.js';
import type { FetchFn } from '../../../src/adapters/http/request.js';
import { dumpDb } from '../../storage/raw-idb.js';
import { waitFor } from '../../wait.js';
import { newPatientToken, patientBackend } from './reference-server.js';

describe('storageKey from the reference server', () => {
  const dbName = `vard-chat-data-test-storage-key-${Date.now()}`;
  after(() => deleteDB(dbName));

  it('the HTTP session keeps the server storageKey and the outbox encrypts with it', async () => {
    const token = await newPatientToken('Nyckel Nyckelsson');
    // sends fail (offline), so the message stays queued in IndexedDB
    const offlineSends: FetchFn = (input, init) => (init.method === 'PUT' ? Promise.reject(new TypeError('offline')) : fetch(input, init));
    const backend = await patientBackend(token, { fetch: offlineSends });
    const client = new ChatClient({ backend, outbox: browserOutbox({ dbName }) });
    await client.start();
    const session = client.session!;
    expect(session.storageKey, 'the session parser keeps storageKey').to.match(/^[A-Za-z0-9+/]{43}=$/);
    // the same key on every read of the session (it is derived per patient on the server)
    expect((await backend.getSession())!.storageKey).to.equal(session.storageKey);

    await client.outbox!.enqueue({ clientId: 'sk-1', conversationId: 'c-none', text: 'Hemlig text i kön' });
    await waitFor(async () => (await dumpDb(dbName)).some((r) => (r as { clientId?: string }).clientId === 'sk-1'), 5000, 'stored');
    const record = (await dumpDb(dbName)).find((r) => (r as { clientId?: string }).clientId === 'sk-1') as { keyId: string; partition: string };
    expect(record.keyId, 'encrypted with the session key, not a browser-local one').to.equal('session');
    expect(record.partition, 'filed under the HMAC of the subject under that key').to.equal(await partitionOf(session.subject, session.storageKey));
    client.stop();

    // readable with the server's key ...
    const withKey = await IdbOutboxStore.open({ subject: session.subject, storageKey: session.storageKey!, dbName });
    expect((await withKey.list(session.subject)).map((e) => e.text)).to.deep.equal(['Hemlig text i kön']);
    withKey.close();
    // ... and not with another (it does not even find the partition)
    const other = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
    const wrong = await IdbOutboxStore.open({ subject: session.subject, storageKey: other, dbName });
    expect(await wrong.list(session.subject)).to.deep.equal([]);
    wrong.close();
    // nor with the right partition and another key: the text does not open
    const forged = await IdbOutboxStore.open({ subject: session.subject, storageKey: other, dbName });
    Object.assign(forged, { partition: record.partition });
    expect(await forged.list(session.subject)).to.deep.equal([]);
    expect(forged.unreadable).to.equal(1);
    forged.close();
  });
});
