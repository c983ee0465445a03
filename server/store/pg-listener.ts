/**
 * Fan-out across processes: one dedicated LISTEN connection per process (not from the pool, so
 * thousands of open streams cost no connections). Every commit that appended events sends
 * `NOTIFY vard_events, '<id>'`; each process hears it here and wakes its own readers, which read
 * the new events once for all their local subscribers (event-feed.ts).
 *
 * A lost connection (server restart, network, pg_terminate_backend) is reconnected with capped
 * backoff and full jitter; after each reconnect `onNotify` is called without an id, so readers
 * catch up from the last id they read: notifications sent while the connection was down are
 * lost, the events are not.
 */
import pg from 'pg';

/** The channel: a constant identifier, never built from input. */
export const EVENTS_CHANNEL = 'vard_events';

export interface PgListenerOptions {
  connectionString: string;
  /** Called with the notified event id, or without one after a (re)connect: read from your last id. */
  onNotify(id?: number): void;
  /** Backoff between reconnect attempts, ms (full jitter between 0 and the capped exponential). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Reports a lost connection and each failed reconnect (no personal data: error codes only). */
  onError?(err: Error): void;
}

export class PgListener {
  private client: pg.Client | undefined;
  private closed = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** How many times the connection was re-established after a loss (tests, metrics). */
  reconnects = 0;

  constructor(private readonly opts: PgListenerOptions) {}

  /** Connects and LISTENs; rejects when the first connection fails (the server should not start). */
  async start(): Promise<void> {
    await this.connect();
  }

  /** The backend pid of the listening connection (tests terminate it to simulate a loss). */
  get backendPid(): number | undefined {
    return (this.client as (pg.Client & { processID?: number }) | undefined)?.processID;
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.connectionString, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.opts.onError?.(err ?? new Error('listener connection ended'));
      this.schedule();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (n) => {
      if (n.channel !== EVENTS_CHANNEL) return;
      const id = Number(n.payload);
      this.opts.onNotify(Number.isSafeInteger(id) && id > 0 ? id : undefined);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      lost = true;
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.attempt = 0;
  }

  private schedule(): void {
    if (this.closed || this.timer) return;
    const min = this.opts.minBackoffMs ?? 100;
    const max = this.opts.maxBackoffMs ?? 5_000;
    const cap = Math.min(max, min * 2 ** this.attempt++);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connect().then(
        () => {
          if (this.closed) return;
          this.reconnects++;
          // whatever was notified while we were away: read from the last id
          this.opts.onNotify();
        },
        (err: unknown) => {
          this.opts.onError?.(err instanceof Error ? err : new Error(String(err)));
          this.schedule();
        },
      );
    }, Math.round(Math.random() * cap));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const c = this.client;
    this.client = undefined;
    if (c) await c.end().catch(() => undefined);
  }
}
