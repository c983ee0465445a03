/**
 * The outbox's queue state, apart from how it is flushed: entries (mirrored in memory so the
 * UI never loses one), write-ahead enqueue, retry and discard, retention, and the switch to an
 * in-memory store when the durable one fails. `Outbox` (outbox.ts) adds the flushing.
 */
import { Emitter } from '../emitter.js';
import type { Message } from '../types.js';
import { MemoryOutboxStore, byOrder } from './memory-store.js';
import type { BroadcastPort, Clock, OutboxEntry, OutboxFile, OutboxItem, OutboxStore } from './types.js';

export const DEFAULT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** Why the outbox runs in memory only. */
export type DegradedReason = 'unavailable' | 'quota' | 'versionchange';

export interface OutboxEvents extends Record<string, unknown> {
  change: void;
  /** The backend acknowledged an entry (in this tab or, via broadcast, in another). */
  acked: { clientId: string; message: Message };
}

export interface OutboxQueueOptions {
  subject: string;
  store: OutboxStore;
  clock?: Clock;
  channel?: BroadcastPort;
  /** Entries not sent within this time are shown as failed (`expired`); never deleted. */
  retentionMs?: number;
  /** Set when the durable store could not even be opened. */
  degraded?: DegradedReason;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export abstract class OutboxQueue extends Emitter<OutboxEvents> {
  readonly subject: string;
  /** `memory`: online-only mode; the queue lives as long as this page. */
  mode: 'durable' | 'memory';
  degradedReason: DegradedReason | undefined;

  protected store: OutboxStore;
  protected readonly clock: Clock;
  protected readonly retentionMs: number;
  protected readonly channel: BroadcastPort | undefined;
  protected readonly entries = new Map<string, OutboxEntry>();
  protected sendingId: string | undefined;
  protected disposed = false;
  /** Entries whose write-ahead put has not committed yet: never sent before it has. */
  protected readonly writing = new Set<string>();
  private lastOrder = 0;

  constructor(opts: OutboxQueueOptions) {
    super();
    this.subject = opts.subject;
    this.store = opts.degraded ? new MemoryOutboxStore() : opts.store;
    this.clock = opts.clock ?? realClock;
    this.retentionMs = opts.retentionMs ?? DEFAULT_RETENTION_MS;
    this.channel = opts.channel;
    this.mode = opts.degraded ? 'memory' : 'durable';
    this.degradedReason = opts.degraded;
  }

  /** One try at flushing (see Outbox). */
  abstract kick(reason: string): void;

  /** Entries as the UI shows them, in FIFO order. */
  items(): OutboxItem[] {
    const now = this.clock.now();
    return [...this.entries.values()].sort(byOrder).map((e) => {
      const expired = e.state === 'queued' && now - e.touchedAt > this.retentionMs;
      const state = e.state === 'failed' || expired ? 'failed' : e.clientId === this.sendingId ? 'sending' : 'queued';
      const item: OutboxItem = { clientId: e.clientId, conversationId: e.conversationId, text: e.text, createdAt: e.createdAt, state };
      if (e.attachments?.length) item.attachments = e.attachments;
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
  async enqueue(msg: { clientId: string; conversationId: string; text: string; attachments?: OutboxFile[] }): Promise<void> {
    const now = this.clock.now();
    this.lastOrder = Math.max(now, this.lastOrder + 0.001);
    const entry: OutboxEntry = {
      clientId: msg.clientId, subject: this.subject, conversationId: msg.conversationId, text: msg.text,
      createdAt: now, touchedAt: now, order: this.lastOrder, state: 'queued',
    };
    if (msg.attachments?.length) entry.attachments = msg.attachments;
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

  /** Deletes this patient's entries (logout, session expiry). */
  async purge(): Promise<void> {
    this.entries.clear();
    this.sendingId = undefined;
    await this.io((s) => s.clear(this.subject));
    this.announce();
  }

  protected async markFailed(entry: OutboxEntry, error: string): Promise<void> {
    const failed: OutboxEntry = { ...entry, state: 'failed', error };
    this.entries.set(entry.clientId, failed);
    await this.io((s) => s.put(failed));
    this.announce();
  }

  protected async reload(): Promise<void> {
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
  protected async io<T>(op: (s: OutboxStore) => Promise<T>): Promise<T> {
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
    this.onDegraded();
    this.emit('change', undefined);
  }

  /** Runs once when this queue switches to memory (Outbox gives up the flusher lock). */
  protected onDegraded(): void {}

  protected announce(): void {
    this.channel?.post({ type: 'changed' });
    this.emit('change', undefined);
  }
}

function classify(err: unknown): DegradedReason {
  const name = (err as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') return 'quota';
  if (name === 'VersionChangeError') return 'versionchange';
  return 'unavailable';
}
