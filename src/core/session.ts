/**
 * The login side of a patient's session, without any UI: completes a return from the identity
 * provider, starts a login, logs out. Whether a session exists is the ChatClient's to ask the
 * backend; this machine decides when it may ask, and what the patient is told.
 */
import { AuthErrorCode, toAuthErrorCode, type AuthStrategy, type Credentials, type LoginMethod } from './auth.js';
import { Emitter } from './emitter.js';

export const SessionPhase = {
  /** Completing a return from the identity provider (if this page load is one). */
  Starting: 'starting',
  /** The chat client may ask the backend for the session. */
  Ready: 'ready',
  /** The page is leaving for the identity provider. */
  Redirecting: 'redirecting',
  /** Logging out: backend call, then the patient's data is purged. */
  LoggingOut: 'logging-out',
} as const;
export type SessionPhase = (typeof SessionPhase)[keyof typeof SessionPhase];

/** Why the patient was logged out, for the message on the login view. */
export type LogoutReason = 'logout' | 'timeout';

export interface SessionMachineOptions {
  /** Loads the login strategy (lazily: the OIDC client is only downloaded when configured). */
  strategy: () => Promise<AuthStrategy>;
  /** Hands in-memory credentials (browser OIDC) to the backend; null forgets them. */
  setCredentials: (c: Credentials | null) => void;
  /** Ends the chat side of the session: backend logout, clear the store, purge stored data. */
  endSession: () => Promise<void>;
  /** Called when a login completed on this page load, so the chat can load the session. */
  onLoggedIn?: () => void;
}

export class SessionMachine extends Emitter<{ change: void }> {
  phase: SessionPhase = SessionPhase.Starting;
  /** The last login error, shown on the login view with a way to try again. */
  error: AuthErrorCode | undefined;
  /** Set after a logout, for a calm confirmation on the login view. */
  loggedOut: LogoutReason | undefined;
  private started = false;

  constructor(private readonly opts: SessionMachineOptions) {
    super();
  }

  /** Completes a pending return from the identity provider, then lets the chat load. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    try {
      const strategy = await this.opts.strategy();
      if (strategy.pendingCallback()) {
        const result = await strategy.completeCallback();
        if (result.ok) {
          if (result.credentials) this.opts.setCredentials(result.credentials);
          this.opts.onLoggedIn?.();
        } else {
          this.error = result.error;
        }
      }
    } catch (err) {
      this.error = toAuthErrorCode(err);
    }
    this.set(SessionPhase.Ready);
  }

  async login(method: LoginMethod): Promise<void> {
    if (this.phase === SessionPhase.Redirecting) return;
    this.error = undefined;
    this.loggedOut = undefined;
    this.set(SessionPhase.Redirecting);
    try {
      await (await this.opts.strategy()).login(method);
    } catch (err) {
      this.error = toAuthErrorCode(err);
      this.set(SessionPhase.Ready);
      return;
    }
    // a login that completes without leaving the page (a backend's own, in tests): load the session
    if ((this.phase as SessionPhase) === SessionPhase.Redirecting) {
      this.set(SessionPhase.Ready);
      this.opts.onLoggedIn?.();
    }
  }

  /** Logs out and purges the patient's data; the strategy's own logout runs even if the chat's fails. */
  async logout(reason: LogoutReason = 'logout'): Promise<void> {
    if (this.phase === SessionPhase.LoggingOut) return;
    this.loggedOut = reason; // known while logging out, so the view can say why
    this.set(SessionPhase.LoggingOut);
    this.opts.setCredentials(null);
    try {
      await this.opts.endSession();
    } catch {
      // the backend could not be reached (offline, down): what the browser held is purged all
      // the same (ChatClient.logout), and the patient is logged out here; nothing to throw to
    } finally {
      await (await this.opts.strategy()).logout().catch(() => undefined);
      this.error = undefined;
      this.loggedOut = reason;
      this.set(SessionPhase.Ready);
    }
  }

  /** Marks that the backend said the session is gone (an `auth` error mid-chat). */
  expired(): void {
    this.error = AuthErrorCode.LoginRequired;
    this.emit('change', undefined);
  }

  private set(phase: SessionPhase): void {
    this.phase = phase;
    this.emit('change', undefined);
  }
}
