/**
 * Retry timing as a pure function, the one the whole widget uses (the outbox's resends, the
 * HTTP adapter's stream reconnects): exponential backoff with full jitter, capped, and never
 * earlier than a server's Retry-After. `random` is injected so tests are deterministic.
 */
export interface BackoffPolicy {
  /** Delay ceiling for the first retry, ms. */
  baseMs: number;
  /** No computed delay exceeds this, ms (Retry-After may). */
  capMs: number;
}

/** The outbox's resends. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 30_000 };
/** The event stream's reconnects: sooner at first (a dropped connection is usually brief). */
export const STREAM_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000 };

/**
 * Delay before retry number `failures` (1 for the first retry).
 * Full jitter: uniform in [0, min(cap, base · 2^(failures-1))). With `retryAfterMs` the result is
 * at least that long (the server's word wins over the cap).
 */
export function retryDelay(
  failures: number,
  random: () => number,
  retryAfterMs?: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const exp = Math.max(0, Math.floor(failures) - 1);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(exp, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  const jittered = Math.floor(r * ceiling);
  return retryAfterMs !== undefined && retryAfterMs > 0 ? Math.max(retryAfterMs, jittered) : jittered;
}
