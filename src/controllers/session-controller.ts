import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LoginMethod } from '../core/auth.js';
import type { ChatBackend } from '../core/backend.js';
import type { ChatClient } from '../core/chat-client.js';
import { SessionMachine, SessionPhase, type LogoutReason } from '../core/session.js';
import { loadStrategy, type AuthConfig } from '../auth/index.js';
import { saveUiState, takeUiState } from '../auth/return-state.js';

/**
 * Binds one SessionMachine to the chat view: completes a login return when the view connects,
 * gates the chat until then, starts logins (saving only "the panel was open" for the trip) and
 * logs out (backend, store, purge).
 */
export class SessionController implements ReactiveController {
  readonly machine: SessionMachine;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: { backend: () => ChatBackend | undefined; auth: () => AuthConfig | undefined; client: () => ChatClient | undefined },
  ) {
    this.machine = new SessionMachine({
      strategy: () => loadStrategy(this.deps.auth(), this.deps.backend()),
      setCredentials: (c) => this.deps.backend()?.setCredentials?.(c),
      endSession: async () => {
        await this.deps.client()?.logout();
      },
      onLoggedIn: () => void this.deps.client()?.start(),
    });
    host.addController(this);
  }

  /** The backend the chat may use now: none while a login return is being completed. */
  gate(backend: ChatBackend | undefined): ChatBackend | undefined {
    return this.machine.phase === SessionPhase.Starting ? undefined : backend;
  }

  login(method: LoginMethod): void {
    saveUiState({ open: true, view: 'chat' });
    // the page did not leave after all (an error): do not reopen the panel on the next page load
    void this.machine.login(method).then(() => this.machine.error && takeUiState());
  }

  logout(reason: LogoutReason = 'logout'): Promise<void> {
    return this.machine.logout(reason);
  }

  hostConnected(): void {
    this.unsubscribe ??= this.machine.on('change', () => this.host.requestUpdate());
    if (this.deps.backend()) void this.machine.start();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Starts once a backend is known (the view may get it after connecting). */
  backendChanged(): void {
    if (this.deps.backend()) void this.machine.start();
  }
}
