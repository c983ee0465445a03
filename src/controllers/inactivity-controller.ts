import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { broadcastChannel } from '../browser/broadcast.js';
import { InactivityTimer, type ActivityMessage, type Clock } from '../core/inactivity.js';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
export const ACTIVITY_CHANNEL = 'vard-chat:activity';

/**
 * Runs an InactivityTimer while the patient is logged in: page activity (keys, pointer, wheel,
 * touch) resets it, the other tabs' activity too. The host shows the warning and handles the
 * timeout through the callbacks.
 */
export class InactivityController implements ReactiveController {
  timer: InactivityTimer | undefined;
  /** Tests inject a clock; the browser's otherwise. */
  static clock: Clock | undefined;
  private offTimer: (() => void)[] = [];
  private minutes = 0;
  private readonly onActivity = () => this.timer?.activity();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: { warn(): void; timeout(): void },
  ) {
    host.addController(this);
  }

  get warning(): boolean {
    return this.timer?.warning ?? false;
  }

  /** Runs the timer while `active`; a new timeout (minutes) restarts it. */
  set(active: boolean, minutes: number): void {
    const valid = Number.isFinite(minutes) && minutes > 0 ? minutes : 15;
    if (active && this.timer && this.minutes === valid) return;
    if (!active && !this.timer) return;
    this.stop();
    if (!active) return;
    this.minutes = valid;
    const timeoutMs = Math.round(valid * 60_000);
    const channel = broadcastChannel<ActivityMessage>(ACTIVITY_CHANNEL);
    const timer = new InactivityTimer({ timeoutMs, ...(InactivityController.clock ? { clock: InactivityController.clock } : {}), ...(channel ? { channel } : {}) });
    this.timer = timer;
    this.offTimer = [
      timer.on('change', () => this.host.requestUpdate()),
      timer.on('warn', () => this.callbacks.warn()),
      timer.on('timeout', () => this.callbacks.timeout()),
      () => channel?.close(),
    ];
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, this.onActivity, { capture: true, passive: true });
    timer.start();
  }

  extend(): void {
    this.timer?.extend();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private stop(): void {
    for (const off of this.offTimer) off();
    this.offTimer = [];
    this.timer?.stop();
    this.timer = undefined;
    for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, this.onActivity, { capture: true });
  }
}
