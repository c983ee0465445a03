/**
 * The BFF login under /auth: OIDC (authorization code + PKCE S256, state and nonce) against an
 * identity provider, then an HttpOnly session cookie; tokens never reach the browser. For
 * development the provider is the embedded pretend e-ID provider (idp.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import * as oauth from 'oauth4webapi';
import * as v from 'valibot';
import type { Deps } from '../deps.js';
import { ApiError, invalid } from '../errors.js';
import { clearCookie, sessionIdOf, setSessionCookie } from '../http.js';
import type { Idp } from '../idp.js';
import { PATIENT_COOKIE } from '../services/sessions.js';

const LOGIN_COOKIE = 'vc_login';
const ReturnQuery = v.object({ return_to: v.optional(v.pipe(v.string(), v.maxLength(2000))), return: v.optional(v.pipe(v.string(), v.maxLength(2000))) });
const LoginQuery = v.object({ ...ReturnQuery.entries, method: v.picklist(['bankid', 'freja']) });
const CallbackQuery = v.looseObject({ state: v.optional(v.pipe(v.string(), v.maxLength(500))), error: v.optional(v.pipe(v.string(), v.maxLength(100))) });
/** OAuth errors passed on to the widget as `vard_login_error` (it tells the patient what happened); others become `server_error`. */
const PASSED_ERRORS = new Set(['access_denied', 'login_required', 'interaction_required', 'consent_required', 'temporarily_unavailable']);

export const authRoutes: FastifyPluginAsync<{ deps: Deps; idp: Idp }> = async (app, { deps, idp }) => {
  const redirectUri = `${deps.origin}/auth/callback`;
  const issuer = new URL(idp.issuer);
  const client: oauth.Client = { client_id: idp.client.client_id };
  const clientAuth = oauth.ClientSecretBasic(idp.client.client_secret);
  const insecure = { [oauth.allowInsecureRequests]: issuer.protocol === 'http:' };
  let discovered: Promise<oauth.AuthorizationServer> | undefined;
  const as = () => (discovered ??= oauth.discoveryRequest(issuer, insecure).then((r) => oauth.processDiscoveryResponse(issuer, r)));

  /** A return address must be on this server or on an allowed (same-site) origin. */
  const checkReturn = (value: string | undefined): string => {
    try {
      const u = new URL(value ?? '/', deps.origin);
      if (u.origin === deps.origin || deps.allowOrigin(u.origin)) return u.href;
    } catch { /* fall through */ }
    throw invalid('return address not allowed');
  };

  app.get('/login', { schema: { querystring: LoginQuery } }, async (req, reply) => {
    const query = req.query as v.InferOutput<typeof LoginQuery>;
    // `return_to` is what the widget sends (BFF redirect); `return` is kept for links
    const returnUrl = checkReturn(query.return_to ?? query.return);
    const server = await as();
    const state = oauth.generateRandomState();
    const nonce = oauth.generateRandomNonce();
    const verifier = oauth.generateRandomCodeVerifier();
    await deps.store.purgeExpired(Date.now());
    await deps.store.insertLogin({ state, verifier, nonce, returnUrl, method: query.method, expiresAt: Date.now() + 600_000 });
    const auth = new URL(server.authorization_endpoint ?? '');
    for (const [k, val] of Object.entries({
      client_id: client.client_id, redirect_uri: redirectUri, response_type: 'code', scope: 'openid profile',
      state, nonce, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', login_hint: query.method,
      // every login shows the e-ID step: the provider's own session must not log the next
      // person at a shared computer in silently after the patient logged out
      prompt: 'login',
    })) auth.searchParams.set(k, val);
    reply.setCookie(LOGIN_COOKIE, state, { path: '/auth', httpOnly: true, sameSite: 'lax', secure: deps.secure, maxAge: 600 });
    return reply.header('cache-control', 'no-store').redirect(auth.href, 302);
  });

  app.get('/callback', { schema: { querystring: CallbackQuery } }, async (req, reply) => {
    const state = req.cookies[LOGIN_COOKIE];
    const query = req.query as v.InferOutput<typeof CallbackQuery>;
    if (!state || query.state !== state) throw invalid('state');
    const login = await deps.store.takeLogin(state, Date.now());
    if (!login) throw invalid('state');
    reply.setCookie(LOGIN_COOKIE, '', { path: '/auth', httpOnly: true, sameSite: 'lax', secure: deps.secure, maxAge: 0 });
    if (query.error !== undefined) {
      // the patient cancelled at the e-ID step (or it failed): back to the clinic's page, where the
      // widget says so (the state was checked above, so nobody else can send the patient here)
      const back = new URL(login.returnUrl);
      back.searchParams.set('vard_login_error', PASSED_ERRORS.has(query.error) ? query.error : 'server_error');
      return reply.header('cache-control', 'no-store').redirect(back.href, 302);
    }
    const server = await as();
    let claims: oauth.IDToken | undefined;
    try {
      const url = new URL(req.url, deps.origin);
      const params = oauth.validateAuthResponse(server, client, url, state);
      const response = await oauth.authorizationCodeGrantRequest(server, client, clientAuth, params, redirectUri, login.verifier, insecure);
      const result = await oauth.processAuthorizationCodeResponse(server, client, response, { expectedNonce: login.nonce, requireIdToken: true });
      claims = oauth.getValidatedIdTokenClaims(result);
    } catch {
      throw new ApiError(401, 'no-session');
    }
    if (!claims) throw new ApiError(401, 'no-session');
    const name = typeof claims['name'] === 'string' ? claims['name'] : 'Patient';
    await deps.store.upsertPatient({ subject: claims.sub, name });
    const id = await deps.sessions.create('patient', { subject: claims.sub, name });
    setSessionCookie(reply, PATIENT_COOKIE, id, { secure: deps.secure });
    reply.setCookie(LOGIN_COOKIE, '', { path: '/auth', httpOnly: true, sameSite: 'lax', secure: deps.secure, maxAge: 0 });
    return reply.header('cache-control', 'no-store').redirect(login.returnUrl, 302);
  });

  app.post('/logout', async (req, reply) => {
    await deps.sessions.end(sessionIdOf(req, PATIENT_COOKIE));
    clearCookie(reply, PATIENT_COOKIE, { secure: deps.secure });
    return reply.code(204).send();
  });

  app.get('/logout', { schema: { querystring: ReturnQuery } }, async (req, reply) => {
    const query = req.query as v.InferOutput<typeof ReturnQuery>;
    const to = checkReturn(query.return_to ?? query.return);
    await deps.sessions.end(sessionIdOf(req, PATIENT_COOKIE));
    clearCookie(reply, PATIENT_COOKIE, { secure: deps.secure });
    return reply.header('cache-control', 'no-store').redirect(to, 302);
  });
};
