/**
 * The outbox rules: write-ahead enqueue, FIFO delivery, exactly-once by clientId, backoff,
 * flush triggers, permanent failures that do not block the queue, retention, one flusher
 * across tabs, and an explicit in-memory mode when the durable store fails.
 *
 * Delivery order: entries go one at a time in write order (FIFO across the patient's queue, so
 * also per conversation). A permanently rejected entry is marked failed and skipped; the ones
 * behind it go on. If the patient retries it, it is sent at the next pass: after whatever was
 * delivered meanwhile, before anything still queued behind its original place.
 */
import { Emitter } from '../emitter.js';
import { toBackendError, type BackendError } from '../errors.js';
import type { Message } from '../types.js';
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from './backoff.js';
import { MemoryOutboxStore, byOrder } from './memory-store.js';
import type {
  BroadcastPort, Clock, LockProvider, OutboxBroadcast, OutboxEntry, OutboxItem, OutboxSender,
  OutboxStore, Presence,
} from './types.js';

export const DEFAULT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** Why the outbox runs in memory only. */
export type DegradedReason = 'unavailable' | 'quota' | 'versionchange';

export interface OutboxOptions {
  subject: string;
  store: OutboxStore;
  send: OutboxSender;
  clock?: Clock;
  random?: () => number;
  /** Cross-tab flusher election; without it this instance always flushes. */
  locks?: LockProvider;
  lockName?: string;
  channel?: BroadcastPort;
  presence?: Presence;
  /** Entries not sent within this time are shown as failed (`expired`); never deleted. */
  retentionMs?: number;
  backoff?: BackoffPolicy;
  /** Set when the durable store could not even be opened. */
  degraded?: DegradedReason;
}

export interface OutboxEvents extends Record<string, unknown> {
  change: void;
  /** The backend acknowledged an entry (in this tab or, via broadcast, in another). */
  acked: { clientId: string; message: Message };
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
const always: Presence = { isOnline: () => true, isVisible: () => true };

export class Outbox extends Emitter<OutboxEvents> {
  readonly subject: string;
  /** `memory`: online-only mode; the queue lives as long as this page. */
  mode: 'durable' | 'memory';
  degradedReason: DegradedReason | undefined;
  /** This instance holds the flusher lock. */
  isLeader = false;
  /** The last try failed transiently (or the page is offline): entries wait for a connection. */
  waiting = false;
  /** The backend said the session is gone; the queue is kept until the patient logs in again. */
  authRequired = false;

  private store: OutboxStore;
  private readonly send: OutboxSender;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly presence: Presence;
  private readonly retentionMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly channel: BroadcastPort | undefined;
  private readonly locks: LockProvider | undefined;
  private readonly lockName: string;
  private readonly entries = new Map<string, OutboxEntry>();
  private readonly lease = new AbortController();
  private sendingId: string | undefined;
  private flushing = false;
  private dirty = false;
  private failures = 0;
  private notBefore = 0;
  private timer: unknown;
  private lastOrder = 0;
  private disposed = false;
  private unlisten: (() => void) | undefined;
  private readonly deletes = new Set<Promise<void>>();
  private readonly teardown: (() => void)[] = [];
  private readonly acked: string[] = [];
  private deleting: Promise<void> | undefined;
  /** Entries whose write-ahead put has not committed yet: never sent before it has. */
  private readonly writing = new Set<string>();

  constructor(opts: OutboxOptions) {
    super();
    this.subject = opts.subject;
    this.store = opts.store;
    this.send = opts.send;
    this.clock = opts.clock ?? realClock;
    this.random = opts.random ?? Math.random;
    this.presence = opts.presence ?? always;
    this.retentionMs = opts.retentionMs ?? DEFAULT_RETENTION_MS;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.channel = opts.channel;
    this.locks = opts.locks;
    this.lockName = opts.lockName ?? 'vard-chat-outbox';
    this.mode = opts.degraded ? 'memory' : 'durable';
    this.degradedReason = opts.degraded;
    if (opts.degraded) this.store = new MemoryOutboxStore();
  }

  /** Loads what earlier pages left, joins the tab election and starts flushing when elected. */
  async start(): Promise<void> {
    await this.reload();
    this.unlisten = this.channel?.onMessage((m) => this.handleBroadcast(m));
    if (!this.locks) this.isLeader = true;
    else this.locks.hold(this.lockName, this.lease.signal, () => {
      if (this.disposed) return;
      this.isLeader = true;
      this.emit('change', undefined);
      this.kick('elected');
    });
    this.emit('change', undefined);
    if (this.isLeader) this.kick('start');
  }

  /** Entries as the UI shows them, in FIFO order. */
  items(): OutboxItem[] {
    const now = this.clock.now();
    return [...this.entries.values()].sort(byOrder).map((e) => {
      const expired = e.state === 'queued' && now - e.touchedAt > this.retentionMs;
      const state = e.state === 'failed' || expired ? 'failed' : e.clientId === this.sendingId ? 'sending' : 'queued';
      const item: OutboxItem = { clientId: e.clientId, conversationId: e.conversationId, text: e.text, createdAt: e.createdAt, state };
      const error = expired ? 'expired' : e.error;
      if (state === 'failed' && error) item.error = error;
      return item;
    });
  }

  /** Entries not yet acknowledged and not failed. */
  get pendingCount(): number {
    return this.items().filter((i) => i.state !== 'failed').length;
  }

  /** Write-ahead: resolves once the entry is committed (or, in memory mode, held). */
  async enqueue(msg: { clientId: string; conversationId: string; text: string }): Promise<void> {
    const now = this.clock.now();
    this.lastOrder = Math.max(now, this.lastOrder + 0.001);
    const entry: OutboxEntry = {
      clientId: msg.clientId, subject: this.subject, conversationId: msg.conversationId, text: msg.text,
      createdAt: now, touchedAt: now, order: this.lastOrder, state: 'queued',
    };
    this.entries.set(entry.clientId, entry); // the UI never loses it, whatever the store does
    this.writing.add(entry.clientId);
    try {
      await this.io((s) => s.put(entry));
    } finally {
      this.writing.delete(entry.clientId);
    }
    this.announce();
    this.kick('enqueue');
  }

  /** Queues a failed entry again (same clientId, so it can never arrive twice). */
  async retry(clientId: string): Promise<void> {
    const e = this.entries.get(clientId);
    if (!e) return;
    const next: OutboxEntry = { ...e, state: 'queued', touchedAt: this.clock.now() };
    delete next.error;
    this.entries.set(clientId, next);
    await this.io((s) => s.put(next));
    this.announce();
    this.failures = 0;
    this.kick('retry');
  }

  /** Removes a failed entry the patient no longer wants sent. Queued entries cannot be discarded. */
  async discard(clientId: string): Promise<void> {
    const item = this.items().find((i) => i.clientId === clientId);
    if (!item || item.state !== 'failed') return;
    this.entries.delete(clientId);
    await this.io((s) => s.delete(this.subject, clientId));
    this.announce();
  }

  /**
   * Something happened that makes a try worthwhile: `enqueue`, `online`, `reconnect`, `visible`.
   * A Retry-After still in force is respected. Each kick is one try; only the backoff timer
   * repeats, and it does nothing while the page is hidden (no retry loop in a background tab).
   */
  kick(reason: string): void {
    if (this.disposed || !this.canFlush()) return;
    if (reason === 'online' || reason === 'reconnect' || reason === 'visible') this.failures = 0;
    const wait = this.notBefore - this.clock.now();
    if (wait > 0) return this.schedule(wait);
    this.clearTimer();
    void this.flush();
  }

  /** Deletes this patient's entries (logout, session expiry). */
  async purge(): Promise<void> {
    this.entries.clear();
    this.sendingId = undefined;
    await this.io((s) => s.clear(this.subject));
    this.announce();
  }

  /** Runs `fn` on dispose (environment listeners added by whoever built this outbox). */
  onDispose(fn: () => void): void {
    this.teardown.push(fn);
  }

  /** Stops everything: releases the flusher lock, timers and the channel. Results still in flight are ignored. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clearTimer();
    this.lease.abort();
    this.isLeader = false;
    this.unlisten?.();
    this.channel?.close();
    this.store.close();
    for (const fn of this.teardown.splice(0)) fn();
  }

  /** Resolves when no flush is running (tests, bench). */
  async idle(): Promise<void> {
    while (this.flushing) await new Promise((r) => setTimeout(r, 5));
    await Promise.all([...this.deletes]);
  }

  // ---- flushing --------------------------------------------------------------------------

  private canFlush(): boolean {
    return this.isLeader || this.mode === 'memory';
  }

  private async flush(): Promise<void> {
    if (this.flushing) {
      this.dirty = true;
      return;
    }
    this.flushing = true;
    try {
      do {
        this.dirty = false;
        if (!this.presence.isOnline()) {
          this.setWaiting(true);
          break;
        }
        // re-read under the lock: another tab may have written, retried or acknowledged meanwhile
        await Promise.all([...this.deletes]);
        await this.reload();
        if (!(await this.drain())) break;
        this.setWaiting(false, false);
      } while (this.dirty && !this.disposed && this.canFlush());
    } finally {
      this.flushing = false;
    }
  }

  /** Sends queued entries in order. Returns false when it stopped early (transient error, auth). */
  private async drain(): Promise<boolean> {
    const queue = [...this.entries.values()].filter((e) => e.state === 'queued').sort(byOrder);
    for (const entry of queue) {
      if (this.disposed || !this.canFlush()) return false;
      if (!this.entries.has(entry.clientId)) continue; // purged meanwhile
      if (this.writing.has(entry.clientId)) {
        this.dirty = true; // not committed yet; its enqueue kicks again
        return true;
      }
      if (this.clock.now() - entry.touchedAt > this.retentionMs) {
        await this.markFailed(entry, 'expired');
        continue;
      }
      this.sendingId = entry.clientId;
      this.channel?.post({ type: 'sending', clientId: entry.clientId });
      this.emit('change', undefined);
      let message: Message;
      try {
        message = await this.send(entry);
      } catch (err) {
        if (this.disposed) return false;
        this.sendingId = undefined;
        const e = toBackendError(err);
        if (e.transient) return this.backOff(e);
        if (e.kind === 'auth') {
          this.authRequired = true;
          this.setWaiting(true);
          return false;
        }
        await this.markFailed(entry, e.code ?? e.kind);
        continue;
      }
      if (this.disposed) return false; // a dead tab writes nothing; the next flusher resends the same clientId
      this.sendingId = undefined;
      this.failures = 0;
      this.authRequired = false;
      this.setWaiting(false, false);
      this.entries.delete(entry.clientId);
      this.trackDelete(entry.clientId);
      this.emit('acked', { clientId: entry.clientId, message });
      this.channel?.post({ type: 'acked', clientId: entry.clientId, message });
      this.emit('change', undefined);
    }
    return true;
  }

  private backOff(e: BackendError): false {
    this.failures++;
    const delay = retryDelay(this.failures, this.random, e.retryAfterMs, this.backoff);
    this.notBefore = e.retryAfterMs ? this.clock.now() + e.retryAfterMs : 0;
    this.setWaiting(true);
    this.schedule(delay);
    return false;
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.disposed) return;
      // no retry loop while hidden: `visible` kicks it again
      if (!this.presence.isVisible()) return;
      this.notBefore = 0;
      void this.flush();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async markFailed(entry: OutboxEntry, error: string): Promise<void> {
    const failed: OutboxEntry = { ...entry, state: 'failed', error };
    this.entries.set(entry.clientId, failed);
    await this.io((s) => s.put(failed));
    this.announce();
  }

  /** Acknowledged entries are deleted in batches, one transaction at a time, off the send path. */
  private trackDelete(clientId: string): void {
    this.acked.push(clientId);
    if (this.deleting) return;
    const run = async () => {
      while (this.acked.length) {
        const ids = this.acked.splice(0);
        await this.io((s) => (s.deleteMany ? s.deleteMany(this.subject, ids) : Promise.all(ids.map((id) => s.delete(this.subject, id))).then(() => undefined)))
          .catch(() => undefined);
      }
    };
    const p = (this.deleting = run().finally(() => {
      this.deleting = undefined;
      this.deletes.delete(p);
    }));
    this.deletes.add(p);
  }

  private setWaiting(waiting: boolean, tell = true): void {
    if (this.waiting === waiting) return;
    this.waiting = waiting;
    if (waiting && tell) this.channel?.post({ type: 'waiting', clientIds: [...this.entries.keys()] });
    this.emit('change', undefined);
  }

  // ---- store and tabs --------------------------------------------------------------------

  private async reload(): Promise<void> {
    const list = await this.io((s) => s.list(this.subject));
    const fromStore = new Map(list.map((e) => [e.clientId, e]));
    // keep entries written here but not (yet) in the store, e.g. when the store just failed
    for (const [id, e] of this.entries) {
      if (!fromStore.has(id) && (this.mode === 'memory' || this.writing.has(id))) fromStore.set(id, e);
    }
    this.entries.clear();
    for (const [id, e] of fromStore) this.entries.set(id, e);
    for (const e of list) this.lastOrder = Math.max(this.lastOrder, e.order);
    this.emit('change', undefined);
  }

  /** Runs a store operation; on failure switches to memory mode with every known entry kept. */
  private async io<T>(op: (s: OutboxStore) => Promise<T>): Promise<T> {
    const used = this.store;
    try {
      return await op(used);
    } catch (err) {
      if (used !== this.store) return op(this.store); // another call switched to memory meanwhile
      if (this.mode === 'memory') throw err;
      this.degrade(classify(err));
      const mem = this.store;
      for (const e of this.entries.values()) await mem.put(e);
      return op(mem);
    }
  }

  private degrade(reason: DegradedReason): void {
    const old = this.store;
    this.store = new MemoryOutboxStore();
    this.mode = 'memory';
    this.degradedReason = reason;
    try {
      old.close();
    } catch {
      /* already gone */
    }
    this.emit('change', undefined);
  }

  private announce(): void {
    this.channel?.post({ type: 'changed' });
    this.emit('change', undefined);
  }

  private handleBroadcast(m: OutboxBroadcast): void {
    if (this.disposed) return;
    switch (m.type) {
      case 'changed':
        if (this.mode === 'memory') return; // not sharing the store any more
        if (this.canFlush()) this.kick('enqueue');
        else void this.reload().catch(() => undefined);
        return;
      case 'sending':
        this.sendingId = m.clientId;
        this.setWaiting(false, false);
        this.emit('change', undefined);
        return;
      case 'acked':
        if (this.sendingId === m.clientId) this.sendingId = undefined;
        this.entries.delete(m.clientId);
        this.emit('acked', { clientId: m.clientId, message: m.message });
        this.emit('change', undefined);
        return;
      case 'waiting':
        this.sendingId = undefined;
        this.setWaiting(true, false);
        return;
    }
  }
}

function classify(err: unknown): DegradedReason {
  const name = (err as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') return 'quota';
  if (name === 'VersionChangeError') return 'versionchange';
  return 'unavailable';
}
