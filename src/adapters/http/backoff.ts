/** Reconnect timing: capped exponential backoff with full jitter. Pure, so its bounds are testable. */
export interface BackoffOptions {
  /** Delay scale for the first retry, ms. */
  baseMs: number;
  /** Upper bound of any delay, ms. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000 };

/**
 * The delay before retry number `attempt` (0-based): uniformly random in
 * [0, min(cap, base·2^attempt)] ("full jitter"), so many clients don't reconnect in step.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
}
