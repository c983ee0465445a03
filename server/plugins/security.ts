/**
 * Security headers and the CSRF check, for the whole app (registered at the root).
 *
 * - Headers (@fastify/helmet): nosniff, Referrer-Policy no-referrer, HSTS on https, and a CSP per
 *   kind of answer: JSON and streams `default-src 'none'`; the console's pages `'self'` only. The
 *   API and the console are never framed (`frame-ancestors 'none'`, X-Frame-Options DENY). The
 *   widget build under /dist/ may be embedded by a clinic's page on another origin
 *   (Cross-Origin-Resource-Policy: cross-origin); the demo pages are a host page's, so no CSP.
 * - CSRF: a state-changing request (POST, PUT, DELETE) that carries an `Origin` must come from
 *   this server's origin or an allowed one, else 403 `forbidden`. (Browsers send Origin on every
 *   such request; tools and tests without one are not browsers and carry no ambient cookie risk.)
 */
import fastifyHelmet from '@fastify/helmet';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';

export interface SecurityOptions {
  origin: string;
  secure: boolean;
  allowOrigin: (origin: string) => boolean;
}

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const isFiles = (url: string) => url.startsWith('/demo/') || url.startsWith('/dist/') || url === '/' || url.startsWith('/?');

const security: FastifyPluginAsync<SecurityOptions> = async (app, o) => {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: false, // set per kind of answer below
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
    hsts: o.secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });

  app.addHook('onRequest', async (req) => {
    if (req.method !== 'POST' && req.method !== 'PUT' && req.method !== 'DELETE' && req.method !== 'PATCH') return;
    const origin = req.headers.origin;
    if (origin === undefined) return;
    if (origin !== o.origin && !o.allowOrigin(origin)) throw new ApiError(403, 'forbidden', 'The request comes from an origin this server does not allow.');
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const url = req.url;
    if (isFiles(url)) {
      reply.removeHeader('x-frame-options');
      if (url.startsWith('/dist/')) reply.header('cross-origin-resource-policy', 'cross-origin');
    } else if (url.startsWith('/console/') && !url.startsWith('/console/api/')) {
      reply.header('content-security-policy', CONSOLE_CSP);
    } else {
      reply.header('content-security-policy', API_CSP);
    }
    return payload;
  });
};

export const securityPlugin = fp(security, { name: 'vard-security' });
