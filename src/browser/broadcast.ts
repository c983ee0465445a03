/**
 * The one BroadcastChannel wrapper: a Channel (core/channel.ts) between the tabs of this origin,
 * or undefined where the browser has none (each tab then acts alone).
 */
import type { Channel } from '../core/channel.js';

export function broadcastChannel<T>(name: string): Channel<T> | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const bc = new BroadcastChannel(name);
  return {
    post: (msg) => bc.postMessage(msg),
    subscribe(handler) {
      const listener = (e: MessageEvent<T>) => handler(e.data);
      bc.addEventListener('message', listener);
      return () => bc.removeEventListener('message', listener);
    },
    close: () => bc.close(),
  };
}
