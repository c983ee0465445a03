/**
 * A pretend e-ID provider for development: oidc-provider on its own origin, with the demo's
 * pretend e-ID page (the method the patient chose in the widget shown, a test person picked, or
 * "Avbryt"). It behaves as a broker does: the method asked with `acr_values` comes back as the ID
 * token's `acr`, the personal identity number in the configured claim. It has its own
 * signing key (EC P-256, ES256) and cookie key, generated at each start. Never use it in production.
 *
 * Two clients: the server's own (confidential, the BFF login) and a public one for browser OIDC
 * (`data-auth="oidc"`), whose access tokens are JWTs (RFC 9068) for the server's /api.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Provider, { type ClientMetadata, type KoaContextWithOIDC } from 'oidc-provider';
// the same test people and the same page as the demo's pretend e-ID step
import { TEST_PEOPLE } from '../src/adapters/memory/test-people.js';
import { pretendEidCard, METHOD_NAMES } from '../src/adapters/memory/pretend-eid-page.js';
import { projectRoot } from './config.js';

/**
 * Made-up clinicians for the staff client (the console's login; SITHS through the region's IdP
 * in real life). Claims: `sub` (the staff id), `name`, `profession`, `queues`.
 */
export const TEST_CLINICIANS = [
  { id: 'staff-anna', name: 'Anna Svensson', profession: 'sjuksköterska', queues: ['nurse'] },
  { id: 'staff-erik', name: 'Erik Lind', profession: 'läkare', queues: ['doctor'] },
  { id: 'staff-sara', name: 'Sara Berg', profession: 'läkare', queues: ['nurse', 'doctor'] },
] as const;

/** The public client of browser OIDC at the pretend provider. */
export const BROWSER_CLIENT_ID = 'vard-chat-browser';

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
  /** The console's client (staff login), when a staff redirect address was given. */
  staffClient?: { client_id: string; client_secret: string };
  close(): Promise<void>;
}

export interface IdpOptions {
  redirectUri: string;
  postLogoutUri: string;
  /** acr values of BankID and Freja eID (the server's configured ones). */
  acr: Record<'bankid' | 'freja', string>;
  /** The claim the personal identity number is put in. */
  personalNumberClaim: string;
  /** Browser OIDC: the pages it may return to, and the `aud` of its access tokens (the server's /api). */
  browser?: { redirectUris: string[]; audience: string };
  /** The staff client's redirect (the console's login); no staff client without it. */
  staffRedirectUri?: string;
  port?: number;
  host?: string;
}

export async function startIdp(o: IdpOptions): Promise<Idp> {
  const http = createServer();
  await new Promise<void>((r) => http.listen(o.port ?? 0, o.host ?? '127.0.0.1', r));
  const { port } = http.address() as AddressInfo;
  const issuer = `http://${o.host === '0.0.0.0' || !o.host ? '127.0.0.1' : o.host}:${port}`;
  const client = { client_id: 'vard-chat-bff', client_secret: randomBytes(24).toString('base64url') };
  // its own signing key at every start (oidc-provider's built-in development key is public);
  // EC P-256: generated in well under a millisecond (an RSA key costs ~0.5 s per server start)
  const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const methodOf = (acr: unknown): 'bankid' | 'freja' => (acr === o.acr.freja ? 'freja' : 'bankid');
  const clients: ClientMetadata[] = [
    { ...client, redirect_uris: [o.redirectUri], post_logout_redirect_uris: [o.postLogoutUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' },
  ];
  const staffClient = o.staffRedirectUri ? { client_id: 'vard-console', client_secret: randomBytes(24).toString('base64url') } : undefined;
  if (staffClient && o.staffRedirectUri) clients.push({ ...staffClient, redirect_uris: [o.staffRedirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' });
  if (o.browser) clients.push({ client_id: BROWSER_CLIENT_ID, token_endpoint_auth_method: 'none', redirect_uris: o.browser.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] });
  const audience = o.browser?.audience;

  const provider = new Provider(issuer, {
    clients,
    jwks: { keys: [{ ...signing, kid: randomBytes(8).toString('hex'), alg: 'ES256', use: 'sig' }] },
    clientDefaults: { id_token_signed_response_alg: 'ES256', grant_types: ['authorization_code'], response_types: ['code'] },
    async findAccount(ctx, id) {
      // a clinician only through the staff client, a test person only through the patient's
      if (staffClient && ctx.oidc.client?.clientId === staffClient.client_id) {
        const c = TEST_CLINICIANS.find((x) => x.id === id);
        return c && { accountId: id, claims: async () => ({ sub: id, name: c.name, profession: c.profession, queues: [...c.queues] }) };
      }
      const p = TEST_PEOPLE.find((x) => x.subject === id);
      return p && { accountId: id, claims: async () => ({ sub: id, name: p.name, [o.personalNumberClaim]: p.personalNumber }) };
    },
    claims: { openid: ['sub', o.personalNumberClaim], profile: ['name'], staff: ['profession', 'queues'] },
    scopes: ['openid', 'profile', 'staff'],
    acrValues: [o.acr.bankid, o.acr.freja],
    conformIdTokenClaims: false,
    // CORS only for the browser client, from the pages it may return to
    clientBasedCORS: (_ctx, origin, c) => c.clientId === BROWSER_CLIENT_ID && c.redirectUris?.some((u) => new URL(u).origin === origin) === true,
    cookies: { keys: [randomBytes(32).toString('hex')] },
    features: {
      devInteractions: { enabled: false },
      // browser OIDC: JWT access tokens for the server's /api (RFC 9068), carrying the acr and the number
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx: KoaContextWithOIDC) => (audience && ctx.oidc.client?.clientId === BROWSER_CLIENT_ID ? audience : undefined) as string,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'openid profile', audience: audience ?? issuer, accessTokenFormat: 'jwt', accessTokenTTL: 600, jwt: { sign: { alg: 'ES256' } } }),
      },
    },
    async extraTokenClaims(ctx, token) {
      if (token.kind !== 'AccessToken' || !('resourceServer' in token) || !token.resourceServer) return undefined;
      const code = ctx.oidc.entities.AuthorizationCode;
      const p = TEST_PEOPLE.find((x) => x.subject === (token as { accountId?: string }).accountId);
      return { ...(code?.acr ? { acr: code.acr } : {}), ...(p ? { name: p.name, [o.personalNumberClaim]: p.personalNumber } : {}) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 600 },
    // first-party clients: no consent screen
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { oidc } = ctx;
      const clientId = oidc.client?.clientId;
      const accountId = oidc.session?.accountId;
      if (!clientId || !accountId || !oidc.session) return undefined;
      const existing = oidc.session.grantIdFor(clientId);
      if (existing) return oidc.provider.Grant.find(existing);
      const grant = new oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope(clientId === staffClient?.client_id ? 'openid profile staff' : 'openid profile');
      if (audience && clientId === BROWSER_CLIENT_ID) grant.addResourceScope(audience, 'openid profile');
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
          if (staffClient && details.params['client_id'] === staffClient.client_id) {
            const clinician = TEST_CLINICIANS.find((c) => c.id === form.get('person'));
            if (!clinician) return void res.writeHead(400).end('unknown test clinician');
            return void (await provider.interactionFinished(req, res, { login: { accountId: clinician.id } }, { mergeWithLastSubmission: false }));
          }
          const person = TEST_PEOPLE.find((p) => p.subject === form.get('person'));
          if (!person) return void res.writeHead(400).end('unknown test person');
          // the method asked for (acr_values) is the one the ID token says was used
          const acr = o.acr[methodOf(String(details.params['acr_values'] ?? '').split(' ')[0])];
          return void (await provider.interactionFinished(req, res, { login: { accountId: person.subject, acr } }, { mergeWithLastSubmission: false }));
        }
        if (staffClient && details.params['client_id'] === staffClient.client_id) {
          return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(staffLoginPage(details.uid));
        }
        const asked = String(details.params['acr_values'] ?? '').split(' ')[0];
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(loginPage(details.uid, methodOf(asked), css));
      } catch {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('interaction expired or invalid');
      }
    })();
  });

  return {
    issuer,
    client,
    ...(staffClient ? { staffClient } : {}),
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

/** The pretend SITHS login of the staff client: pick a test clinician. */
function staffLoginPage(uid: string): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test-inloggning för personal</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:30rem;margin:2rem auto;padding:0 1rem}fieldset{margin:1rem 0}button{font:inherit;padding:.6rem 1.2rem;min-height:44px}</style></head>
<body><h1>Test-inloggning för personal (låtsas-SITHS)</h1>
<p>Endast för utveckling. Development only: pick a test clinician.</p>
<form method="post" action="/interaction/${esc(uid)}/login">
<fieldset><legend>Testpersonal</legend>${TEST_CLINICIANS.map((c, i) => `<label><input type="radio" name="person" value="${c.id}"${i === 0 ? ' checked' : ''}> ${esc(c.name)} (${esc(c.profession)}: ${esc(c.queues.join(', '))})</label><br>`).join('')}</fieldset>
<button type="submit">Logga in</button></form></body></html>`;
}
