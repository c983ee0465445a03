/**
 * The BFF login under /auth: OIDC (authorization code + PKCE S256, state and nonce) against the
 * e-ID broker, then an HttpOnly session cookie; tokens never reach the browser. The method is
 * asked with `acr_values` and the returned `acr` must be that method; the patient is the HMAC of
 * the personal identity number in the configured claim. A login that fails after the return
 * address is known goes back there with `vard_login_error=<code>` (no personal data). For
 * development the broker is the embedded pretend e-ID provider (idp.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import * as oauth from 'oauth4webapi';
import * as v from 'valibot';
import type { Deps } from '../deps.js';
import { invalid } from '../errors.js';
import { clearCookie, sessionIdOf, setSessionCookie } from '../http.js';
import { acrMatches, personalNumberOf, type Broker } from '../broker.js';
import { beginLogin, discovery, endLogin, exchangeCode, type LoginFlow } from '../oidc-client.js';
import { PATIENT_COOKIE } from '../services/sessions.js';

const ReturnQuery = v.object({ return_to: v.optional(v.pipe(v.string(), v.maxLength(2000))), return: v.optional(v.pipe(v.string(), v.maxLength(2000))) });
const LoginQuery = v.object({ ...ReturnQuery.entries, method: v.picklist(['bankid', 'freja']) });
const CallbackQuery = v.looseObject({ state: v.optional(v.pipe(v.string(), v.maxLength(500))), error: v.optional(v.pipe(v.string(), v.maxLength(100))) });
/**
 * Provider errors (the patient cancelled at the e-ID step, say) passed on to the widget as
 * `vard_login_error` as they are (OAuth codes it knows); anything else is `server_error`.
 */
const PASSED_ON = new Set(['access_denied', 'login_required', 'interaction_required', 'consent_required', 'temporarily_unavailable']);

/** A failed login after the return address is known: back to the clinic page with a code. */
class LoginFailed extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

export const authRoutes: FastifyPluginAsync<{ deps: Deps; broker: Broker }> = async (app, { deps, broker }) => {
  const flow: LoginFlow = { redirectUri: `${deps.origin}/auth/callback`, cookie: 'vc_login', cookiePath: '/auth', secure: deps.secure };
  const as = discovery(broker);

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
    let server: oauth.AuthorizationServer;
    try {
      server = await as();
    } catch {
      // the broker does not answer: back on the clinic page, where the widget says so
      const back = new URL(returnUrl);
      back.searchParams.set('vard_login_error', 'temporarily_unavailable');
      return reply.header('cache-control', 'no-store').redirect(back.href, 302);
    }
    await deps.store.purgeExpired(Date.now());
    const href = await beginLogin(deps.store, broker, server, flow, reply, {
      method: query.method, returnUrl, scope: broker.scope ?? 'openid profile',
      // the method as the broker's acr value; the returned acr is checked at the callback
      params: { acr_values: broker.acr[query.method] },
    });
    return reply.header('cache-control', 'no-store').redirect(href, 302);
  });

  app.get('/callback', { schema: { querystring: CallbackQuery } }, async (req, reply) => {
    const state = req.cookies[flow.cookie];
    const query = req.query as v.InferOutput<typeof CallbackQuery>;
    if (!state || query.state !== state) throw invalid('state');
    const login = await deps.store.takeLogin(state, Date.now());
    if (!login) throw invalid('state');
    try {
      const { subject, name } = await finish(new URL(req.url, deps.origin), state, login);
      await deps.store.upsertPatient({ subject, name });
      const id = await deps.sessions.create('patient', { subject, name });
      setSessionCookie(reply, PATIENT_COOKIE, id, { secure: deps.secure });
      endLogin(reply, flow);
      return reply.header('cache-control', 'no-store').redirect(login.returnUrl, 302);
    } catch (err) {
      // back on the clinic page, where the widget tells the patient (the code only, no personal data)
      const code = err instanceof LoginFailed ? err.code : 'server_error';
      const back = new URL(login.returnUrl);
      back.searchParams.set('vard_login_error', code);
      endLogin(reply, flow);
      return reply.header('cache-control', 'no-store').redirect(back.href, 302);
    }
  });

  /** The code exchange and every check of what the broker returned; throws LoginFailed. */
  const finish = async (url: URL, state: string, login: { verifier: string; nonce: string; method: string }): Promise<{ subject: string; name: string }> => {
    let claims: oauth.IDToken;
    try {
      claims = await exchangeCode(broker, await as(), flow, url, state, login);
    } catch (err) {
      if (err instanceof oauth.AuthorizationResponseError) throw new LoginFailed(PASSED_ON.has(err.error) ? err.error : 'server_error');
      throw new LoginFailed('token_error');
    }
    // the method asked for is the one used: a Freja eID login does not pass for BankID
    const method = login.method === 'freja' ? 'freja' : 'bankid';
    if (!acrMatches(broker.acr[method], claims['acr'])) throw new LoginFailed('acr_mismatch');
    const pnr = personalNumberOf(claims, broker.personalNumberClaim);
    if (!pnr) throw new LoginFailed('missing_personal_number');
    const given = typeof claims['given_name'] === 'string' ? claims['given_name'] : '';
    const family = typeof claims['family_name'] === 'string' ? claims['family_name'] : '';
    const raw = typeof claims['name'] === 'string' && claims['name'] ? claims['name'] : `${given} ${family}`.trim();
    return { subject: deps.keys.subjectOf(pnr), name: raw.slice(0, 200) || 'Patient' };
  };

  app.post('/logout', async (req, reply) => {
    await deps.sessions.end(sessionIdOf(req, PATIENT_COOKIE));
    clearCookie(reply, PATIENT_COOKIE, { secure: deps.secure });
    return reply.code(204).send();
  });
  // logout is POST only: a GET could be triggered by any page that links or embeds the address (CSRF)
};
