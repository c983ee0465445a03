/** A token bucket per key: `perMinute` requests, refilled continuously. In memory (one process). */
import { ApiError } from '../errors.js';

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly perMinute: number) {}

  /** Takes one token or throws 429 `rate-limited` with Retry-After (seconds). */
  take(key: string): void {
    const rate = this.perMinute / 60_000;
    const t = Date.now();
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: t };
    b.tokens = Math.min(this.perMinute, b.tokens + (t - b.at) * rate);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens < 1) {
      throw new ApiError(429, 'rate-limited', undefined, { 'retry-after': String(Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000))) });
    }
    b.tokens -= 1;
    if (this.buckets.size > 50_000) this.sweep(t);
  }

  /** Drops full buckets (they would be recreated full anyway). */
  private sweep(t: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (t - b.at) * (this.perMinute / 60_000) >= this.perMinute) this.buckets.delete(k);
  }
}
