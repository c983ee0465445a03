import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Re-renders its host every `everyMs` while connected (waiting times shown in minutes). */
export class ClockController implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | undefined;
  now = Date.now();

  constructor(private readonly host: ReactiveControllerHost, private readonly everyMs = 30_000) {
    host.addController(this);
  }

  hostConnected(): void {
    this.timer = setInterval(() => {
      this.now = Date.now();
      this.host.requestUpdate();
    }, this.everyMs);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }
}
