/** The storage layer: the Store interface, the Kysely implementation and the SQLite engine. */
export type * from './store.js';
export type { Database } from './schema.js';
export { KyselyStore, type EngineHooks } from './kysely-store.js';
export { openSqliteStore, migrate, type SqliteStore } from './sqlite-store.js';
export { migrations, type Engine } from './migrations/index.js';
export { openPostgresStore, migratePostgres, PostgresStore, type PostgresOptions, type PostgresStoreHandle } from './postgres-store.js';
export { PgListener, EVENTS_CHANNEL } from './pg-listener.js';
export { EventFeed, type EventBatchListener } from './event-feed.js';
export { openStore, engineOf, type OpenStoreOptions } from './open.js';
