/**
 * The console's staff login under /console/auth: OpenID Connect (authorization code + PKCE S256,
 * state and nonce) against the staff IdP — SITHS through the region's IdP in real life, the dev
 * provider's staff client here — then an HttpOnly, SameSite=Strict staff cookie on /console.
 * The ID token's claims give the staff id (`sub`), `name`, `profession` and `queues`.
 */
import type { FastifyPluginAsync } from 'fastify';
import * as oauth from 'oauth4webapi';
import * as v from 'valibot';
import { QUEUES } from '../../src/protocol/index.js';
import type { Deps } from '../deps.js';
import { setSessionCookie } from '../http.js';
import { profession as professionOf } from '../services/queues.js';
import { STAFF_COOKIE } from '../services/sessions.js';

const LOGIN_COOKIE = 'vc_staff_login';
const CallbackQuery = v.looseObject({ state: v.optional(v.pipe(v.string(), v.maxLength(500))) });

export interface StaffOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** The queues a `queues` claim names (an array, or a space- or comma-separated string); unknown names are dropped. */
export function queuesOf(claim: unknown): string[] {
  const names = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : [];
  return [...new Set(names.filter((q): q is string => typeof q === 'string' && (QUEUES as readonly string[]).includes(q)))];
}

export const staffAuthRoutes: FastifyPluginAsync<{ deps: Deps; oidc: StaffOidc }> = async (app, { deps, oidc }) => {
  const redirectUri = `${deps.origin}/console/auth/callback`;
  const issuer = new URL(oidc.issuer);
  const client: oauth.Client = { client_id: oidc.clientId };
  const clientAuth = oauth.ClientSecretBasic(oidc.clientSecret);
  const insecure = { [oauth.allowInsecureRequests]: issuer.protocol === 'http:' };
  let discovered: Promise<oauth.AuthorizationServer> | undefined;
  const as = () => (discovered ??= oauth.discoveryRequest(issuer, insecure).then((r) => oauth.processDiscoveryResponse(issuer, r)).catch((err: unknown) => {
    discovered = undefined;
    throw err;
  }));
  /** A failed login ends back on the console's login screen, which says so. */
  const failed = (reply: import('fastify').FastifyReply) => reply.header('cache-control', 'no-store').redirect('/console/?login_error=1', 302);

  app.get('/login', async (_req, reply) => {
    const server = await as();
    const state = oauth.generateRandomState();
    const nonce = oauth.generateRandomNonce();
    const verifier = oauth.generateRandomCodeVerifier();
    await deps.store.insertLogin({ state, verifier, nonce, returnUrl: '/console/', method: 'staff', expiresAt: Date.now() + 600_000 });
    const auth = new URL(server.authorization_endpoint ?? '');
    for (const [k, val] of Object.entries({
      client_id: client.client_id, redirect_uri: redirectUri, response_type: 'code', scope: 'openid profile staff',
      state, nonce, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
      // a shared workstation: the IdP's own session must not log the next clinician in silently
      prompt: 'login',
    })) auth.searchParams.set(k, val);
    // Lax (not Strict): it must come back with the IdP's redirect to the callback
    reply.setCookie(LOGIN_COOKIE, state, { path: '/console/auth', httpOnly: true, sameSite: 'lax', secure: deps.secure, maxAge: 600 });
    return reply.header('cache-control', 'no-store').redirect(auth.href, 302);
  });

  app.get('/callback', { schema: { querystring: CallbackQuery } }, async (req, reply) => {
    const state = req.cookies[LOGIN_COOKIE];
    const query = req.query as v.InferOutput<typeof CallbackQuery>;
    reply.setCookie(LOGIN_COOKIE, '', { path: '/console/auth', httpOnly: true, sameSite: 'lax', secure: deps.secure, maxAge: 0 });
    if (!state || query.state !== state) return failed(reply);
    const login = await deps.store.takeLogin(state, Date.now());
    if (!login || login.method !== 'staff') return failed(reply);
    let claims: oauth.IDToken | undefined;
    try {
      const server = await as();
      const params = oauth.validateAuthResponse(server, client, new URL(req.url, deps.origin), state);
      const response = await oauth.authorizationCodeGrantRequest(server, client, clientAuth, params, redirectUri, login.verifier, insecure);
      const result = await oauth.processAuthorizationCodeResponse(server, client, response, { expectedNonce: login.nonce, requireIdToken: true });
      claims = oauth.getValidatedIdTokenClaims(result);
    } catch {
      return failed(reply);
    }
    const queues = queuesOf(claims?.['queues']);
    const name = typeof claims?.['name'] === 'string' ? claims['name'].slice(0, 80).trim() : '';
    // no name or no queue of this clinic: not a clinician here
    if (!claims || !name || !queues.length) return failed(reply);
    const profession = typeof claims['profession'] === 'string' && claims['profession'].trim() ? claims['profession'].slice(0, 60).trim() : professionOf(queues[0]!);
    const id = await deps.sessions.create('staff', { subject: `staff:${claims.sub}`, name, profession, queue: queues[0]!, queues });
    setSessionCookie(reply, STAFF_COOKIE, id, { secure: deps.secure, path: '/console', sameSite: 'strict' });
    return reply.header('cache-control', 'no-store').redirect('/console/', 302);
  });
};
