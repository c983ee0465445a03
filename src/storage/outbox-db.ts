/**
 * The outbox's IndexedDB database: name, schema and its upgrades. Every widget database name
 * starts with `vard-chat-data-`. An upgrade only ever adds; queued entries survive it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const WIDGET_DB_PREFIX = 'vard-chat-data-';
export const OUTBOX_DB = `${WIDGET_DB_PREFIX}outbox`;
export const OUTBOX_SCHEMA_VERSION = 2;

/** A stored entry: metadata in the clear, the text only as AES-GCM ciphertext. */
export interface OutboxRecord {
  /** SHA-256 of the patient's subject (hex): the partition, never the subject itself. */
  partition: string;
  clientId: string;
  conversationId: string;
  createdAt: number;
  touchedAt: number;
  order: number;
  state: 'queued' | 'failed';
  error?: string;
  /** Which key sealed it: the session's, or the browser-local one. */
  keyId: 'session' | 'local';
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
  /** The message's files, each sealed on its own (bound to the entry and its place); their names and types are in `data`. */
  files?: { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }[];
}

export interface OutboxSchema extends DBSchema {
  entries: {
    key: [string, string];
    value: OutboxRecord;
    indexes: { 'by-order': [string, number]; 'by-touched': [string, number] };
  };
  /** Browser-local, non-extractable AES-GCM keys, one per partition (only when the backend gives none). */
  keys: { key: string; value: CryptoKey };
}

export type OutboxDb = IDBPDatabase<OutboxSchema>;

const OPEN_TIMEOUT_MS = 5000;

/**
 * Opens (creating or upgrading) the database. `onLost` runs when another tab needs a newer
 * version or deletes the database: this connection is closed at once so that tab is not blocked.
 */
export async function openOutboxDb(
  onLost: () => void, version = OUTBOX_SCHEMA_VERSION, name = OUTBOX_DB,
): Promise<OutboxDb> {
  const opening = openDB<OutboxSchema>(name, version, {
    upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        const entries = db.createObjectStore('entries', { keyPath: ['partition', 'clientId'] });
        entries.createIndex('by-order', ['partition', 'order']);
        db.createObjectStore('keys');
      }
      if (oldVersion < 2 && version >= 2) {
        tx.objectStore('entries').createIndex('by-touched', ['partition', 'touchedAt']);
      }
    },
    blocking() {
      onLost();
      void opening.then((db) => db.close());
    },
    terminated: onLost,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DOMException('IndexedDB open timed out (blocked)', 'TimeoutError')), OPEN_TIMEOUT_MS);
  });
  try {
    return await Promise.race([opening, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the database exists, without creating it (true when the browser cannot tell). */
export async function outboxDbExists(name = OUTBOX_DB): Promise<boolean> {
  if (typeof indexedDB.databases !== 'function') return true;
  return (await indexedDB.databases()).some((d) => d.name === name);
}
