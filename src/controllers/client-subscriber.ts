import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatClient } from '../core/chat-client.js';

/**
 * Re-renders a host whenever the ChatClient in its `client` property changes. Used by the
 * panel's inner elements, which get the client from `<vard-chat-view>`.
 */
export class ClientSubscriber implements ReactiveController {
  private off: (() => void) | undefined;
  private current: ChatClient | undefined;

  constructor(private readonly host: ReactiveControllerHost & { client: ChatClient | undefined }) {
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.host.client === this.current) return;
    this.off?.();
    this.current = this.host.client;
    this.off = this.current?.on('change', () => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.off?.();
    this.off = undefined;
    this.current = undefined;
  }
}
