/**
 * A message channel between the tabs of one origin (BroadcastChannel in the browser, a memory
 * hub in tests). One shape for every use: the outbox's progress, the inactivity timer's activity.
 */
export interface Channel<T> {
  /** Sends to every other tab (never to this one). */
  post(msg: T): void;
  /** Listens; returns the unsubscribe. */
  subscribe(handler: (msg: T) => void): () => void;
  close(): void;
}
