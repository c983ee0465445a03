// The reference server against a separate OpenID Provider standing in for a clinic's e-ID broker
// (oidc-provider on its own port, configured as OIDC_ISSUER would be): acr_values asked per
// method, the returned acr checked, the personal identity number read from the configured claim,
// failed logins back on the clinic page with vard_login_error, the per-patient storageKey, and
// bearer access tokens (browser OIDC) checked against the broker's keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import * as oauth from 'oauth4webapi';
import { startServer } from '../../../dist/server/app.js';
import { CookieJar } from './cookie-jar.mjs';

const ACR = { bankid: 'urn:test:bankid', freja: 'urn:test:freja' };
const CLAIM = 'ssn';
const PERSONS = {
  anna: { name: 'Anna Broker', ssn: '198001011234' },
  bo: { name: 'Bo Broker', ssn: '19790202-4321' },
};

/**
 * A broker: oidc-provider with the server's confidential client and a public client for browser
 * OIDC (JWT access tokens for the server's /api). `next` decides who logs in and with which acr.
 */
async function startBroker({ clientJwk } = {}) {
  const server = http.createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const secret = randomBytes(24).toString('base64url');
  const seen = { acrValues: [], loginHints: [] };
  const next = { person: 'anna', acr: ACR.bankid, cancel: false };
  let provider;
  return {
    issuer, secret, seen, next,
    /** Registers the clients (their redirect addresses are the server's, known once it listens). */
    start(serverOrigin) {
      const audience = `${serverOrigin}/api`;
      provider = new Provider(issuer, {
        clients: [
          clientJwk
            // private_key_jwt: the broker knows the server's public key, no shared secret
            ? { client_id: 'clinic-bff', token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [clientJwk] }, redirect_uris: [`${serverOrigin}/auth/callback`], grant_types: ['authorization_code'], response_types: ['code'] }
            : { client_id: 'clinic-bff', client_secret: secret, redirect_uris: [`${serverOrigin}/auth/callback`], grant_types: ['authorization_code'], response_types: ['code'] },
          { client_id: 'clinic-browser', token_endpoint_auth_method: 'none', redirect_uris: ['http://127.0.0.1/cb'], grant_types: ['authorization_code'], response_types: ['code'] },
        ],
        findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: `pairwise-${id}`, name: PERSONS[id].name, [CLAIM]: PERSONS[id].ssn }) }),
        claims: { openid: ['sub', CLAIM], profile: ['name'] },
        acrValues: [ACR.bankid, ACR.freja, 'urn:test:other', `${ACR.bankid}:same-device`],
        conformIdTokenClaims: false,
        cookies: { keys: [randomBytes(16).toString('hex')] },
        features: {
          devInteractions: { enabled: false },
          resourceIndicators: {
            enabled: true,
            defaultResource: (ctx) => (ctx.oidc.client?.clientId === 'clinic-browser' ? audience : undefined),
            useGrantedResource: () => true,
            getResourceServerInfo: (_ctx, resource) => ({ scope: 'openid profile', audience: resource, accessTokenFormat: 'jwt', accessTokenTTL: 300, jwt: { sign: { alg: 'RS256' } } }),
          },
        },
        async extraTokenClaims(ctx, token) {
          if (token.kind !== 'AccessToken' || !token.resourceServer) return undefined;
          const p = PERSONS[token.accountId];
          return { acr: ctx.oidc.entities.AuthorizationCode?.acr, name: p.name, [CLAIM]: p.ssn };
        },
        async loadExistingGrant(ctx) {
          const { clientId } = ctx.oidc.client;
          const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session.accountId });
          grant.addOIDCScope('openid profile');
          if (clientId === 'clinic-browser') grant.addResourceScope(audience, 'openid profile');
          await grant.save();
          return grant;
        },
        interactions: { url: (_ctx, i) => `/interaction/${i.uid}` },
        pkce: { required: () => true },
      });
      provider.use(async (ctx, nextMw) => {
        if (ctx.path === '/auth') {
          seen.acrValues.push(ctx.query.acr_values);
          seen.loginHints.push(ctx.query.login_hint);
        }
        await nextMw();
      });
      const callback = provider.callback();
      server.on('request', async (req, res) => {
        if (!req.url.startsWith('/interaction/')) return callback(req, res);
        // the person "logs in" at once, as `next` says
        await provider.interactionFinished(req, res, next.cancel
          ? { error: 'access_denied', error_description: 'cancelled' }
          : { login: { accountId: next.person, acr: next.acr } }, { mergeWithLastSubmission: false });
      });
    },
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}

/** Starts the server on the broker; `login(method)` runs a whole BFF login and returns the last redirect. */
async function setup({ privateKey, serverKey = privateKey } = {}) {
  const clientJwk = privateKey && { ...privateKey.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: privateKey.alg, use: 'sig' };
  const broker = await startBroker({ clientJwk });
  const credentials = privateKey
    ? { privateKeyPem: serverKey.privateKey.export({ format: 'pem', type: 'pkcs8' }), privateKeyId: 'k1' }
    : { clientSecret: broker.secret };
  const s = await startServer({
    secret: 'a-test-secret-of-at-least-thirty-two-characters',
    oidc: { issuer: broker.issuer, clientId: 'clinic-bff', ...credentials, acr: ACR, personalNumberClaim: CLAIM },
  });
  broker.start(s.url);
  const page = `${s.url}/kontakt?tab=2`;
  const login = async (method, jar = new CookieJar()) => {
    let res = await jar.fetch(`${s.url}/auth/login?method=${method}&return_to=${encodeURIComponent(page)}`);
    assert.equal(res.status, 302);
    let next = new URL(res.headers.get('location'));
    while (next.origin !== s.url) {
      res = await jar.fetch(next.href);
      next = new URL(res.headers.get('location'), next);
    }
    assert.equal(next.pathname, '/auth/callback');
    res = await jar.fetch(next.href);
    assert.equal(res.status, 302);
    return { jar, location: new URL(res.headers.get('location')), cookies: res.headers.getSetCookie() };
  };
  const session = async (jar) => (await jar.fetch(`${s.url}/api/session`)).json();
  return { broker, s, page, login, session, close: async () => { await s.close(); await broker.close(); } };
}

test('broker: BankID is asked with OIDC_ACR_BANKID (not login_hint), the claim gives the patient, and the returned acr is checked', async () => {
  const t = await setup();
  try {
    t.broker.next.acr = ACR.bankid;
    const ok = await t.login('bankid');
    assert.equal(t.broker.seen.acrValues.at(-1), ACR.bankid);
    assert.equal(t.broker.seen.loginHints.at(-1), undefined);
    assert.equal(ok.location.href, t.page, 'back on the clinic page');
    const s1 = await t.session(ok.jar);
    assert.equal(s1.name, 'Anna Broker');
    assert.match(s1.subject, /^p-[\w-]{43}$/, 'an opaque subject');
    assert.ok(!JSON.stringify(s1).includes('198001011234') && !s1.subject.includes('pairwise'), 'neither the number nor the broker sub');

    // Freja asked, Freja's acr back
    t.broker.next.acr = ACR.freja;
    await t.login('freja');
    assert.equal(t.broker.seen.acrValues.at(-1), ACR.freja);

    // BankID asked, but the broker says another method was used: refused, back with a code
    t.broker.next.acr = ACR.freja;
    const wrong = await t.login('bankid');
    assert.equal(wrong.location.origin + wrong.location.pathname, `${t.s.url}/kontakt`);
    assert.equal(wrong.location.searchParams.get('tab'), '2', 'the page keeps its own query');
    assert.equal(wrong.location.searchParams.get('vard_login_error'), 'acr_mismatch');
    assert.ok(!wrong.cookies.some((c) => c.startsWith('vc_session=') && !c.startsWith('vc_session=;')), 'no session cookie');
    assert.deepEqual(await (await wrong.jar.fetch(`${t.s.url}/api/session`)).json(), { loggedIn: false });

    // an acr of some other method: refused
    t.broker.next.acr = 'urn:test:other';
    assert.equal((await t.login('bankid')).location.searchParams.get('vard_login_error'), 'acr_mismatch');
    // a narrower acr below the asked one passes (urn:test:bankid:same-device for urn:test:bankid)
    t.broker.next.acr = `${ACR.bankid}:same-device`;
    const narrow = await t.login('bankid');
    assert.equal(narrow.location.href, t.page);
    assert.equal((await t.session(narrow.jar)).name, 'Anna Broker');
  } finally {
    await t.close();
  }
});

test('broker: cancelling at the e-ID step returns to the clinic page with vard_login_error=access_denied', async () => {
  const t = await setup();
  try {
    t.broker.next.cancel = true;
    const r = await t.login('bankid');
    assert.equal(r.location.searchParams.get('vard_login_error'), 'access_denied');
    assert.equal(r.location.pathname, '/kontakt');
  } finally {
    await t.close();
  }
});

test('storageKey: stable across two logins of one patient, different for another, 32 bytes of base64', async () => {
  const t = await setup();
  try {
    t.broker.next.person = 'anna';
    const a1 = await t.session((await t.login('bankid')).jar);
    const a2 = await t.session((await t.login('bankid')).jar);
    t.broker.next.person = 'bo';
    const b = await t.session((await t.login('bankid')).jar);
    assert.match(a1.storageKey, /^[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(a1.storageKey, 'base64').length, 32);
    assert.equal(a2.storageKey, a1.storageKey, 'the same key after a new login');
    assert.equal(a2.subject, a1.subject, 'the same subject after a new login');
    assert.notEqual(b.storageKey, a1.storageKey, 'another patient, another key');
    assert.notEqual(b.subject, a1.subject);
    assert.equal(b.name, 'Bo Broker', 'a number with a hyphen is read as well');
  } finally {
    await t.close();
  }
  // another server secret: other subjects and keys (they are HMACs under VARD_SECRET)
  const other = await startServer({ devLogin: true, oidc: false, secret: 'another-test-secret-of-at-least-32-chars' });
  const same = await startServer({ devLogin: true, oidc: false, secret: 'another-test-secret-of-at-least-32-chars' });
  try {
    const key = async (srv) => {
      const { token } = await (await fetch(`${srv.url}/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'same-subject', name: 'X' }) })).json();
      return (await (await fetch(`${srv.url}/api/session`, { headers: { authorization: `Bearer ${token}` } })).json()).storageKey;
    };
    assert.equal(await key(other), await key(same), 'one secret, one key: it survives a restart');
  } finally {
    await other.close();
    await same.close();
  }
});

/** Browser OIDC at the broker (a public client, PKCE), done by hand: returns the access token. */
async function browserToken(t, { acr = ACR.bankid, method = 'bankid' } = {}) {
  const jar = new CookieJar();
  const issuer = new URL(t.broker.issuer);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { [oauth.allowInsecureRequests]: true }));
  const client = { client_id: 'clinic-browser' };
  const verifier = oauth.generateRandomCodeVerifier();
  const url = new URL(as.authorization_endpoint);
  for (const [k, v] of Object.entries({ client_id: 'clinic-browser', redirect_uri: 'http://127.0.0.1/cb', response_type: 'code', scope: 'openid profile', code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', acr_values: ACR[method] })) url.searchParams.set(k, v);
  t.broker.next.acr = acr;
  let next = url;
  while (!next.href.startsWith('http://127.0.0.1/cb')) next = new URL((await jar.fetch(next.href)).headers.get('location'), next);
  const params = oauth.validateAuthResponse(as, client, next, oauth.expectNoState);
  const res = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, 'http://127.0.0.1/cb', verifier, { [oauth.allowInsecureRequests]: true });
  const result = await oauth.processAuthorizationCodeResponse(as, client, res);
  return result.access_token;
}

test('bearer: an access token from the broker (JWKS, issuer, audience, expiry, acr) is a patient session; a forged or wrong one is 401', async () => {
  const t = await setup();
  try {
    const token = await browserToken(t);
    assert.equal(token.split('.').length, 3, 'a JWT access token');
    const as = (tok, path = '/api/session') => fetch(`${t.s.url}${path}`, { headers: { authorization: `Bearer ${tok}` } });
    let res = await as(token);
    assert.equal(res.status, 200);
    const s = await res.json();
    assert.equal(s.name, 'Anna Broker');
    assert.match(s.subject, /^p-/);
    assert.match(s.storageKey, /^[A-Za-z0-9+/]{43}=$/);
    // the same patient as through the BFF login
    const bff = await t.session((await t.login('bankid')).jar);
    assert.equal(s.subject, bff.subject, 'bearer and cookie name the same patient');
    // the token works on the protocol's routes
    assert.equal((await as(token, '/api/conversations')).status, 200);

    // a changed signature, payload or header: 401 on a route that needs a patient (GET /session answers { loggedIn: false })
    const [h, p, sig] = token.split('.');
    const flip = (x) => x.slice(0, -2) + (x.at(-2) === 'A' ? 'B' : 'A') + x.at(-1);
    assert.equal((await as(`${h}.${p}.${flip(sig)}`, '/api/conversations')).status, 401, 'signature');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = (o) => `${h}.${Buffer.from(JSON.stringify({ ...payload, ...o })).toString('base64url')}.${sig}`;
    assert.equal((await as(forged({ ssn: '198001019999' }), '/api/conversations')).status, 401, 'another number');
    assert.equal((await as(forged({ aud: 'https://other.example/api' }), '/api/conversations')).status, 401, 'audience');
    // an acr that is neither BankID nor Freja (a valid token of the broker): 401
    const other = await browserToken(t, { acr: 'urn:test:other' });
    assert.equal((await as(other, '/api/conversations')).status, 401, 'acr');
    // an ID-token-shaped garbage and an opaque unknown id: 401, never 500
    assert.equal((await as('a.b.c', '/api/conversations')).status, 401);
    assert.equal((await as('not-a-session', '/api/conversations')).status, 401);
  } finally {
    await t.close();
  }
});

test('broker: the server authenticates with private_key_jwt (OIDC_PRIVATE_KEY_FILE), RSA and EC P-256', async () => {
  for (const [type, opts, alg] of [['rsa', { modulusLength: 2048 }, 'RS256'], ['ec', { namedCurve: 'P-256' }, 'ES256']]) {
    const t = await setup({ privateKey: { ...generateKeyPairSync(type, opts), alg } });
    try {
      const r = await t.login('bankid');
      assert.equal(r.location.href, t.page, `${type}: logged in`);
      assert.equal((await t.session(r.jar)).name, 'Anna Broker');
    } finally {
      await t.close();
    }
  }
  // a key the broker does not know: the code exchange fails, back on the page with a code
  const ec = () => ({ ...generateKeyPairSync('ec', { namedCurve: 'P-256' }), alg: 'ES256' });
  const t = await setup({ privateKey: ec(), serverKey: ec() });
  try {
    const r = await t.login('bankid');
    assert.equal(r.location.searchParams.get('vard_login_error'), 'token_error');
    assert.deepEqual(await (await r.jar.fetch(`${t.s.url}/api/session`)).json(), { loggedIn: false });
  } finally {
    await t.close();
  }
});

test('broker: when the broker does not answer, the login goes back to the clinic page with temporarily_unavailable (not a 500)', async () => {
  const down = http.createServer();
  await new Promise((r) => down.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${down.address().port}`;
  await new Promise((r) => down.close(r)); // nothing listens there now
  const s = await startServer({ secret: 'a-test-secret-of-at-least-thirty-two-characters', oidc: { issuer, clientId: 'c', clientSecret: 's' } });
  try {
    const res = await fetch(`${s.url}/auth/login?method=bankid&return_to=${encodeURIComponent(`${s.url}/kontakt`)}`, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const back = new URL(res.headers.get('location'));
    assert.equal(back.pathname, '/kontakt');
    assert.equal(back.searchParams.get('vard_login_error'), 'temporarily_unavailable');
  } finally {
    await s.close();
  }
});
