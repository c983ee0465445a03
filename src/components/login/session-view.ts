import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { ChatBackend } from '../../core/backend.js';
import type { ChatClient } from '../../core/chat-client.js';
import { SessionPhase } from '../../core/session.js';
import type { AuthConfig } from '../../auth/config.js';
import { InactivityController } from '../../controllers/inactivity-controller.js';
import { SessionController } from '../../controllers/session-controller.js';
import type { Locale, MessageKey, Translate } from '../../i18n/index.js';
import { renderSessionBar } from './session-bar.js';
import './define.js';

/** What the chat view gives the login parts. */
export interface SessionHost extends ReactiveControllerHost, EventTarget {
  backend: ChatBackend | undefined;
  auth: AuthConfig | undefined;
  clinicName: string | undefined;
  inactivityMinutes: number;
  locale: Locale;
}

/**
 * The login side of the chat view, kept out of chat-view.ts: the session and inactivity
 * controllers, the login view, the name + "Logga ut" bar and the inactivity warning.
 */
export class SessionView {
  readonly session: SessionController;
  readonly inactivity: InactivityController;

  constructor(private readonly host: SessionHost, private readonly client: () => ChatClient | undefined) {
    this.session = new SessionController(host, { backend: () => host.backend, auth: () => host.auth, client });
    this.inactivity = new InactivityController(host, {
      // the warning must be seen: ask <vard-chat> to open the panel if it is closed
      warn: () => host.dispatchEvent(new Event('vard-request-open', { bubbles: true, composed: true })),
      timeout: () => void this.session.logout('timeout'),
    });
  }

  /** The backend the chat may use now (none while a login return is completed). */
  gate(backend: ChatBackend | undefined): ChatBackend | undefined {
    return this.session.gate(backend);
  }

  /** Call from willUpdate: starts the session once there is a backend, runs the timer while logged in. */
  sync(): void {
    this.session.backendChanged();
    const loggedIn = this.client()?.status === 'ready' && this.session.machine.phase === SessionPhase.Ready;
    this.inactivity.set(loggedIn, this.host.inactivityMinutes);
  }

  renderLogin() {
    const m = this.session.machine;
    const client = this.client();
    const error = m.error ?? (client?.loadError === 'auth' && client.waitingForLogin > 0 ? 'login-required' : undefined);
    return html`<vard-login .locale=${this.host.locale} .clinicName=${this.host.clinicName}
      .methods=${this.host.auth?.methods ?? []} .error=${error} .loggedOut=${m.loggedOut}
      ?held=${(client?.waitingForLogin ?? 0) > 0} ?redirecting=${m.phase === SessionPhase.Redirecting}
      @vard-login-method=${(e: Event & { method: 'bankid' | 'freja' }) => this.session.login(e.method)}></vard-login>`;
  }

  renderBar(t: Translate<MessageKey>) {
    const timer = this.inactivity.timer;
    return html`${renderSessionBar(this.client()?.session?.name, t, () => void this.session.logout())}
      ${timer ? html`<vard-inactivity-dialog .locale=${this.host.locale} .seconds=${timer.secondsLeft}
        ?open=${this.inactivity.warning} @vard-extend=${() => this.inactivity.extend()}
        @vard-logout=${() => void this.session.logout()}></vard-inactivity-dialog>` : nothing}`;
  }
}
