/**
 * Engine selection: `DATABASE_URL=postgres://…` (or postgresql://) → PostgreSQL, for several
 * processes on one database; otherwise SQLite in the `VARD_DB` file (the embedded default, no
 * set-up). Anything else in DATABASE_URL is refused at start rather than guessed at.
 */
import { openSqliteStore } from './sqlite-store.js';
import { openPostgresStore, type PostgresOptions } from './postgres-store.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** DATABASE_URL: postgres://user:password@host:port/database */
  databaseUrl?: string | undefined;
  /** DATABASE_LISTEN_URL: the direct URL for LISTEN and migrations when DATABASE_URL is a transaction-mode pooler. */
  listenUrl?: string | undefined;
  /** VARD_DB: the SQLite file (`:memory:` in tests) when there is no DATABASE_URL. */
  sqliteFile?: string | undefined;
  postgres?: PostgresOptions;
}

export function engineOf(databaseUrl: string | undefined): 'sqlite' | 'postgres' {
  if (databaseUrl === undefined || databaseUrl === '') return 'sqlite';
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) return 'postgres';
  // never echo the value: it may hold a password
  throw new Error('DATABASE_URL must start with postgres:// or postgresql:// (leave it unset for SQLite in VARD_DB)');
}

export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  if (engineOf(opts.databaseUrl) === 'postgres') {
    return (await openPostgresStore(opts.databaseUrl as string, { listenUrl: opts.listenUrl, ...opts.postgres })).store;
  }
  return (await openSqliteStore(opts.sqliteFile ?? ':memory:')).store;
}
