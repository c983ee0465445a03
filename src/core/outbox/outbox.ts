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
import { toBackendError, type BackendError } from '../errors.js';
import type { Message } from '../types.js';
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from '../backoff.js';
import { byOrder } from './memory-store.js';
import { OutboxQueue, type OutboxQueueOptions } from './outbox-queue.js';
import type { LockProvider, OutboxBroadcast, OutboxSender, Presence } from './types.js';

export { DEFAULT_RETENTION_MS, type DegradedReason, type OutboxEvents } from './outbox-queue.js';

export interface OutboxOptions extends OutboxQueueOptions {
  send: OutboxSender;
  random?: () => number;
  /** Cross-tab flusher election; without it this instance always flushes. */
  locks?: LockProvider;
  lockName?: string;
  presence?: Presence;
  backoff?: BackoffPolicy;
}

const always: Presence = { isOnline: () => true, isVisible: () => true };

export class Outbox extends OutboxQueue {
  /** This instance holds the flusher lock. */
  isLeader = false;
  /** The last try failed transiently (or the page is offline): entries wait for a connection. */
  waiting = false;
  /** Why entries wait: `offline` (the browser says so) or the last error's kind. */
  waitReason: string | undefined;
  /** The backend said the session is gone; the queue is kept until the patient logs in again. */
  authRequired = false;

  private readonly send: OutboxSender;
  private readonly random: () => number;
  private readonly presence: Presence;
  private readonly backoff: BackoffPolicy;
  private readonly locks: LockProvider | undefined;
  private readonly lockName: string;
  private readonly lease = new AbortController();
  private flushing = false;
  private dirty = false;
  private failures = 0;
  private notBefore = 0;
  private timer: unknown;
  private unlisten: (() => void) | undefined;
  private readonly deletes = new Set<Promise<void>>();
  private readonly teardown: (() => void)[] = [];
  private readonly acked: string[] = [];
  private deleting: Promise<void> | undefined;
  /** Another tab may have written since the last read: re-read the store before sending. */
  private stale = true;

  constructor(opts: OutboxOptions) {
    super(opts);
    this.send = opts.send;
    this.random = opts.random ?? Math.random;
    this.presence = opts.presence ?? always;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.locks = opts.locks;
    this.lockName = opts.lockName ?? 'vard-chat-outbox';
  }

  /** Loads what earlier pages left, joins the tab election and starts flushing when elected. */
  async start(): Promise<void> {
    await this.reload();
    this.unlisten = this.channel?.subscribe((m) => this.handleBroadcast(m));
    if (!this.locks) this.isLeader = true;
    else this.locks.hold(this.lockName, this.lease.signal, () => {
      if (this.disposed) return;
      this.isLeader = true;
      this.stale = true; // taking over: re-read under the lock what the previous flusher left
      this.emit('change', undefined);
      this.kick('elected');
    });
    this.emit('change', undefined);
    if (this.isLeader) this.kick('start');
  }

  /**
   * Something happened that makes a try worthwhile: `enqueue`, `online`, `reconnect`, `visible`.
   * A Retry-After still in force is respected. Each kick is one try; only the backoff timer
   * repeats, and it does nothing while the page is hidden (no retry loop in a background tab).
   */
  kick(reason: string): void {
    if (this.disposed || !this.canFlush()) return;
    if (reason === 'online' || reason === 'reconnect' || reason === 'visible' || reason === 'retry') this.failures = 0;
    const wait = this.notBefore - this.clock.now();
    if (wait > 0) return this.schedule(wait);
    this.clearTimer();
    void this.flush();
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

  /**
   * In memory this tab sends only its own entries (it flushes without the lock), so it lets go
   * of the flusher lock: another tab that can still use the shared store takes over and sends
   * what is written there, instead of waiting until this tab is closed.
   */
  protected override onDegraded(): void {
    this.lease.abort();
    this.isLeader = false;
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
          this.setWaiting(true, true, 'offline');
          break;
        }
        // re-read under the lock: another tab may have written, retried or acknowledged meanwhile
        if (this.stale) {
          this.stale = false;
          await Promise.all([...this.deletes]);
          await this.reload();
        }
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
      if (this.writing.has(entry.clientId)) return true; // not committed yet: its enqueue kicks again once it is
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
          this.setWaiting(true, true, 'auth');
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
    this.setWaiting(true, true, e.kind);
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

  private setWaiting(waiting: boolean, tell = true, reason?: string): void {
    if (this.waiting === waiting && this.waitReason === reason) return;
    this.waiting = waiting;
    this.waitReason = waiting ? reason : undefined;
    if (waiting && tell) this.channel?.post({ type: 'waiting', clientIds: [...this.entries.keys()], ...(reason ? { reason } : {}) });
    this.emit('change', undefined);
  }

  // ---- tabs ----------------------------------------------------------------------------

  private handleBroadcast(m: OutboxBroadcast): void {
    if (this.disposed) return;
    switch (m.type) {
      case 'changed':
        if (this.mode === 'memory') return; // not sharing the store any more
        this.stale = true;
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
        this.setWaiting(true, false, m.reason);
        return;
    }
  }
}
