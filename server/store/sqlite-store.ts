/**
 * The SQLite engine (the embedded default): better-sqlite3 under Kysely's SqliteDialect. One
 * connection, so transactions are serialized; WAL so readers of the file (tests, tools) do not
 * block it. New events reach this process's hub directly (there is no other process).
 * Attachment bytes are files in a folder beside the database (blobs.ts).
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { KyselyStore } from './kysely-store.js';
import { DiskBlobs } from './blobs.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export interface SqliteStore {
  store: KyselyStore;
  /** The raw better-sqlite3 handle (tests read it directly; services never do). */
  sqlite: SQLite.Database;
}

/** Opens (and migrates) a SQLite database: a file, or `:memory:`. */
export async function openSqliteStore(file: string): Promise<SqliteStore> {
  const onDisk = file !== ':memory:' && !file.startsWith('file:');
  // at rest: a folder we make is this user's only (0700), the file and its WAL files 0600
  if (onDisk && !existsSync(dirname(file))) mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new SQLite(file);
  const restrict = () => {
    if (!onDisk) return;
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      try {
        if (existsSync(f)) chmodSync(f, 0o600);
      } catch { /* not ours to change: keep going */ }
    }
  };
  restrict();
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db);
  restrict();
  const store = KyselyStore.create(db, {
    engine: 'sqlite',
    blobs: DiskBlobs.forDatabase(file),
    async headEventId(q) {
      // AUTOINCREMENT keeps the highest id ever assigned in sqlite_sequence, even when the log is pruned empty
      const r = await sql<{ n: number }>`select coalesce((select seq from sqlite_sequence where name = 'events'), 0) as n`.execute(q);
      return Number(r.rows[0]?.n ?? 0);
    },
    close: () => db.destroy(),
  });
  return { store, sqlite };
}

/** Runs the numbered migrations up to the latest; throws with the failing migration's name. */
export async function migrate(db: Kysely<Database>, engine: 'sqlite' | 'postgres' = 'sqlite'): Promise<void> {
  const migrator = new Migrator({ db, provider: migrations(engine) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
}
