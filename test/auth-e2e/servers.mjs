// Test servers for the login suite: a real OpenID Provider (oidc-provider, in-process, on
// 127.0.0.1:0), a small BFF test backend (a plain node:http handler that sets an HttpOnly cookie),
// and the web server for the test pages (the widget's TypeScript compiled on the fly).
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Provider from 'oidc-provider';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { jsonModules } from '../../demo/json-modules.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const PATIENT = { subject: 'patient-42', name: 'Testa Testsson' };

// oidc-provider's development notices ("use your own keys", "Node 22") are expected here: keep the log readable
for (const level of ['info', 'warn']) {
  const original = console[level].bind(console);
  console[level] = (...args) => { if (!String(args[0]).startsWith('oidc-provider ')) original(...args); };
}

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

/** oidc-provider with one public client (PKCE, no secret) and dev interactions for the login. */
export async function startProvider(redirectUri) {
  const server = http.createServer();
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'vard-chat-test', token_endpoint_auth_method: 'none', redirect_uris: [redirectUri],
      grant_types: ['authorization_code'], response_types: ['code'],
    }],
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, name: PATIENT.name, given_name: 'Testa', family_name: 'Testsson' }) }),
    claims: { openid: ['sub'], profile: ['name', 'given_name', 'family_name'] },
    conformIdTokenClaims: false,
    acrValues: ['urn:grn:authn:se:bankid', 'urn:grn:authn:se:frejaid'],
    features: { devInteractions: { enabled: true } },
    cookies: { keys: [randomBytes(16).toString('hex')] },
  });
  const seen = { acrValues: [], freshness: [], tokenRequests: 0 };
  provider.use(async (ctx, next) => {
    if (ctx.path === '/auth' && ctx.query.acr_values) seen.acrValues.push(ctx.query.acr_values);
    if (ctx.path === '/auth') seen.freshness.push({ prompt: ctx.query.prompt, max_age: ctx.query.max_age });
    if (ctx.path === '/token') seen.tokenRequests++;
    await next();
  });
  server.on('request', provider.callback());
  return { issuer, seen, stop: () => new Promise((r) => server.close(r)) };
}

/**
 * The BFF test backend as a plain node:http request handler: /bff/login sets an HttpOnly session
 * cookie and sends the browser back to a same-origin return address (in production the BFF runs
 * OIDC with the broker first); /bff/session tells who is logged in; /bff/logout ends it.
 */
export function bffHandler() {
  const sessions = new Map();
  const sid = (req) => /(?:^|;\s*)vard_sid=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
  return function handle(req, res) {
    const url = new URL(req.url, `http://${req.headers.host}`);
    if (url.pathname === '/bff/login' && req.method === 'GET') {
      let back;
      try {
        back = new URL(url.searchParams.get('return_to') ?? '');
      } catch {
        back = undefined;
      }
      const method = url.searchParams.get('method');
      if (!back || back.origin !== url.origin || (method !== 'bankid' && method !== 'freja')) {
        res.writeHead(400).end('bad return_to or method');
        return;
      }
      const id = randomBytes(16).toString('base64url');
      sessions.set(id, { ...PATIENT, method });
      res.writeHead(302, { location: back.href, 'set-cookie': `vard_sid=${id}; HttpOnly; SameSite=Lax; Path=/` }).end();
      return;
    }
    if (url.pathname === '/bff/session') {
      const s = sessions.get(sid(req));
      if (!s) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"no session"}');
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify({ subject: s.subject, name: s.name }));
      return;
    }
    if (url.pathname === '/bff/logout' && req.method === 'POST') {
      sessions.delete(sid(req));
      res.writeHead(204, { 'set-cookie': 'vard_sid=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0' }).end();
      return;
    }
    res.writeHead(404).end();
  };
}

/** The web server for the test pages, with the BFF handler mounted on /bff/ (same origin). */
export async function startWeb(bff) {
  const server = await startDevServer({
    config: {
      rootDir: root, port: 0, hostname: '127.0.0.1', nodeResolve: true,
      plugins: [jsonModules(root), esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) })],
      middleware: [
        async function bffRoutes(ctx, next) {
          if (!ctx.path.startsWith('/bff/')) return next();
          ctx.respond = false; // the node:http handler answers itself
          bff(ctx.req, ctx.res);
        },
      ],
    },
    readCliArgs: false, readFileConfig: false, logStartMessage: false, autoExitProcess: false,
  });
  const { port } = server.server.address();
  return { origin: `http://127.0.0.1:${port}`, stop: () => server.stop() };
}
