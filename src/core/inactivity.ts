/**
 * Inactivity timeout (WCAG 2.2.1): after `timeoutMs - warningMs` without activity a warning is
 * raised, and after `timeoutMs` the session times out. The warning lasts at least 20 seconds
 * (default 60, at most half of a short timeout).
 * Activity in another tab of the same widget counts, through an injected channel
 * (BroadcastChannel in the browser). Time comes from an injected clock, so tests need no waits.
 */
import type { Channel } from './channel.js';
import { Emitter } from './emitter.js';

export const MIN_WARNING_MS = 20_000;
export const DEFAULT_WARNING_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 15 * 60_000;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** What tabs tell each other. */
export type ActivityMessage = { type: 'activity' } | { type: 'timeout' };

/** The inactivity timer only posts and listens; whoever made the channel closes it. */
export type ActivityChannel = Pick<Channel<ActivityMessage>, 'post' | 'subscribe'>;

export interface InactivityOptions {
  timeoutMs?: number;
  warningMs?: number;
  clock?: Clock;
  channel?: ActivityChannel;
  /** At most one activity message to other tabs per this many ms. */
  broadcastEveryMs?: number;
}

export class InactivityTimer extends Emitter<{ warn: void; timeout: void; change: void }> {
  readonly timeoutMs: number;
  readonly warningMs: number;
  /** True while the warning is raised. */
  warning = false;
  /** When the session times out unless extended (clock ms). */
  deadline = 0;
  private readonly clock: Clock;
  private readonly channel: ActivityChannel | undefined;
  private readonly broadcastEveryMs: number;
  private handle: unknown;
  private lastBroadcast = -Infinity;
  private unsubscribe: (() => void) | undefined;
  private running = false;

  constructor(opts: InactivityOptions = {}) {
    super();
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // the warning takes at most half of a short timeout, but never less than 20 seconds
    this.warningMs = Math.max(MIN_WARNING_MS, Math.min(opts.warningMs ?? DEFAULT_WARNING_MS, timeoutMs / 2));
    this.timeoutMs = Math.max(timeoutMs, this.warningMs);
    this.clock = opts.clock ?? systemClock;
    this.channel = opts.channel;
    this.broadcastEveryMs = opts.broadcastEveryMs ?? 5_000;
  }

  /** Seconds left until the timeout, for the warning's text. */
  get secondsLeft(): number {
    return Math.max(0, Math.ceil((this.deadline - this.clock.now()) / 1000));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.channel?.subscribe((msg) => this.handleRemote(msg));
    this.reset();
  }

  stop(): void {
    this.running = false;
    this.clock.clearTimeout(this.handle);
    this.handle = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.setWarning(false);
  }

  /** Activity on this page (keys, pointer, scroll). Ignored while the warning asks for an answer. */
  activity(): void {
    if (!this.running || this.warning) return;
    this.reset();
    this.broadcast();
  }

  /** "Fortsätt vara inloggad": restarts the full timeout here and in the other tabs. */
  extend(): void {
    if (!this.running) return;
    this.reset();
    this.lastBroadcast = -Infinity;
    this.broadcast();
  }

  private handleRemote(msg: ActivityMessage): void {
    if (!this.running) return;
    if (msg.type === 'timeout') return this.fire();
    this.reset();
  }

  private reset(): void {
    this.clock.clearTimeout(this.handle);
    this.deadline = this.clock.now() + this.timeoutMs;
    this.setWarning(false);
    this.handle = this.clock.setTimeout(() => this.raiseWarning(), this.timeoutMs - this.warningMs);
  }

  private raiseWarning(): void {
    this.setWarning(true);
    this.emit('warn', undefined);
    this.handle = this.clock.setTimeout(() => {
      this.channel?.post({ type: 'timeout' });
      this.fire();
    }, Math.max(0, this.deadline - this.clock.now()));
  }

  private fire(): void {
    this.stop();
    this.emit('timeout', undefined);
  }

  private broadcast(): void {
    const now = this.clock.now();
    if (now - this.lastBroadcast < this.broadcastEveryMs) return;
    this.lastBroadcast = now;
    this.channel?.post({ type: 'activity' });
  }

  private setWarning(on: boolean): void {
    if (this.warning === on) return;
    this.warning = on;
    this.emit('change', undefined);
  }
}
