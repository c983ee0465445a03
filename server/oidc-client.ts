/**
 * The server as an OpenID Connect client, shared by the patients' e-ID login (plugins/auth.ts,
 * through the broker) and the clinicians' staff login (plugins/staff-auth.ts): discovery, the
 * authorization request (code flow, PKCE S256, `state`, `nonce`, `prompt=login`) with its
 * pending login stored server-side and bound to the browser by a short-lived cookie, and the
 * code exchange with every check oauth4webapi makes of what comes back.
 */
import type { FastifyReply } from 'fastify';
import * as oauth from 'oauth4webapi';
import type { Store } from './store/store.js';

/** A provider this server logs people in with: who it is, the client, how the client authenticates. */
export interface OidcClient {
  issuer: URL;
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  /** Plain-http issuer (the pretend provider, local tests). */
  insecure: boolean;
}

/** Discovery once (and again after a failure). */
export function discovery(c: Pick<OidcClient, 'issuer' | 'insecure'>): () => Promise<oauth.AuthorizationServer> {
  let found: Promise<oauth.AuthorizationServer> | undefined;
  return () => (found ??= oauth.discoveryRequest(c.issuer, { [oauth.allowInsecureRequests]: c.insecure })
    .then((r) => oauth.processDiscoveryResponse(c.issuer, r))
    .catch((err: unknown) => {
      found = undefined;
      throw err;
    }));
}

/** One login flow: where the provider comes back to, and the cookie that binds `state` to this browser. */
export interface LoginFlow {
  redirectUri: string;
  cookie: string;
  cookiePath: string;
  secure: boolean;
}

/**
 * Stores a pending login (10 minutes), sets the flow's cookie and returns the authorization
 * request's URL. `prompt=login` on every login: the provider's own session must never log the
 * next person at a shared computer in silently.
 */
export async function beginLogin(store: Pick<Store, 'insertLogin'>, c: OidcClient, server: oauth.AuthorizationServer, flow: LoginFlow, reply: FastifyReply,
  login: { method: string; returnUrl: string; scope: string; params?: Record<string, string> }): Promise<string> {
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const verifier = oauth.generateRandomCodeVerifier();
  await store.insertLogin({ state, verifier, nonce, returnUrl: login.returnUrl, method: login.method, expiresAt: Date.now() + 600_000 });
  const auth = new URL(server.authorization_endpoint ?? '');
  for (const [k, val] of Object.entries({
    client_id: c.client.client_id, redirect_uri: flow.redirectUri, response_type: 'code', scope: login.scope,
    state, nonce, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    ...login.params,
    prompt: 'login',
  })) auth.searchParams.set(k, val);
  // Lax (not Strict): it must come back with the provider's redirect to the callback
  reply.setCookie(flow.cookie, state, { path: flow.cookiePath, httpOnly: true, sameSite: 'lax', secure: flow.secure, maxAge: 600 });
  return auth.href;
}

/** Clears the flow's cookie (at the callback, whatever its outcome). */
export function endLogin(reply: FastifyReply, flow: LoginFlow): void {
  reply.setCookie(flow.cookie, '', { path: flow.cookiePath, httpOnly: true, sameSite: 'lax', secure: flow.secure, maxAge: 0 });
}

/**
 * The callback's code exchange: the authorization response (`state`, or the provider's error),
 * the token request with the PKCE verifier, the ID token (signature, issuer, audience, expiry,
 * `nonce`). The validated ID token claims; throws oauth4webapi's errors
 * (`AuthorizationResponseError` when the provider said no).
 */
export async function exchangeCode(c: OidcClient, server: oauth.AuthorizationServer, flow: LoginFlow, url: URL, state: string,
  login: { verifier: string; nonce: string }): Promise<oauth.IDToken> {
  const params = oauth.validateAuthResponse(server, c.client, url, state);
  const response = await oauth.authorizationCodeGrantRequest(server, c.client, c.clientAuth, params, flow.redirectUri, login.verifier, { [oauth.allowInsecureRequests]: c.insecure });
  const result = await oauth.processAuthorizationCodeResponse(server, c.client, response, { expectedNonce: login.nonce, requireIdToken: true });
  const claims = oauth.getValidatedIdTokenClaims(result);
  if (!claims) throw new Error('no ID token');
  return claims;
}
