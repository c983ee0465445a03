/**
 * Login vocabulary shared by every layer: the e-ID methods, what a login strategy does, and the
 * errors a patient can meet. Framework-free: no Lit, no DOM.
 */
import type { PatientSession } from './types.js';

/** e-legitimation methods the login view can offer. */
export type LoginMethod = 'bankid' | 'freja';
export const LOGIN_METHODS: readonly LoginMethod[] = ['bankid', 'freja'];

/** What went wrong with a login, in terms the patient's message is chosen by. */
export const AuthErrorCode = {
  /** The patient cancelled at the identity provider (`access_denied`). */
  Cancelled: 'cancelled',
  /** The provider needs the patient to log in again (`login_required`, `interaction_required`). */
  LoginRequired: 'login-required',
  /** The connection failed (for example the token call). */
  Network: 'network',
  /** The return could not be trusted (state, nonce, issuer, replayed code, no login started). */
  Invalid: 'invalid',
  /** The e-ID method used was not the one chosen (the backend's `acr_mismatch`). */
  WrongMethod: 'wrong-method',
  /** Anything else the provider or backend reported. */
  Failed: 'failed',
  /** No login is configured for this widget. */
  NotConfigured: 'not-configured',
} as const;
export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode];

/** Tokens held in memory only, handed to the backend adapter (browser OIDC strategy). */
export interface Credentials {
  accessToken: string;
  session: PatientSession;
}

export type CallbackResult = { ok: true; credentials?: Credentials } | { ok: false; error: AuthErrorCode };

/** A way to log in: BFF redirect, browser OIDC, or a backend's own (the mock's pretend e-ID). */
export interface AuthStrategy {
  /** True when this page load is a return from the login that this strategy must complete. */
  pendingCallback(): boolean;
  /** Completes the return; the callback parameters leave the address bar whatever the outcome. */
  completeCallback(): Promise<CallbackResult>;
  /** Leaves the page for the identity provider (in a browser this does not come back). */
  login(method: LoginMethod): Promise<void>;
  /** Ends the login where the strategy holds one (BFF: the backend's logout). */
  logout(): Promise<void>;
}

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(readonly code: AuthErrorCode) {
    super(code);
  }
}

export function toAuthErrorCode(err: unknown): AuthErrorCode {
  return err instanceof AuthError ? err.code : AuthErrorCode.Failed;
}
