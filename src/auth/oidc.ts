/**
 * Browser OIDC (opt-in): authorization code flow with PKCE S256, `state` and `nonce` checked,
 * the `iss` response parameter checked where the provider advertises it, the e-ID method as
 * `acr_values`, `prompt=login` and `max_age` (a fresh e-ID step every time), an optional `login_hint`. Uses oauth4webapi (certified) for the protocol.
 *
 * Tokens stay in memory (they are handed to the backend adapter, never stored). The transaction
 * (state, nonce, code_verifier) must survive the redirect: it is kept in sessionStorage under
 * `vard-chat:oidc` and deleted as soon as the return is read, before anything else happens.
 */
import * as oauth from 'oauth4webapi';
import { AuthError, AuthErrorCode, type AuthStrategy, type CallbackResult, type LoginMethod } from '../core/auth.js';
import type { PatientSession } from '../core/types.js';
import { mapOAuthError, type BrowserEnv } from './bff.js';
import type { AuthConfig } from './config.js';
import { clearCallbackParams } from './url.js';

export const OIDC_TXN_KEY = 'vard-chat:oidc';
/** A login left unfinished for longer than this is not accepted on return. */
const TXN_MAX_AGE_MS = 15 * 60_000;
/**
 * `max_age` (seconds): the e-ID step must have happened this recently; the ID token's
 * `auth_time` is checked against it. With `prompt=login` the broker's own session never logs
 * the next person at a shared computer in silently.
 */
export const OIDC_MAX_AGE_S = 300;

export const DEFAULT_ACR: Record<LoginMethod, string> = {
  bankid: 'urn:grn:authn:se:bankid',
  freja: 'urn:grn:authn:se:frejaid',
};

interface Transaction {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  at: number;
}

export interface OidcEnv extends BrowserEnv {
  storage: Storage;
  now: () => number;
}

const browser = (): OidcEnv => ({ location, history, fetch: (...a) => fetch(...a), storage: sessionStorage, now: Date.now });

export function oidcStrategy(config: AuthConfig, env: OidcEnv = browser()): AuthStrategy {
  if (!config.issuer || !config.clientId) {
    const fail = async (): Promise<never> => {
      throw new AuthError(AuthErrorCode.NotConfigured);
    };
    return { pendingCallback: () => false, completeCallback: fail, login: fail, logout: async () => {} };
  }
  const issuer = new URL(config.issuer);
  const client: oauth.Client = { client_id: config.clientId };
  const opts = { [oauth.allowInsecureRequests]: config.allowInsecureHttp === true, [oauth.customFetch]: (url: string, init: RequestInit) => env.fetch.call(undefined, url, init) };
  const redirectUri = () => config.redirectUri ?? pageWithoutQuery(env.location);
  let server: Promise<oauth.AuthorizationServer> | undefined;
  const discover = () =>
    (server ??= oauth.discoveryRequest(issuer, opts).then((res) => oauth.processDiscoveryResponse(issuer, res)).catch((err: unknown) => {
      server = undefined;
      throw err;
    }));

  return {
    pendingCallback() {
      const url = new URL(env.location.href);
      const q = url.searchParams;
      return pageWithoutQuery(url) === redirectUri().split('?')[0] && q.has('state') && (q.has('code') || q.has('error'));
    },

    async completeCallback(): Promise<CallbackResult> {
      const url = new URL(env.location.href);
      const txn = takeTransaction(env.storage);
      clearCallbackParams(env.location, env.history);
      // a callback on a page that never started a login (or one started long ago) is refused
      if (!txn || env.now() - txn.at > TXN_MAX_AGE_MS) return { ok: false, error: AuthErrorCode.Invalid };
      try {
        const as = await discover();
        const params = oauth.validateAuthResponse(as, client, url.searchParams, txn.state);
        const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, txn.redirectUri, txn.verifier, opts);
        const result = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: txn.nonce, requireIdToken: true, maxAge: OIDC_MAX_AGE_S });
        const claims = oauth.getValidatedIdTokenClaims(result);
        if (!claims) return { ok: false, error: AuthErrorCode.Invalid };
        return { ok: true, credentials: { accessToken: result.access_token, session: sessionFrom(claims, result.expires_in, env.now()) } };
      } catch (err) {
        return { ok: false, error: mapError(err) };
      }
    },

    async login(method: LoginMethod) {
      let as: oauth.AuthorizationServer;
      try {
        as = await discover();
      } catch (err) {
        throw new AuthError(mapError(err));
      }
      if (!as.authorization_endpoint) throw new AuthError(AuthErrorCode.NotConfigured);
      const txn: Transaction = {
        state: oauth.generateRandomState(),
        nonce: oauth.generateRandomNonce(),
        verifier: oauth.generateRandomCodeVerifier(),
        redirectUri: redirectUri(),
        at: env.now(),
      };
      const url = new URL(as.authorization_endpoint);
      const q = url.searchParams;
      q.set('client_id', client.client_id);
      q.set('response_type', 'code');
      q.set('redirect_uri', txn.redirectUri);
      q.set('scope', config.scope ?? 'openid profile');
      q.set('state', txn.state);
      q.set('nonce', txn.nonce);
      q.set('code_challenge', await oauth.calculatePKCECodeChallenge(txn.verifier));
      q.set('code_challenge_method', 'S256');
      q.set('acr_values', config.acrValues?.[method] ?? DEFAULT_ACR[method]);
      q.set('prompt', 'login');
      q.set('max_age', String(OIDC_MAX_AGE_S));
      if (config.loginHint) q.set('login_hint', config.loginHint);
      env.storage.setItem(OIDC_TXN_KEY, JSON.stringify(txn));
      env.location.assign(url.href);
    },

    async logout() {
      // tokens live only in memory (the adapter's); forgetting them is the logout
      env.storage.removeItem(OIDC_TXN_KEY);
    },
  };
}

function pageWithoutQuery(loc: Location | URL): string {
  return `${loc.origin}${loc.pathname}`;
}

function takeTransaction(storage: Storage): Transaction | undefined {
  try {
    const raw = storage.getItem(OIDC_TXN_KEY);
    storage.removeItem(OIDC_TXN_KEY);
    const t = raw ? (JSON.parse(raw) as Partial<Transaction>) : undefined;
    if (t && typeof t.state === 'string' && typeof t.nonce === 'string' && typeof t.verifier === 'string' &&
      typeof t.redirectUri === 'string' && typeof t.at === 'number') return t as Transaction;
  } catch {
    // unreadable: treated as no login started
  }
  return undefined;
}

function sessionFrom(claims: oauth.IDToken, expiresIn: number | undefined, now: number): PatientSession {
  const given = typeof claims.given_name === 'string' ? claims.given_name : '';
  const family = typeof claims.family_name === 'string' ? claims.family_name : '';
  const name = typeof claims.name === 'string' && claims.name ? claims.name : `${given} ${family}`.trim();
  const session: PatientSession = { subject: claims.sub, name };
  if (expiresIn) session.expiresAt = new Date(now + expiresIn * 1000).toISOString();
  return session;
}

function mapError(err: unknown): AuthErrorCode {
  if (err instanceof AuthError) return err.code;
  if (err instanceof oauth.AuthorizationResponseError) return mapOAuthError(err.error);
  // the token endpoint refused (e.g. invalid_grant: a replayed or foreign code)
  if (err instanceof oauth.ResponseBodyError) return AuthErrorCode.Invalid;
  // state, nonce, issuer or ID token checks failed
  if (err instanceof oauth.OperationProcessingError || err instanceof oauth.UnsupportedOperationError) return AuthErrorCode.Invalid;
  // fetch rejects with a TypeError when the network fails
  if (err instanceof TypeError) return AuthErrorCode.Network;
  return AuthErrorCode.Failed;
}

