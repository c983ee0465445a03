import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Outbox } from '../core/outbox/outbox.js';

/**
 * Shows a ChatClient's outbox to a Lit host: pending count, whether the patient is offline (or
 * the last try failed for want of a connection), and whether the outbox runs in memory only
 * (IndexedDB unavailable, full, or taken by another tab). Re-renders the host on every change.
 */
export class OutboxController implements ReactiveController {
  private current: Outbox | undefined;
  private off: (() => void) | undefined;
  private readonly update = () => {
    this.guardUnload();
    this.host.requestUpdate();
  };
  private guarding = false;
  /** Asks the browser to confirm leaving while unsent messages live only in this page's memory. */
  private readonly onBeforeUnload = (e: BeforeUnloadEvent) => {
    e.preventDefault();
    e.returnValue = ''; // older browsers need it set; the browser shows its own generic question
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly outbox: () => Outbox | undefined,
  ) {
    host.addController(this);
  }

  /** Messages written but not yet acknowledged (failed ones not counted). */
  get pendingCount(): number {
    return this.current?.pendingCount ?? 0;
  }

  /** The browser is offline, or messages wait because the last try found no connection. */
  get offline(): boolean {
    const browserOffline = typeof navigator !== 'undefined' && navigator.onLine === false;
    const reason = this.current?.waiting ? this.current.waitReason : undefined;
    return browserOffline || ((reason === 'offline' || reason === 'network') && this.pendingCount > 0);
  }

  /** Messages are kept in memory only: closing the page loses what is not sent yet. */
  get onlineOnly(): boolean {
    return this.current?.mode === 'memory';
  }

  hostConnected(): void {
    window.addEventListener('online', this.update);
    window.addEventListener('offline', this.update);
    this.follow();
  }

  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.update);
    window.removeEventListener('offline', this.update);
    this.off?.();
    this.off = undefined;
    this.current = undefined;
    this.guardUnload();
  }

  /**
   * The "leave page?" guard is on only while it protects something (memory-only mode with
   * messages not yet sent): a page with a beforeunload listener may lose the back/forward cache.
   */
  private guardUnload(): void {
    const need = this.onlineOnly && this.pendingCount > 0;
    if (need === this.guarding) return;
    this.guarding = need;
    if (need) window.addEventListener('beforeunload', this.onBeforeUnload);
    else window.removeEventListener('beforeunload', this.onBeforeUnload);
  }

  private follow(): void {
    const next = this.outbox();
    if (next === this.current) return;
    this.off?.();
    this.current = next;
    this.off = next?.on('change', this.update);
    this.guardUnload();
  }
}
