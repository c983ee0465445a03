/**
 * A pretend e-ID provider for development: oidc-provider on its own origin, with a login page
 * where the tester picks BankID or Freja eID and a test person. Never use it in production.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
// the same test people and the same page as the demo's pretend e-ID step
import { TEST_PEOPLE } from '../src/adapters/memory/test-people.js';
import { pretendEidCard, METHOD_NAMES } from '../src/adapters/memory/pretend-eid-page.js';
import { projectRoot } from './config.js';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The demo's stylesheet for the step (development only; the page is plain without it). */
function pageCss(): string {
  try {
    return readFileSync(join(projectRoot(), 'demo', 'pretend-eid.css'), 'utf8').replace(/<\/style/gi, '');
  } catch {
    return '';
  }
}

export interface Idp {
  issuer: string;
  client: { client_id: string; client_secret: string };
  close(): Promise<void>;
}

export async function startIdp(o: { redirectUri: string; postLogoutUri: string; port?: number; host?: string }): Promise<Idp> {
  const http = createServer();
  await new Promise<void>((r) => http.listen(o.port ?? 0, o.host ?? '127.0.0.1', r));
  const { port } = http.address() as AddressInfo;
  const issuer = `http://${o.host === '0.0.0.0' || !o.host ? '127.0.0.1' : o.host}:${port}`;
  const client = { client_id: 'vard-chat-bff', client_secret: randomBytes(24).toString('base64url') };
  const provider = new Provider(issuer, {
    clients: [{ ...client, redirect_uris: [o.redirectUri], post_logout_redirect_uris: [o.postLogoutUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    async findAccount(_ctx, id) {
      const p = TEST_PEOPLE.find((x) => x.subject === id);
      return p && { accountId: id, claims: async () => ({ sub: id, name: p.name }) };
    },
    claims: { openid: ['sub'], profile: ['name'] },
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(32).toString('hex')] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 600 },
    // first-party client: no consent screen
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { oidc } = ctx;
      const clientId = oidc.client?.clientId;
      const accountId = oidc.session?.accountId;
      if (!clientId || !accountId || !oidc.session) return undefined;
      const existing = oidc.session.grantIdFor(clientId);
      if (existing) return oidc.provider.Grant.find(existing);
      const grant = new oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();
  const css = pageCss();

  http.on('request', (req, res) => {
    const m = /^\/interaction\/([^/?]+)(\/login|\/abort)?/.exec(req.url ?? '');
    if (req.url === '/favicon.ico') return void res.writeHead(204, { 'cache-control': 'max-age=86400' }).end();
    if (!m) return void callback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (req.method === 'POST' && m[2] === '/abort') {
          // "Avbryt": the login ends with access_denied, and the BFF sends the patient back with it
          return void (await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'the patient cancelled' }, { mergeWithLastSubmission: false }));
        }
        if (req.method === 'POST' && m[2] === '/login') {
          let body = '';
          for await (const c of req) body += String(c);
          const form = new URLSearchParams(body);
          const person = TEST_PEOPLE.find((p) => p.subject === form.get('person'));
          if (!person) return void res.writeHead(400).end('unknown test person');
          return void (await provider.interactionFinished(req, res, { login: { accountId: person.subject } }, { mergeWithLastSubmission: false }));
        }
        const method = details.params['login_hint'] === 'freja' ? 'freja' : 'bankid';
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(loginPage(details.uid, method, css));
      } catch {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('interaction expired or invalid');
      }
    })();
  });

  return {
    issuer,
    client,
    async close() {
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
    },
  };
}

function loginPage(uid: string, method: 'bankid' | 'freja', css: string): string {
  const base = `/interaction/${encodeURIComponent(uid)}`;
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Legitimera dig med ${esc(METHOD_NAMES[method])} (låtsas)</title><link rel="icon" href="data:,"><style>${css}</style></head>
<body><main class="eid"><p class="demo-note"><strong>Endast för utveckling:</strong> en påhittad legitimering. Ingen riktig BankID- eller Freja-app används. / Development only.</p>
<section class="card" data-method="${method}" aria-labelledby="idp-title">
${pretendEidCard({ method, requester: 'Vård Chat (referensservern)', action: `${base}/login`, cancelAction: `${base}/abort` })}
</section></main></body></html>`;
}
