import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConsoleSnapshot, ConsoleStore } from '../core/console-store.js';

/** Binds one ConsoleStore to an element: re-renders on every change, unsubscribes when removed. */
export class StoreController implements ReactiveController {
  private off: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost, readonly store: ConsoleStore) {
    host.addController(this);
  }

  get snapshot(): ConsoleSnapshot {
    return this.store.snapshot;
  }

  hostConnected(): void {
    this.off = this.store.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.off?.();
    this.off = undefined;
  }
}
