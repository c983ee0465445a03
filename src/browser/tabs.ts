/**
 * Browser bindings for the outbox's cross-tab interfaces: Web Locks for electing one flusher
 * per origin and patient, BroadcastChannel for telling the other tabs what it does. Where a
 * browser lacks either, each tab acts alone (still exactly-once: the backend de-duplicates).
 */
import { broadcastChannel } from './broadcast.js';
import type { BroadcastPort, LockProvider, OutboxBroadcast } from '../core/outbox/types.js';

export function webLocks(): LockProvider | undefined {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return undefined;
  return {
    hold(name, signal, onGranted) {
      const released = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      locks
        .request(name, { signal }, () => {
          onGranted();
          return released; // held until this outbox is disposed, or the tab goes away
        })
        .catch(() => undefined); // aborted before it was granted
    },
  };
}

export function broadcastPort(name: string): BroadcastPort | undefined {
  return broadcastChannel<OutboxBroadcast>(name);
}
