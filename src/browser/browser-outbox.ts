/**
 * Builds the patient's outbox in a browser: the IndexedDB store (or memory, when IndexedDB
 * cannot be opened), Web Locks, BroadcastChannel, and the flush triggers `online` and
 * `visibilitychange`. Used as ChatClient's `outbox` option; nothing is created or written
 * before the client starts (when the patient opens the widget), and the database itself only
 * on the first message.
 */
import type { OutboxProvider } from '../core/outbox/provider.js';
import { MemoryOutboxStore } from '../core/outbox/memory-store.js';
import { Outbox, type DegradedReason } from '../core/outbox/outbox.js';
import type { OutboxStore, Presence } from '../core/outbox/types.js';
import { partitionOf } from '../storage/outbox-crypto.js';
import { IdbOutboxStore } from '../storage/idb-outbox-store.js';
import { broadcastPort, webLocks } from './tabs.js';

export interface BrowserOutboxOptions {
  /** Entries not sent within this time show as not sent (default 7 days). */
  retentionMs?: number;
  /** @internal tests and bench: another database name (still `vard-chat-data-…`). */
  dbName?: string;
}

export const browserPresence: Presence = {
  isOnline: () => navigator.onLine !== false,
  isVisible: () => document.visibilityState !== 'hidden',
};

export function browserOutbox(opts: BrowserOutboxOptions = {}): OutboxProvider {
  return async ({ session, send }) => {
    let store: OutboxStore;
    let degraded: DegradedReason | undefined;
    try {
      store = await IdbOutboxStore.open({
        subject: session.subject,
        ...(session.storageKey ? { storageKey: session.storageKey } : {}),
        ...(opts.dbName ? { dbName: opts.dbName } : {}),
      });
    } catch {
      store = new MemoryOutboxStore();
      degraded = 'unavailable';
    }
    const name = `vard-chat-outbox:${await partitionOf(session.subject, session.storageKey)}`;
    const locks = webLocks();
    const channel = broadcastPort(name);
    const outbox = new Outbox({
      subject: session.subject, store, send, presence: browserPresence, lockName: name,
      ...(locks ? { locks } : {}), ...(channel ? { channel } : {}), ...(degraded ? { degraded } : {}),
      ...(opts.retentionMs !== undefined ? { retentionMs: opts.retentionMs } : {}),
    });
    const online = () => outbox.kick('online');
    const offline = () => outbox.emit('change', undefined);
    const visible = () => document.visibilityState === 'visible' && outbox.kick('visible');
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    document.addEventListener('visibilitychange', visible);
    outbox.onDispose(() => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      document.removeEventListener('visibilitychange', visible);
    });
    return outbox;
  };
}
