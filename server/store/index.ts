/** The storage layer: the Store interface, the Kysely implementation and the SQLite engine. */
export type * from './store.js';
export type { Database } from './schema.js';
export { KyselyStore, type EngineHooks } from './kysely-store.js';
export { openSqliteStore, migrate, type SqliteStore } from './sqlite-store.js';
export { migrations, type Engine } from './migrations/index.js';
