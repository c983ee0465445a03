import { MemoryBackend } from '../../../src/adapters/memory/memory-backend.js';
import { BackendError } from '../../../src/core/errors.js';
import type { Clock, OutboxSender, Presence } from '../../../src/core/outbox/types.js';
import type { Message } from '../../../src/core/types.js';

export const waitFor = async (cond: () => boolean, ms = 5000, what: string | (() => string) = 'condition') => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** A server with one open conversation, no latency, no clinician replies. */
export async function server(opts: ConstructorParameters<typeof MemoryBackend>[0] = {}) {
  const backend = new MemoryBackend({ latencyMs: 0, persistence: null, autoReply: false, ...opts });
  const conv = await backend.startConversation({});
  const all = async (): Promise<Message[]> => (await backend.getMessages(conv.id, { limit: 200 })).messages;
  return { backend, conv, all };
}

/** A sender to the MemoryBackend that counts calls and can fail on demand. */
export function sender(backend: MemoryBackend, conversationId: string) {
  const calls: string[] = [];
  const failNext: BackendError[] = [];
  const send: OutboxSender = async (e) => {
    calls.push(e.clientId);
    const f = failNext.shift();
    if (f) throw f;
    return backend.sendMessage(e.conversationId || conversationId, { clientId: e.clientId, text: e.text });
  };
  return { send, calls, failNext };
}

export function presence(online = true, visible = true): Presence & { online: boolean; visible: boolean } {
  return { online, visible, isOnline() { return this.online; }, isVisible() { return this.visible; } };
}

/** Fast backoff for real-time tests. */
export const FAST = { baseMs: 2, capMs: 10 };

/**
 * Real time, but timers run at once through a MessageChannel: background tabs throttle
 * setTimeout to once a second, which would make backoff tests slow when wtr runs pages side by side.
 */
export const immediateClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn) {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      fn();
    };
    ch.port2.postMessage(null);
    return ch;
  },
  clearTimeout(h) {
    (h as MessageChannel).port1.onmessage = null;
  },
};
