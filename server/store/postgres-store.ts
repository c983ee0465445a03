/**
 * The PostgreSQL engine (`DATABASE_URL=postgres://…`): the same KyselyStore queries on Kysely's
 * PostgresDialect over a small `pg` Pool, plus what several processes on one database need:
 *
 * - Migrations under a session-level advisory lock, so processes that start at the same moment
 *   on an empty database migrate it once (the others wait, then find nothing to do).
 * - Event ids from a sequence (bigserial), committed in id order: appending an event takes a
 *   transaction-level advisory lock that is held until commit, so no reader can see id 11
 *   before id 10 is committed (or rolled back). Without it a stream could move past 10 and never
 *   get it. NOTIFY serializes committing transactions on its queue lock anyway, so the lock
 *   costs little beyond what NOTIFY already costs.
 * - `NOTIFY vard_events, '<id>'` in the appending transaction (delivered at commit), heard by
 *   each process's one LISTEN connection (pg-listener.ts); `onEvents` listeners hear it there,
 *   for events of this process and of every other.
 * - Message `seq` and conversation `ord` are max()+1 in SQL: a per-conversation (and a queue)
 *   transaction-level advisory lock serializes those inserts, so two processes sending to one
 *   conversation at once get 5 and 6, not a unique violation.
 * - A transaction that hits a deadlock or a serialization failure is run again (twice at most).
 */
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, sql, type Transaction } from 'kysely';
import { KyselyStore, type EngineHooks, type Shared } from './kysely-store.js';
import { migrations } from './migrations/index.js';
import { TableBlobs } from './blobs.js';
import { EVENTS_CHANNEL, PgListener } from './pg-listener.js';
import type { Database } from './schema.js';
import type { InsertMessageResult, NewConversation, ConversationRecord, NewEvent, NewMessage, Store } from './store.js';

/** Advisory lock keys: (class, object) pairs of int4; the class is 'vard' in ASCII. */
const LOCK_CLASS = 0x76617264;
const LOCK_MIGRATE = 1;
const LOCK_EVENTS = 2;
const LOCK_ORD = 3;
/** Per-conversation message locks use their own class so they never meet the ones above. */
const LOCK_CLASS_CONVERSATION = 0x76617265;

const RETRYABLE = new Set(['40P01', '40001']);

export interface PostgresOptions {
  /**
   * DATABASE_LISTEN_URL: where the LISTEN connection goes when DATABASE_URL points at a pooler in
   * transaction mode (which cannot keep a LISTEN): the database itself, or a session-mode pool.
   * Migrations (a session-level lock) also run there. Default: DATABASE_URL.
   */
  listenUrl?: string | undefined;
  /** Pool size (VARD_PG_POOL_MAX); streams hold no connection, so a small pool serves thousands. */
  poolMax?: number;
  /** Listener backoff, ms (tests shorten it). */
  listenerBackoffMs?: { min: number; max: number };
  /** Told of a lost listener connection and failed reconnects (error codes only, no data). */
  onListenerError?(err: Error): void;
}

export interface PostgresStoreHandle {
  store: PostgresStore;
  pool: pg.Pool;
  listener: PgListener;
}

export class PostgresStore extends KyselyStore {
  /** Listeners of `onEvents`: woken by NOTIFY (this process's events and every other's). */
  private readonly notified: Set<(lastId?: number) => void>;

  constructor(db: Kysely<Database> | Transaction<Database>, shared: Shared, inTransaction: boolean, notified: Set<(lastId?: number) => void>) {
    super(db, shared, inTransaction);
    this.notified = notified;
  }

  protected override fork(trx: Transaction<Database>): KyselyStore {
    return new PostgresStore(trx, this.shared, true, this.notified);
  }

  override async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    for (let attempt = 0; ; attempt++) {
      try {
        return await super.transaction(fn);
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (attempt >= 2 || typeof code !== 'string' || !RETRYABLE.has(code)) throw err;
      }
    }
  }

  override async insertMessage(m: NewMessage): Promise<InsertMessageResult> {
    if (!this.inTransaction) return this.transaction((tx) => tx.insertMessage(m));
    await sql`select pg_advisory_xact_lock(${LOCK_CLASS_CONVERSATION}::int4, hashtext(${m.conversationId}))`.execute(this.db);
    return super.insertMessage(m);
  }

  override async insertConversation(c: NewConversation): Promise<ConversationRecord> {
    if (!this.inTransaction) return this.transaction((tx) => tx.insertConversation(c));
    await sql`select pg_advisory_xact_lock(${LOCK_CLASS}::int4, ${LOCK_ORD}::int4)`.execute(this.db);
    return super.insertConversation(c);
  }

  override async appendEvent(e: NewEvent): Promise<number> {
    if (!this.inTransaction) return this.transaction((tx) => tx.appendEvent(e));
    // held until commit: ids become visible in the order they were given
    await sql`select pg_advisory_xact_lock(${LOCK_CLASS}::int4, ${LOCK_EVENTS}::int4)`.execute(this.db);
    const id = await super.appendEvent(e);
    await sql`select pg_notify(${EVENTS_CHANNEL}, ${String(id)})`.execute(this.db);
    return id;
  }

  /**
   * The newest event id given out and committed: waits for an appending transaction in flight
   * (shared lock against its exclusive one), so a stream told "you start at N" never skips N.
   */
  override async headEventId(): Promise<number> {
    if (this.inTransaction) return headOf(this.db);
    return (this.db as Kysely<Database>).transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock_shared(${LOCK_CLASS}::int4, ${LOCK_EVENTS}::int4)`.execute(trx);
      return headOf(trx);
    });
  }

  override onEvents(listener: (lastId?: number) => void): () => void {
    this.notified.add(listener);
    return () => this.notified.delete(listener);
  }

  override async close(): Promise<void> {
    this.notified.clear();
    await super.close();
  }
}

async function headOf(db: Kysely<Database> | Transaction<Database>): Promise<number> {
  const r = await sql<{ n: string }>`select case when is_called then last_value else 0 end as n from events_id_seq`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Opens a PostgreSQL store: pool, migrations (under the advisory lock), the LISTEN connection.
 * Rejects when the database cannot be reached or migrated.
 */
export async function openPostgresStore(connectionString: string, opts: PostgresOptions = {}): Promise<PostgresStoreHandle> {
  const pool = new pg.Pool({ connectionString, max: opts.poolMax ?? 10, keepAlive: true });
  // an idle client's error (the server restarted) must not crash the process: the pool drops it
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const notified = new Set<(lastId?: number) => void>();
  const direct = opts.listenUrl || connectionString;
  const listener = new PgListener({
    connectionString: direct,
    onNotify: (id) => {
      for (const l of [...notified]) l(id);
    },
    minBackoffMs: opts.listenerBackoffMs?.min,
    maxBackoffMs: opts.listenerBackoffMs?.max,
    onError: opts.onListenerError,
  });
  try {
    if (direct === connectionString) await migratePostgres(db, pool);
    else {
      // through a transaction-mode pooler a session lock means nothing: migrate on the direct URL
      const migPool = new pg.Pool({ connectionString: direct, max: 2 });
      migPool.on('error', () => undefined);
      const migDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: migPool }) });
      try {
        await migratePostgres(migDb, migPool);
      } finally {
        await migDb.destroy();
      }
    }
    await listener.start();
  } catch (err) {
    await listener.close();
    await db.destroy();
    throw err;
  }
  const hooks: EngineHooks = {
    engine: 'postgres',
    blobs: new TableBlobs(),
    headEventId: (q) => headOf(q),
    async close() {
      await listener.close();
      await db.destroy();
    },
  };
  const store = new PostgresStore(db, { hooks, listeners: new Set() }, false, notified);
  return { store, pool, listener };
}

/**
 * Runs the numbered migrations to the latest while holding a session-level advisory lock on a
 * connection of its own: several processes starting at once on an empty database migrate it
 * once; the others wait for the lock, then find every migration applied.
 */
export async function migratePostgres(db: Kysely<Database>, pool: pg.Pool): Promise<void> {
  const lockClient = await pool.connect();
  try {
    await lockClient.query('select pg_advisory_lock($1::int4, $2::int4)', [LOCK_CLASS, LOCK_MIGRATE]);
    try {
      const migrator = new Migrator({ db, provider: migrations('postgres') });
      const { error, results } = await migrator.migrateToLatest();
      const failed = results?.find((r) => r.status === 'Error');
      if (error) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await lockClient.query('select pg_advisory_unlock($1::int4, $2::int4)', [LOCK_CLASS, LOCK_MIGRATE]);
    }
  } finally {
    lockClient.release();
  }
}
