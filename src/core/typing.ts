/**
 * Throttles the patient's typing signal: "typing" is sent at most once per interval while keys
 * are pressed, and "stopped" once after a quiet period or when the message is sent.
 * Framework-free; the clock and timers are injectable for tests.
 */
export interface TypingOptions {
  send: (typing: boolean) => void;
  /** At most one "typing" per this many ms. */
  intervalMs?: number;
  /** "Stopped" after this many ms without input. */
  idleMs?: number;
  now?: () => number;
}

export class TypingThrottle {
  private lastSent = -Infinity;
  private typing = false;
  private idle: ReturnType<typeof setTimeout> | undefined;
  private readonly intervalMs: number;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: TypingOptions) {
    this.intervalMs = opts.intervalMs ?? 3000;
    this.idleMs = opts.idleMs ?? 4000;
    this.now = opts.now ?? (() => Date.now());
  }

  /** The patient pressed a key. */
  input(): void {
    const now = this.now();
    if (!this.typing || now - this.lastSent >= this.intervalMs) {
      this.typing = true;
      this.lastSent = now;
      this.opts.send(true);
    }
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), this.idleMs);
  }

  /** The patient sent the message, or left: tell the clinic once. */
  stop(): void {
    clearTimeout(this.idle);
    this.idle = undefined;
    if (!this.typing) return;
    this.typing = false;
    this.opts.send(false);
  }
}
