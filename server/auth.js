// The BFF login: /auth/login runs OIDC (authorization code + PKCE S256, state and nonce) against
// an identity provider and sets an HttpOnly session cookie; tokens never reach the browser.
// For development the provider is the embedded pretend e-ID provider (idp.js).
import * as oauth from 'oauth4webapi';
import { HttpError, cookie, parseCookies, send } from './http-util.js';
import { createSession, endSession, sessionIdOf, PATIENT_COOKIE, SESSION_SECONDS } from './sessions.js';
import { startIdp } from './idp.js';

const LOGIN_COOKIE = 'vc_login';

/** @param {{ db: import('./db.js').Db, chat: import('./chat.js').Chat, origin: string, secure: boolean, allowOrigin: (o: string) => boolean, issuer?: string }} d */
export async function authRoutes(d) {
  const redirectUri = `${d.origin}/auth/callback`;
  const idp = await startIdp({ redirectUri, postLogoutUri: `${d.origin}/` });
  const issuer = new URL(idp.issuer);
  const client = { client_id: idp.client.client_id };
  const clientAuth = oauth.ClientSecretBasic(idp.client.client_secret);
  const insecure = { [oauth.allowInsecureRequests]: issuer.protocol === 'http:' };
  /** @type {Promise<oauth.AuthorizationServer> | undefined} */
  let discovered;
  const as = () => (discovered ??= oauth.discoveryRequest(issuer, insecure).then((r) => oauth.processDiscoveryResponse(issuer, r)));

  /** A return address must be on this server or on an allowed (same-site) origin. @param {string | null} value */
  const checkReturn = (value) => {
    try {
      const u = new URL(value ?? '/', d.origin);
      if (u.origin === d.origin || d.allowOrigin(u.origin)) return u.href;
    } catch { /* fall through */ }
    throw new HttpError(400, 'invalid-request');
  };

  /** @type {[string, RegExp, (ctx: any) => Promise<void> | void][]} */
  const routes = [
    ['GET', /^\/login$/, async ({ res, url }) => {
      const method = url.searchParams.get('method');
      if (method !== 'bankid' && method !== 'freja') throw new HttpError(400, 'invalid-request');
      // `return_to` is what the widget sends (README, BFF redirect); `return` is kept for links
      const returnUrl = checkReturn(url.searchParams.get('return_to') ?? url.searchParams.get('return'));
      const server = await as();
      const state = oauth.generateRandomState();
      const nonce = oauth.generateRandomNonce();
      const verifier = oauth.generateRandomCodeVerifier();
      d.db.prepare('DELETE FROM logins WHERE expires_at < ?').run(Date.now());
      d.db.prepare('INSERT INTO logins (state, verifier, nonce, return_url, method, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(state, verifier, nonce, returnUrl, method, Date.now() + 600_000);
      const auth = new URL(/** @type {string} */ (server.authorization_endpoint));
      for (const [k, v] of Object.entries({
        client_id: client.client_id, redirect_uri: redirectUri, response_type: 'code', scope: 'openid profile',
        state, nonce, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', login_hint: method,
        // every login shows the e-ID step: the provider's own session must not log the next
        // person at a shared computer in silently after the patient logged out
        prompt: 'login',
      })) auth.searchParams.set(k, v);
      res.writeHead(302, { location: auth.href, 'cache-control': 'no-store', 'set-cookie': cookie(LOGIN_COOKIE, state, { maxAge: 600, secure: d.secure, path: '/auth' }) }).end();
    }],
    ['GET', /^\/callback$/, async ({ req, res, url }) => {
      const state = parseCookies(req.headers.cookie)[LOGIN_COOKIE];
      const login = /** @type {any} */ (state && d.db.prepare('SELECT * FROM logins WHERE state = ? AND expires_at > ?').get(state, Date.now()));
      if (!login || url.searchParams.get('state') !== state) throw new HttpError(400, 'invalid-request');
      d.db.prepare('DELETE FROM logins WHERE state = ?').run(state);
      const server = await as();
      let claims;
      try {
        const params = oauth.validateAuthResponse(server, client, url, state);
        const response = await oauth.authorizationCodeGrantRequest(server, client, clientAuth, params, redirectUri, login.verifier, insecure);
        const result = await oauth.processAuthorizationCodeResponse(server, client, response, { expectedNonce: login.nonce, requireIdToken: true });
        claims = oauth.getValidatedIdTokenClaims(result);
      } catch {
        throw new HttpError(401, 'no-session');
      }
      if (!claims) throw new HttpError(401, 'no-session');
      const name = typeof claims.name === 'string' ? claims.name : 'Patient';
      d.chat.upsertPatient(claims.sub, name);
      const id = createSession(d.db, 'patient', { subject: claims.sub, name });
      res.writeHead(302, {
        location: login.return_url, 'cache-control': 'no-store',
        'set-cookie': [cookie(PATIENT_COOKIE, id, { maxAge: SESSION_SECONDS, secure: d.secure }), cookie(LOGIN_COOKIE, '', { maxAge: 0, secure: d.secure, path: '/auth' })],
      }).end();
    }],
    ['POST', /^\/logout$/, ({ req, res }) => {
      endSession(d.db, sessionIdOf(req, PATIENT_COOKIE));
      send(res, 204, undefined, { 'set-cookie': cookie(PATIENT_COOKIE, '', { maxAge: 0, secure: d.secure }) });
    }],
    ['GET', /^\/logout$/, ({ req, res, url }) => {
      const to = checkReturn(url.searchParams.get('return_to') ?? url.searchParams.get('return'));
      endSession(d.db, sessionIdOf(req, PATIENT_COOKIE));
      res.writeHead(302, { location: to, 'cache-control': 'no-store', 'set-cookie': cookie(PATIENT_COOKIE, '', { maxAge: 0, secure: d.secure }) }).end();
    }],
  ];
  return { routes, close: () => idp.close() };
}
