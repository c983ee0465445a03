/**
 * Where MemoryBackend keeps its simulated *server* state so a tester can reload the page.
 * It is a separate, clearly named IndexedDB database ("vard-chat-mock-server"), never the
 * widget's own storage, and it exists only when the mock backend is used.
 */
import { openDB, type IDBPDatabase } from 'idb';

export const MOCK_SERVER_DB = 'vard-chat-mock-server';

export interface Persistence<T> {
  load(): Promise<T | undefined>;
  save(state: T): Promise<void>;
  clear(): Promise<void>;
}

export function idbPersistence<T>(name = MOCK_SERVER_DB): Persistence<T> {
  let db: Promise<IDBPDatabase> | undefined;
  const open = () =>
    (db ??= openDB(name, 1, { upgrade: (d) => void d.createObjectStore('state') }));
  return {
    async load() {
      return (await (await open()).get('state', 'server')) as T | undefined;
    },
    async save(state) {
      await (await open()).put('state', state, 'server');
    },
    async clear() {
      await (await open()).delete('state', 'server');
    },
  };
}
