import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatSession } from '../core/chat-session.js';
import type { ChatSnapshot } from '../core/snapshot.js';

/**
 * Adapts one ChatSession to a Lit host: starts it when the host connects, takes each new
 * snapshot (and re-renders the host), stops the live connection when the host disconnects.
 * The session is built elsewhere (the composition root); this only follows it.
 */
export class ChatController implements ReactiveController {
  session: ChatSession | undefined;
  /** The session's state as last published. */
  snapshot: ChatSnapshot | undefined;
  private off: (() => void) | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Runs on every new snapshot, before the host re-renders (public events, announcements). */
    private readonly changed: (s: ChatSnapshot) => void = () => undefined,
  ) {
    host.addController(this);
  }

  /** Follows another session (or none); the previous one is stopped. */
  use(session: ChatSession | undefined): void {
    if (session === this.session) return;
    this.detach();
    this.session?.stop();
    this.session = session;
    this.snapshot = session?.snapshot;
    if (this.connected) this.attach();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    this.attach();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.detach();
    this.session?.stop();
  }

  private attach(): void {
    const session = this.session;
    if (!session || this.off) return;
    this.off = session.on('change', (s) => {
      this.snapshot = s;
      this.changed(s);
      this.host.requestUpdate();
    });
    this.snapshot = session.snapshot;
    void session.start();
  }

  private detach(): void {
    this.off?.();
    this.off = undefined;
  }
}
