import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { OutboxSnapshot } from '../core/snapshot.js';

/**
 * Shows a session's outbox to a Lit host: pending count, whether the patient is offline (or the
 * last try failed for want of a connection), and whether the outbox runs in memory only
 * (IndexedDB unavailable, full, or taken by another tab). Re-renders the host when the browser
 * goes on- or offline; the outbox's own changes arrive with the session's snapshot.
 */
export class OutboxController implements ReactiveController {
  private readonly update = () => this.host.requestUpdate();
  private guarding = false;
  /** Asks the browser to confirm leaving while unsent messages live only in this page's memory. */
  private readonly onBeforeUnload = (e: BeforeUnloadEvent) => {
    e.preventDefault();
    e.returnValue = ''; // older browsers need it set; the browser shows its own generic question
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly outbox: () => OutboxSnapshot | undefined,
  ) {
    host.addController(this);
  }

  /** Messages written but not yet acknowledged (failed ones not counted). */
  get pendingCount(): number {
    return this.outbox()?.pending ?? 0;
  }

  /** The browser is offline, or messages wait because the last try found no connection. */
  get offline(): boolean {
    const browserOffline = typeof navigator !== 'undefined' && navigator.onLine === false;
    const reason = this.outbox()?.waitReason;
    return browserOffline || ((reason === 'offline' || reason === 'network') && this.pendingCount > 0);
  }

  /** Messages are kept in memory only: closing the page loses what is not sent yet. */
  get onlineOnly(): boolean {
    return this.outbox()?.memoryOnly ?? false;
  }

  hostConnected(): void {
    window.addEventListener('online', this.update);
    window.addEventListener('offline', this.update);
  }

  hostUpdated(): void {
    this.guardUnload(this.onlineOnly && this.pendingCount > 0);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.update);
    window.removeEventListener('offline', this.update);
    this.guardUnload(false);
  }

  /**
   * The "leave page?" guard is on only while it protects something (memory-only mode with
   * messages not yet sent): a page with a beforeunload listener may lose the back/forward cache.
   */
  private guardUnload(need: boolean): void {
    if (need === this.guarding) return;
    this.guarding = need;
    if (need) window.addEventListener('beforeunload', this.onBeforeUnload);
    else window.removeEventListener('beforeunload', this.onBeforeUnload);
  }
}
