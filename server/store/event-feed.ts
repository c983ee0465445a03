/**
 * The event feed of one process, the same on every engine: it reads each new event from the
 * store once (`eventsAfter`) and hands it to every local subscriber (the SSE hub's streams). It
 * is woken by `Store.onEvents` — in-process on SQLite, LISTEN/NOTIFY across processes on
 * PostgreSQL — so the hub does not care which engine it runs on.
 *
 * Wakes are coalesced: a wake that arrives while a read is running causes one more read after it,
 * and a notified id at or below what was already read causes none. `follow()` attaches a stream
 * at a resume point (its Last-Event-ID) with no gap and no repeat between its backlog and the
 * live events.
 */
import type { EventRecord, Store } from './store.js';

export type EventBatchListener = (events: EventRecord[]) => void;

export interface EventFeedOptions {
  /** Rows per read (a burst is read in pages). */
  batch?: number;
  /** Told when a read fails (the next wake retries from the same id). */
  onError?(err: unknown): void;
}

export class EventFeed {
  /** The highest event id read (and handed out) by this process. */
  last = 0;
  /** Store reads done (tests: one read per burst of events, not one per subscriber). */
  reads = 0;
  private readonly listeners = new Set<EventBatchListener>();
  private reading: Promise<void> | undefined;
  private again = false;
  private unsubscribe: (() => void) | undefined;
  private readonly batch: number;

  constructor(private readonly store: Store, private readonly opts: EventFeedOptions = {}) {
    this.batch = opts.batch ?? 500;
  }

  /** Starts at the store's head: events before it are read by `follow()` backlogs. */
  async start(): Promise<void> {
    this.last = await this.store.headEventId();
    this.unsubscribe = this.store.onEvents((id?: number) => this.wake(id));
    this.wake();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.listeners.clear();
  }

  /** Every new event of this process, in id order, in batches. */
  subscribe(fn: EventBatchListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Something was committed (up to `id` when known): read what this process has not read yet. */
  wake(id?: number): void {
    if (id !== undefined && id <= this.last) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.drain().finally(() => {
      this.reading = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Resolves when no read is running (tests). */
  async idle(): Promise<void> {
    while (this.reading) await this.reading;
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        this.again = false;
        this.reads++;
        const rows = await this.store.eventsAfter(this.last, this.batch);
        if (rows.length) {
          this.last = rows[rows.length - 1]!.id;
          for (const l of [...this.listeners]) l(rows);
        }
        if (rows.length < this.batch) return;
      }
    } catch (err) {
      this.opts.onError?.(err);
    }
  }

  /**
   * Attaches a subscriber from a resume point: first its backlog (`read`, e.g. the patient's
   * events after `after`), then live events that pass `filter`, each id once, in order.
   * Returns the unsubscribe function.
   */
  async follow(
    after: number,
    read: (afterId: number, limit: number) => Promise<EventRecord[]>,
    filter: (e: EventRecord) => boolean,
    deliver: EventBatchListener,
  ): Promise<() => void> {
    let seen = after;
    let live = false;
    const held: EventRecord[] = [];
    const pass = (events: EventRecord[]) => {
      const out = events.filter((e) => e.id > seen && filter(e));
      if (out.length) {
        seen = out[out.length - 1]!.id;
        deliver(out);
      }
    };
    // subscribe before reading the backlog: what commits meanwhile is held, not lost
    const off = this.subscribe((events) => (live ? pass(events) : held.push(...events)));
    try {
      for (let cursor = after; ;) {
        const page = await read(cursor, this.batch);
        if (page.length) {
          cursor = page[page.length - 1]!.id;
          pass(page);
        }
        if (page.length < this.batch) break;
      }
    } catch (err) {
      off();
      throw err;
    }
    live = true;
    pass(held);
    return off;
  }
}
