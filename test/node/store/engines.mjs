// The two engines the store contract suite runs against: SQLite (`:memory:`, one per test) and
// PostgreSQL (a throwaway cluster per test file, a fresh database per test). `second()` opens
// another handle on the same database, as a second server process would (its own pool and
// LISTEN connection); on SQLite it is the same store (one process owns the file).
import { loadStore } from '../../support/store-build.mjs';
import { startPostgres } from '../../support/postgres.mjs';

/**
 * @typedef {object} Opened
 * @property {import('../../../server/store/store.ts').Store} store
 * @property {() => Promise<import('../../../server/store/store.ts').Store>} second
 * @property {string | undefined} url
 * @property {() => Promise<void>} close
 */

/** @returns {Promise<{ name: 'sqlite' | 'postgres', open: () => Promise<Opened>, stop: () => Promise<void> }[]>} */
export async function engines() {
  const m = await loadStore();
  const cluster = await startPostgres();
  return [
    {
      name: 'sqlite',
      async open() {
        const { store } = await m.openSqliteStore(':memory:');
        return { store, url: undefined, second: async () => store, close: () => store.close() };
      },
      stop: async () => undefined,
    },
    {
      name: 'postgres',
      async open() {
        const url = await cluster.createDatabase();
        const handles = [await m.openPostgresStore(url, { poolMax: 5, listenerBackoffMs: { min: 20, max: 200 } })];
        return {
          store: handles[0].store,
          url,
          async second() {
            const h = await m.openPostgresStore(url, { poolMax: 5, listenerBackoffMs: { min: 20, max: 200 } });
            handles.push(h);
            return h.store;
          },
          close: async () => {
            await Promise.all(handles.map((h) => h.store.close()));
          },
        };
      },
      stop: () => cluster.stop(),
    },
  ];
}

/** Waits until `check()` is true (no timed assertion: the test's own timeout bounds it). */
export async function until(check, what = 'condition') {
  for (let i = 0; ; i++) {
    if (await check()) return;
    if (i > 2000) throw new Error(`never true: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
