import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { http, HttpResponse } from 'msw';
import * as oauth from 'oauth4webapi';
import { oidcStrategy, OIDC_TXN_KEY } from '../../src/auth/oidc.js';
import type { AuthConfig } from '../../src/auth/config.js';
import { fakeEnv } from './fake-env.js';

const ISSUER = 'https://idp.example.test';
const PAGE = 'https://clinic.example.test/kontakt';
const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
/** An ID token as the token endpoint returns it (its signature is not checked for the code flow over TLS). */
const idToken = (claims: Record<string, unknown>) =>
  `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iss: ISSUER, aud: 'vard-chat', sub: 'p-1', iat: Math.floor(Date.now() / 1000), auth_time: Math.floor(Date.now() / 1000) - 5, exp: Math.floor(Date.now() / 1000) + 300, ...claims })}.c2ln`;

let token: (body: URLSearchParams) => Response | Promise<Response>;
let tokenCalls: URLSearchParams[] = [];
let issParam = true;
const worker = setupWorker(
  http.get(`${ISSUER}/.well-known/openid-configuration`, () => HttpResponse.json({
    issuer: ISSUER, authorization_endpoint: `${ISSUER}/auth`, token_endpoint: `${ISSUER}/token`,
    code_challenge_methods_supported: ['S256'], authorization_response_iss_parameter_supported: issParam,
  })),
  http.post(`${ISSUER}/token`, async ({ request }) => {
    const body = new URLSearchParams(await request.text());
    tokenCalls.push(body);
    return token(body);
  }),
);
before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } }));
after(() => worker.stop());
beforeEach(() => {
  sessionStorage.clear();
  tokenCalls = [];
  issParam = true;
});

const CONFIG: AuthConfig = { mode: 'oidc', issuer: ISSUER, clientId: 'vard-chat' };

function setup(config: AuthConfig = CONFIG) {
  const env = fakeEnv(`${PAGE}?tab=2`);
  const strategy = oidcStrategy(config, { ...env, fetch: (...a) => fetch(...a), storage: sessionStorage, now: Date.now });
  return { env, strategy };
}

/** Starts a login and plays the provider: returns the callback URL it would redirect to. */
async function loginAndReturn(s: ReturnType<typeof setup>, extra: Record<string, string> = {}) {
  await s.strategy.login('bankid');
  const auth = new URL(s.env.navigations.at(-1)!);
  const params = new URLSearchParams({ code: 'code-1', state: auth.searchParams.get('state')!, iss: ISSUER, ...extra });
  s.env.go(`${PAGE}?tab=2&${params}`);
  return auth;
}

const okToken = (nonce: string) => HttpResponse.json({ access_token: 'at-secret', token_type: 'Bearer', expires_in: 600, id_token: idToken({ nonce, name: 'Testa Testsson' }) });

describe('browser OIDC strategy', () => {
  it('sends the code flow request with PKCE S256, state, nonce, acr_values and login_hint', async () => {
    const s = setup({ ...CONFIG, loginHint: 'hint-1', acrValues: { freja: 'urn:custom:freja' } });
    await s.strategy.login('bankid');
    const q = new URL(s.env.navigations[0]!).searchParams;
    const txn = JSON.parse(sessionStorage.getItem(OIDC_TXN_KEY)!);
    expect(q.get('response_type')).to.equal('code');
    expect(q.get('client_id')).to.equal('vard-chat');
    expect(q.get('redirect_uri')).to.equal(PAGE);
    expect(q.get('code_challenge_method')).to.equal('S256');
    expect(q.get('code_challenge')).to.equal(await oauth.calculatePKCECodeChallenge(txn.verifier));
    expect(q.get('state')).to.equal(txn.state);
    expect(q.get('nonce')).to.equal(txn.nonce);
    expect(q.get('acr_values')).to.equal('urn:grn:authn:se:bankid');
    expect(q.get('login_hint')).to.equal('hint-1');
    // a fresh e-ID step every time: the broker's own session does not log anyone in silently
    expect(q.get('prompt')).to.equal('login');
    expect(q.get('max_age')).to.equal('300');
    await s.strategy.login('freja');
    expect(new URL(s.env.navigations[1]!).searchParams.get('acr_values')).to.equal('urn:custom:freja');
  });

  it('completes a good return: tokens in memory only, transaction deleted, address bar cleaned', async () => {
    const s = setup();
    const auth = await loginAndReturn(s);
    token = () => okToken(auth.searchParams.get('nonce')!);
    expect(s.strategy.pendingCallback()).to.equal(true);
    const result = await s.strategy.completeCallback();
    expect(result).to.deep.include({ ok: true });
    if (!result.ok) throw new Error('not ok');
    expect(result.credentials?.session).to.deep.include({ subject: 'p-1', name: 'Testa Testsson' });
    expect(result.credentials?.accessToken).to.equal('at-secret');
    expect(tokenCalls[0]?.get('code_verifier')).to.match(/^[\w-]{43,}$/);
    expect(sessionStorage.getItem(OIDC_TXN_KEY)).to.equal(null);
    expect(s.env.location.href).to.equal(`${PAGE}?tab=2`);
    expect(JSON.stringify({ ...sessionStorage })).to.not.include('at-secret');
  });

  it('rejects an ID token whose e-ID step is older than max_age, or that has no auth_time', async () => {
    for (const authTime of [Math.floor(Date.now() / 1000) - 3600, undefined]) {
      const s = setup();
      const auth = await loginAndReturn(s);
      token = () => HttpResponse.json({ access_token: 'at', token_type: 'Bearer', expires_in: 600, id_token: idToken({ nonce: auth.searchParams.get('nonce'), name: 'T', auth_time: authTime }) });
      expect(await s.strategy.completeCallback(), String(authTime)).to.deep.equal({ ok: false, error: 'invalid' });
    }
  });

  it('rejects a tampered state without calling the token endpoint', async () => {
    const s = setup();
    await loginAndReturn(s, { state: 'tampered' });
    expect(await s.strategy.completeCallback()).to.deep.equal({ ok: false, error: 'invalid' });
    expect(tokenCalls).to.have.length(0);
    expect(s.env.location.href).to.equal(`${PAGE}?tab=2`);
  });

  it('rejects a wrong nonce in the ID token', async () => {
    const s = setup();
    await loginAndReturn(s);
    token = () => okToken('another-nonce');
    expect(await s.strategy.completeCallback()).to.deep.equal({ ok: false, error: 'invalid' });
  });

  it('rejects a wrong iss response parameter when the provider advertises it', async () => {
    const s = setup();
    await loginAndReturn(s, { iss: 'https://evil.example.test' });
    expect(await s.strategy.completeCallback()).to.deep.equal({ ok: false, error: 'invalid' });
    expect(tokenCalls).to.have.length(0);
  });

  it('rejects a callback on a page that never started a login', async () => {
    const s = setup();
    s.env.go(`${PAGE}?code=stolen&state=whatever`);
    expect(s.strategy.pendingCallback()).to.equal(true);
    expect(await s.strategy.completeCallback()).to.deep.equal({ ok: false, error: 'invalid' });
    expect(tokenCalls).to.have.length(0);
    expect(s.env.location.href).to.equal(PAGE);
  });

  it('maps a refused (replayed) code to "invalid" and a network failure on the token call to "network"', async () => {
    const s = setup();
    await loginAndReturn(s);
    token = () => HttpResponse.json({ error: 'invalid_grant' }, { status: 400 });
    expect(await s.strategy.completeCallback()).to.deep.equal({ ok: false, error: 'invalid' });
    const s2 = setup();
    await loginAndReturn(s2);
    token = () => HttpResponse.error();
    expect(await s2.strategy.completeCallback()).to.deep.equal({ ok: false, error: 'network' });
  });

  it('maps access_denied (cancelled in BankID) and login_required', async () => {
    for (const [error, code] of [['access_denied', 'cancelled'], ['login_required', 'login-required']] as const) {
      const s = setup();
      await s.strategy.login('bankid');
      const state = new URL(s.env.navigations[0]!).searchParams.get('state')!;
      s.env.go(`${PAGE}?error=${error}&state=${state}&iss=${encodeURIComponent(ISSUER)}`);
      expect(await s.strategy.completeCallback()).to.deep.equal({ ok: false, error: code });
      expect(s.env.location.href).to.equal(PAGE);
    }
  });
});
