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
import { beginLogin, discovery, endLogin, exchangeCode, type LoginFlow, type OidcClient } from '../oidc-client.js';

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
  const flow: LoginFlow = { redirectUri: `${deps.origin}/console/auth/callback`, cookie: 'vc_staff_login', cookiePath: '/console/auth', secure: deps.secure };
  const issuer = new URL(oidc.issuer);
  const client: OidcClient = { issuer, client: { client_id: oidc.clientId }, clientAuth: oauth.ClientSecretBasic(oidc.clientSecret), insecure: issuer.protocol === 'http:' };
  const as = discovery(client);
  /** A failed login ends back on the console's login screen, which says so. */
  const failed = (reply: import('fastify').FastifyReply) => reply.header('cache-control', 'no-store').redirect('/console/?login_error=1', 302);

  app.get('/login', async (_req, reply) => {
    const server = await as();
    // a shared workstation: the IdP's own session never logs the next clinician in silently (prompt=login)
    const href = await beginLogin(deps.store, client, server, flow, reply, { method: 'staff', returnUrl: '/console/', scope: 'openid profile staff' });
    return reply.header('cache-control', 'no-store').redirect(href, 302);
  });

  app.get('/callback', { schema: { querystring: CallbackQuery } }, async (req, reply) => {
    const state = req.cookies[flow.cookie];
    const query = req.query as v.InferOutput<typeof CallbackQuery>;
    endLogin(reply, flow);
    if (!state || query.state !== state) return failed(reply);
    const login = await deps.store.takeLogin(state, Date.now());
    if (!login || login.method !== 'staff') return failed(reply);
    let claims: oauth.IDToken;
    try {
      claims = await exchangeCode(client, await as(), flow, new URL(req.url, deps.origin), state, login);
    } catch {
      return failed(reply);
    }
    const queues = queuesOf(claims['queues']);
    const name = typeof claims['name'] === 'string' ? claims['name'].slice(0, 80).trim() : '';
    // no name or no queue of this clinic: not a clinician here
    if (!name || !queues.length) return failed(reply);
    const profession = typeof claims['profession'] === 'string' && claims['profession'].trim() ? claims['profession'].slice(0, 60).trim() : professionOf(queues[0]!);
    const id = await deps.sessions.create('staff', { subject: `staff:${claims.sub}`, name, profession, queue: queues[0]!, queues });
    setSessionCookie(reply, STAFF_COOKIE, id, { secure: deps.secure, path: '/console', sameSite: 'strict' });
    return reply.header('cache-control', 'no-store').redirect('/console/', 302);
  });
};
