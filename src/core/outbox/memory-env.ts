/**
 * In-memory stand-ins for the outbox's environment: a lock manager and a broadcast hub shared
 * by several outboxes (tabs), and a manual clock. For tests and environments without the Web APIs.
 */
import type { BroadcastPort, Clock, LockProvider, OutboxBroadcast } from './types.js';

/** Exclusive locks granted in request order, released when the holder's signal aborts. */
export class MemoryLocks implements LockProvider {
  private readonly queues = new Map<string, { signal: AbortSignal; onGranted: () => void }[]>();

  hold(name: string, signal: AbortSignal, onGranted: () => void): void {
    if (signal.aborted) return;
    const q = this.queues.get(name) ?? [];
    this.queues.set(name, q);
    const req = { signal, onGranted };
    q.push(req);
    signal.addEventListener('abort', () => {
      const i = q.indexOf(req);
      if (i < 0) return;
      q.splice(i, 1);
      if (i === 0) this.grant(q);
    }, { once: true });
    if (q.length === 1) this.grant(q);
  }

  private grant(q: { onGranted: () => void }[]): void {
    const head = q[0];
    if (head) queueMicrotask(() => q[0] === head && head.onGranted());
  }
}

/** A broadcast hub: every port but the sender gets each message, asynchronously (like BroadcastChannel). */
export class MemoryBroadcastHub {
  private readonly ports = new Set<(m: OutboxBroadcast) => void>();

  port(): BroadcastPort {
    const handlers = new Set<(m: OutboxBroadcast) => void>();
    const deliver = (m: OutboxBroadcast) => handlers.forEach((h) => h(m));
    this.ports.add(deliver);
    return {
      post: (m) => {
        const copy = structuredClone(m);
        for (const p of this.ports) if (p !== deliver) setTimeout(() => p(copy), 0);
      },
      subscribe: (h) => {
        handlers.add(h);
        return () => handlers.delete(h);
      },
      close: () => void this.ports.delete(deliver),
    };
  }
}

/** A clock whose time only moves when the test says so. */
export class ManualClock implements Clock {
  private t: number;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward, running due timers in time order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, v]) => v.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = end;
  }

  /** Delays of the timers pending now, ms from now. */
  pending(): number[] {
    return [...this.timers.values()].map((v) => v.at - this.t);
  }
}
