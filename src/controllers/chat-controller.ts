import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatBackend } from '../core/backend.js';
import { ChatClient } from '../core/chat-client.js';
import { browserOutbox } from '../storage/browser-outbox.js';
import { purgeWidgetData } from '../storage/purge.js';

/**
 * Binds one ChatClient to a Lit host: starts it when the host connects, re-renders the host on
 * every change, and stops the live connection when the host disconnects.
 */
export class ChatController implements ReactiveController {
  private unsubscribe: (() => void) | undefined;
  private clientFor: ChatBackend | undefined;
  client: ChatClient | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Points the controller at a backend; a new backend gets a fresh client. */
  setBackend(backend: ChatBackend | undefined): void {
    if (backend === this.clientFor) return;
    this.detach();
    this.client?.stop();
    this.clientFor = backend;
    this.client = backend ? new ChatClient({ backend, outbox: browserOutbox(), purge: purgeWidgetData }) : undefined;
    this.attach();
  }

  hostConnected(): void {
    this.attach();
  }

  hostDisconnected(): void {
    this.detach();
    this.client?.stop();
  }

  private attach(): void {
    const client = this.client;
    if (!client || this.unsubscribe) return;
    this.unsubscribe = client.on('change', () => this.host.requestUpdate());
    if (client.status === 'idle' || client.status === 'ready') void client.start();
    this.host.requestUpdate();
  }

  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
