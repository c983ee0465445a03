/**
 * BFF redirect (the default, as the OAuth 2.0 for Browser-Based Apps guidance recommends for
 * apps handling personal data): the whole page goes to the backend's login URL with the method
 * and a same-origin return address; the backend runs OIDC with the e-ID broker and sets an
 * HttpOnly session cookie. Tokens never reach the browser. On return the chat asks the backend
 * adapter for the session. A failed login comes back with `vard_login_error=<OAuth error>` (or
 * the reference server's `acr_mismatch`, `token_error`, `missing_personal_number`, `server_error`).
 */
import { AuthError, AuthErrorCode, type AuthStrategy, type CallbackResult, type LoginMethod } from '../core/auth.js';
import type { ChatBackend } from '../core/backend.js';
import { BackendError } from '../core/errors.js';
import type { AuthConfig } from './config.js';
import { clearCallbackParams, httpUrl, returnAddress } from './url.js';

export interface BrowserEnv {
  location: Location;
  history: History;
  fetch: typeof fetch;
}

const browser = (): BrowserEnv => ({ location, history, fetch: (...a) => fetch(...a) });

/** Maps an OAuth error code (from a provider or a BFF) to what the patient is told. */
export function mapOAuthError(error: string | null | undefined): AuthErrorCode {
  if (error === 'access_denied') return AuthErrorCode.Cancelled;
  if (error === 'login_required' || error === 'interaction_required' || error === 'consent_required') return AuthErrorCode.LoginRequired;
  if (error === 'temporarily_unavailable') return AuthErrorCode.Network;
  if (error === 'acr_mismatch') return AuthErrorCode.WrongMethod;
  return AuthErrorCode.Failed;
}

/** The return-with-error handling shared by the BFF and backend-driven strategies. */
export function errorReturn(env: BrowserEnv): Pick<AuthStrategy, 'pendingCallback' | 'completeCallback'> {
  return {
    pendingCallback: () => new URL(env.location.href).searchParams.has('vard_login_error'),
    async completeCallback(): Promise<CallbackResult> {
      const error = new URL(env.location.href).searchParams.get('vard_login_error');
      clearCallbackParams(env.location, env.history);
      return { ok: false, error: mapOAuthError(error) };
    },
  };
}

export function bffStrategy(config: AuthConfig, env: BrowserEnv = browser()): AuthStrategy {
  return {
    ...errorReturn(env),
    async login(method: LoginMethod) {
      if (!config.loginUrl) throw new AuthError(AuthErrorCode.NotConfigured);
      const here = new URL(returnAddress(env.location));
      const target = httpUrl(config.loginUrl, here.href);
      // the return address is this page: same origin by construction, checked again here
      if (here.origin !== env.location.origin) throw new AuthError(AuthErrorCode.Invalid);
      target.searchParams.set('method', method);
      target.searchParams.set('return_to', here.href);
      env.location.assign(target.href);
    },
    async logout() {
      // the adapter's logout() (called by the chat client) ends the session where the protocol
      // has a route for it; a configured logout URL is called as well (both are idempotent), so
      // a backend without the route still ends its session
      if (!config.logoutUrl) return;
      const post = env.fetch; // called unbound: window.fetch refuses another `this`
      const res = await post(httpUrl(config.logoutUrl, env.location.href).href, { method: 'POST', credentials: 'include' });
      if (!res.ok) throw new AuthError(AuthErrorCode.Failed);
    },
  };
}

/** The backend's own login (MemoryBackend's pretend e-ID), used when no `auth` is configured. */
export function backendStrategy(backend: ChatBackend, env: BrowserEnv = browser()): AuthStrategy {
  return {
    ...errorReturn(env),
    async login(method) {
      try {
        if (!backend.login) throw new Error('login-not-configured');
        await backend.login(method, returnAddress(env.location));
      } catch (err) {
        if (err instanceof Error && err.message === 'login-not-configured') throw new AuthError(AuthErrorCode.NotConfigured);
        throw new AuthError(err instanceof BackendError && err.transient ? AuthErrorCode.Network : AuthErrorCode.Failed);
      }
    },
    async logout() {},
  };
}
