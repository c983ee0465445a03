/**
 * The outbox's data and the small interfaces through which it reaches its environment
 * (storage, clock, randomness, cross-tab lock and broadcast). Framework-free: no DOM, no IndexedDB.
 */
import type { Channel } from '../channel.js';
import type { Message } from '../types.js';

/** What is persisted for a message the backend has not acknowledged yet. */
export interface OutboxEntry {
  /** Idempotency key, sent on every try. Also the record key. */
  clientId: string;
  /** The patient the entry belongs to (the session's subject). */
  subject: string;
  /** '' while the patient's first conversation does not exist yet. */
  conversationId: string;
  text: string;
  /** When the patient wrote it (ms since epoch). */
  createdAt: number;
  /** When the patient last asked for it to be sent (write or retry); retention counts from here. */
  touchedAt: number;
  /** Monotonic write order; FIFO is by this, then by clientId. */
  order: number;
  /** Persisted states only: `sending` is transient and travels by broadcast. */
  state: 'queued' | 'failed';
  /** Why it failed: a BackendErrorKind, a backend code, or `expired`. Never patient content. */
  error?: string;
  /** Files of the message (issue #18), uploaded before it is sent; encrypted at rest like the text. */
  attachments?: OutboxFile[];
}

/** A file waiting with its message: already checked and (images) re-encoded in the browser. */
export interface OutboxFile {
  name: string;
  type: string;
  size: number;
  width?: number;
  height?: number;
  alt?: string;
  bytes: Uint8Array;
  /** An image's small copy (JPEG, at most 320 px on the long side), made with it; uploaded after it when the backend takes one. */
  thumbnail?: Uint8Array;
}

/** The state a UI shows for an entry. */
export type OutboxEntryState = 'queued' | 'sending' | 'failed';

export interface OutboxItem {
  clientId: string;
  conversationId: string;
  text: string;
  createdAt: number;
  state: OutboxEntryState;
  error?: string;
  /** The files waiting with it (the bytes too, for a preview). */
  attachments?: readonly OutboxFile[];
}

/** Persistence of entries. Implementations: MemoryOutboxStore (core), IdbOutboxStore (storage). */
export interface OutboxStore {
  /** Durable write: resolves only once committed. */
  put(entry: OutboxEntry): Promise<void>;
  /** Removes an acknowledged or discarded entry. May be less durable than `put` (a lost delete only causes an idempotent resend). */
  delete(subject: string, clientId: string): Promise<void>;
  /** Removes several entries at once (one transaction where the store has them). */
  deleteMany?(subject: string, clientIds: string[]): Promise<void>;
  /** Every entry of one patient, in FIFO order. */
  list(subject: string): Promise<OutboxEntry[]>;
  /** Deletes every entry of one patient. */
  clear(subject: string): Promise<void>;
  close(): void;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** An exclusive lock shared by every tab of the origin. */
export interface LockProvider {
  /**
   * Asks for the lock `name`; `onGranted` runs when it is granted (maybe never). The lock is held
   * until `signal` aborts (or the tab dies). Aborting before the grant withdraws the request.
   */
  hold(name: string, signal: AbortSignal, onGranted: () => void): void;
}

/** Messages between the outbox instances (tabs) of one patient. Same origin, memory only. */
export type OutboxBroadcast =
  | { type: 'changed' }
  | { type: 'sending'; clientId: string }
  | { type: 'acked'; clientId: string; message: Message }
  | { type: 'waiting'; clientIds: string[]; reason?: string };

/** The outbox instances (tabs) of one patient talk over this. */
export type BroadcastPort = Channel<OutboxBroadcast>;

/** Sends one entry; resolves with the server's copy. Rejects with a BackendError. */
export type OutboxSender = (entry: OutboxEntry) => Promise<Message>;

/** Where the page stands: used to decide whether trying now makes sense. */
export interface Presence {
  isOnline(): boolean;
  isVisible(): boolean;
}
