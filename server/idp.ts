/**
 * A pretend e-ID provider for development: oidc-provider on its own origin, with a login page
 * where the tester picks BankID or Freja eID and a test person. Never use it in production.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/** Made-up test persons (no personal identity numbers: the subject is opaque). */
export const TEST_PERSONS = [
  { id: 'tp-tolvan', name: 'Tolvan Tolvansson' },
  { id: 'tp-astrid', name: 'Astrid Andersson' },
  { id: 'tp-nils', name: 'Nils Nilsson' },
] as const;

/**
 * Made-up clinicians for the staff client (the console's login; SITHS through the region's IdP
 * in real life). Claims: `sub` (the staff id), `name`, `profession`, `queues`.
 */
export const TEST_CLINICIANS = [
  { id: 'staff-anna', name: 'Anna Svensson', profession: 'sjuksköterska', queues: ['nurse'] },
  { id: 'staff-erik', name: 'Erik Lind', profession: 'läkare', queues: ['doctor'] },
  { id: 'staff-sara', name: 'Sara Berg', profession: 'läkare', queues: ['nurse', 'doctor'] },
] as const;

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface Idp {
  issuer: string;
  client: { client_id: string; client_secret: string };
  /** The console's client (staff login), when a staff redirect address was given. */
  staffClient?: { client_id: string; client_secret: string };
  close(): Promise<void>;
}

export async function startIdp(o: { redirectUri: string; postLogoutUri: string; staffRedirectUri?: string; port?: number; host?: string }): Promise<Idp> {
  const http = createServer();
  await new Promise<void>((r) => http.listen(o.port ?? 0, o.host ?? '127.0.0.1', r));
  const { port } = http.address() as AddressInfo;
  const issuer = `http://${o.host === '0.0.0.0' || !o.host ? '127.0.0.1' : o.host}:${port}`;
  const client = { client_id: 'vard-chat-bff', client_secret: randomBytes(24).toString('base64url') };
  const staffClient = o.staffRedirectUri ? { client_id: 'vard-console', client_secret: randomBytes(24).toString('base64url') } : undefined;
  const provider = new Provider(issuer, {
    clients: [
      { ...client, redirect_uris: [o.redirectUri], post_logout_redirect_uris: [o.postLogoutUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' },
      ...(staffClient && o.staffRedirectUri ? [{ ...staffClient, redirect_uris: [o.staffRedirectUri], grant_types: ['authorization_code'], response_types: ['code' as const], token_endpoint_auth_method: 'client_secret_basic' as const }] : []),
    ],
    async findAccount(ctx, id) {
      // a clinician only through the staff client, a test person only through the patient's
      const staff = ctx.oidc.client?.clientId === staffClient?.client_id;
      if (staff) {
        const c = TEST_CLINICIANS.find((x) => x.id === id);
        return c && { accountId: id, claims: async () => ({ sub: id, name: c.name, profession: c.profession, queues: [...c.queues] }) };
      }
      const p = TEST_PERSONS.find((x) => x.id === id);
      return p && { accountId: id, claims: async () => ({ sub: id, name: p.name }) };
    },
    claims: { openid: ['sub'], profile: ['name'], staff: ['profession', 'queues'] },
    scopes: ['openid', 'profile', 'staff'],
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
      grant.addOIDCScope(clientId === staffClient?.client_id ? 'openid profile staff' : 'openid profile');
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();

  http.on('request', (req, res) => {
    const m = /^\/interaction\/([^/?]+)(\/login)?/.exec(req.url ?? '');
    if (!m) return void callback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (req.method === 'POST' && m[2]) {
          let body = '';
          for await (const c of req) body += String(c);
          const form = new URLSearchParams(body);
          const people: readonly { id: string }[] = details.params['client_id'] === staffClient?.client_id ? TEST_CLINICIANS : TEST_PERSONS;
          const person = people.find((p) => p.id === form.get('person'));
          if (!person) return void res.writeHead(400).end('unknown test person');
          return void (await provider.interactionFinished(req, res, { login: { accountId: person.id } }, { mergeWithLastSubmission: false }));
        }
        if (staffClient && details.params['client_id'] === staffClient.client_id) {
          return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(staffLoginPage(details.uid));
        }
        const method = details.params['login_hint'] === 'freja' ? 'freja' : 'bankid';
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(loginPage(details.uid, method));
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

function loginPage(uid: string, method: 'bankid' | 'freja'): string {
  const radio = (v: string, label: string) => `<label><input type="radio" name="method" value="${v}"${v === method ? ' checked' : ''}> ${label}</label>`;
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test-legitimering</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:30rem;margin:2rem auto;padding:0 1rem}fieldset{margin:1rem 0}button{font:inherit;padding:.6rem 1.2rem;min-height:44px}</style></head>
<body><h1>Test-legitimering (låtsas-e-legitimation)</h1>
<p>Endast för utveckling. Development only: pick an e-ID method and a test person.</p>
<form method="post" action="/interaction/${esc(uid)}/login">
<fieldset><legend>Metod</legend>${radio('bankid', 'BankID')} ${radio('freja', 'Freja eID')}</fieldset>
<fieldset><legend>Testperson</legend>${TEST_PERSONS.map((p, i) => `<label><input type="radio" name="person" value="${p.id}"${i === 0 ? ' checked' : ''}> ${esc(p.name)}</label><br>`).join('')}</fieldset>
<button type="submit">Legitimera</button></form></body></html>`;
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
