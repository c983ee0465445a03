/**
 * How a chat session gets the patient's outbox: built once the session (and so the patient) is
 * known. The browser's is in src/browser/browser-outbox.ts; `memoryOutbox` keeps the queue in
 * this page only (tests, environments without IndexedDB).
 */
import type { PatientSession } from '../types.js';
import { MemoryOutboxStore } from './memory-store.js';
import { Outbox } from './outbox.js';
import type { Clock, OutboxSender, OutboxStore } from './types.js';

export type OutboxProvider = (ctx: { session: PatientSession; send: OutboxSender }) => Promise<Outbox>;

export interface StoreOutboxOptions {
  /** The store of entries, by patient (default: a new MemoryOutboxStore per patient). */
  store?: (session: PatientSession) => OutboxStore | Promise<OutboxStore>;
  clock?: Clock;
  retentionMs?: number;
}

/** An outbox on any OutboxStore, without tabs or page triggers (flushes on enqueue and retry). */
export function storeOutbox(opts: StoreOutboxOptions = {}): OutboxProvider {
  return async ({ session, send }) => new Outbox({
    subject: session.subject, send,
    store: opts.store ? await opts.store(session) : new MemoryOutboxStore(),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.retentionMs !== undefined ? { retentionMs: opts.retentionMs } : {}),
  });
}
