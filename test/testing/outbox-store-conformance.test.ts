// The OutboxStore contract run against both stores the widget ships.
import { deleteDB } from 'idb';
import { MemoryOutboxStore } from '../../src/core/outbox/memory-store.js';
import { IdbOutboxStore } from '../../src/storage/idb-outbox-store.js';
import { runOutboxStoreConformance } from '../../src/testing/index.js';

runOutboxStoreConformance('MemoryOutboxStore', async () => {
  const shared = new MemoryOutboxStore();
  return { open: async () => shared };
});

let seq = 0;
runOutboxStoreConformance('IdbOutboxStore (encrypted, one partition per patient)', async () => {
  const dbName = `vard-chat-data-test-conformance-${Date.now()}-${++seq}`;
  const storageKey = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
  return {
    open: (subject) => IdbOutboxStore.open({ subject, dbName, storageKey }),
    dispose: () => deleteDB(dbName),
  };
});
