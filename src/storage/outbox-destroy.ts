/**
 * Deleting the outbox's data: one patient's entries (logout, session expiry) and the whole
 * database. The logout flow calls these; open outboxes in other tabs close their connection on
 * the deletion and carry on in memory (they show the online-only notice).
 */
import { deleteDB } from 'idb';
import { IdbOutboxStore } from './idb-outbox-store.js';
import { OUTBOX_DB, outboxDbExists } from './outbox-db.js';

/** Deletes every outbox entry (and the browser-local key) of one patient (with their storage key, when the backend gives one). */
export async function deletePatientOutbox(subject: string, storageKey?: string): Promise<void> {
  if (typeof indexedDB === 'undefined' || !(await outboxDbExists())) return;
  const store = await IdbOutboxStore.open({ subject, ...(storageKey ? { storageKey } : {}) });
  try {
    await store.clear(subject);
  } finally {
    store.close();
  }
}

/** Deletes the outbox's database. Resolves once it is gone (other connections close themselves). */
export async function destroyOutboxDatabases(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  await deleteDB(OUTBOX_DB);
}
