/**
 * The live event stream over Server-Sent Events, read with `fetch` streaming (so a bearer token
 * can be sent as well as the cookie). Reconnects with capped exponential backoff and full
 * jitter, never while the page is hidden or offline, at once when it becomes visible or online;
 * a stream silent for longer than the heartbeat limit counts as dead. Every reconnect resumes
 * with Last-Event-ID; a malformed event is skipped with a warning.
 */
import { parseEvent } from '../../core/validate.js';
import type { BackendEvent } from '../../core/types.js';
import { retryDelay, type BackoffPolicy } from '../../core/backoff.js';
import type { StreamEnvironment } from './environment.js';
import { authHeaders, joinUrl, type RequestConfig } from './request.js';
import { SseParser } from './sse-parser.js';

export interface EventStreamOptions {
  cfg: RequestConfig;
  path: string;
  signal: AbortSignal;
  since?: string | undefined;
  onEvent: (e: BackendEvent) => void;
  /** Called each time a connection is established (the server follows from then on). */
  onOpen?: (() => void) | undefined;
  warn: (reason: string) => void;
  backoff: BackoffPolicy;
  /** No bytes (events or heartbeats) for this long → the connection is dead. */
  heartbeatTimeoutMs: number;
  env: StreamEnvironment;
  random?: (() => number) | undefined;
}

/** A connection that delivered an event or lived this long resets the backoff. */
const HEALTHY_MS = 10_000;

export function runEventStream(o: EventStreamOptions): void {
  void loop(o);
}

async function loop(o: EventStreamOptions): Promise<void> {
  const state = { lastId: o.since, wake: undefined as (() => void) | undefined };
  const stopWake = o.env.onWake(() => state.wake?.());
  /** Waits `ms` (Infinity: until woken); a wake (visible/online) or abort ends the wait early. */
  const wait = (ms: number) => new Promise<void>((resolve) => {
    const done = () => {
      if (t !== undefined) clearTimeout(t);
      o.signal.removeEventListener('abort', done);
      state.wake = undefined;
      resolve();
    };
    const t = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    state.wake = done;
    o.signal.addEventListener('abort', done, { once: true });
  });
  let attempt = 0;
  try {
    while (!o.signal.aborted) {
      if (!o.env.visible() || !o.env.online()) {
        await wait(Infinity);
        continue;
      }
      const healthy = await connect(o, state);
      if (o.signal.aborted) break;
      if (healthy) attempt = 0;
      await wait(retryDelay(++attempt, o.random ?? Math.random, undefined, o.backoff));
    }
  } finally {
    stopWake();
  }
}

/** One connection, until it ends, errors or goes silent. Resolves whether it was healthy. */
async function connect(o: EventStreamOptions, state: { lastId: string | undefined }): Promise<boolean> {
  const ctrl = new AbortController();
  const onAbort = () => ctrl.abort();
  o.signal.addEventListener('abort', onAbort, { once: true });
  const started = Date.now();
  let delivered = false;
  let reader: ReadableStreamDefaultReader<string> | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      ctrl.abort();
      void reader?.cancel().catch(() => undefined);
    }, o.heartbeatTimeoutMs);
  };
  try {
    const headers: Record<string, string> = { accept: 'text/event-stream', ...(await authHeaders(o.cfg)) };
    if (state.lastId) headers['last-event-id'] = state.lastId;
    arm();
    const res = await o.cfg.fetch(joinUrl(o.cfg.baseUrl, o.path), { headers, credentials: o.cfg.credentials, signal: ctrl.signal, cache: 'no-store' });
    if (!res.ok || !res.body) {
      void res.body?.cancel().catch(() => undefined);
      return false;
    }
    const parser = new SseParser((ev) => {
      state.lastId = ev.id || state.lastId;
      let data: unknown;
      try {
        data = JSON.parse(ev.data);
      } catch {
        return o.warn('event data is not JSON');
      }
      const e = parseEvent(data, o.warn);
      if (!e || o.signal.aborted) return;
      delivered = true;
      o.onEvent(e);
    }, state.lastId ?? '');
    reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    o.onOpen?.();
    for (;;) {
      const { value, done } = await reader.read();
      if (done || ctrl.signal.aborted) break;
      arm();
      parser.push(value);
      // an `id:` without data (the server's position when a stream starts) is a resume point too
      state.lastId = parser.committedId || state.lastId;
    }
  } catch {
    // network error, abort or a dead connection: reconnect below
  } finally {
    clearTimeout(watchdog);
    o.signal.removeEventListener('abort', onAbort);
    ctrl.abort();
  }
  return delivered || Date.now() - started >= HEALTHY_MS;
}
