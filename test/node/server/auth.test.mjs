import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../../dist/server/app.js';
import { CookieJar } from './cookie-jar.mjs';

test('BFF login: OIDC code + PKCE against the pretend e-ID provider sets an HttpOnly session cookie; logout ends it', async () => {
  const s = await startServer({});
  const jar = new CookieJar();
  try {
    // 1. the widget navigates to /auth/login
    let res = await jar.fetch(`${s.url}/auth/login?method=freja&return=${encodeURIComponent(`${s.url}/demo/http.html`)}`);
    assert.equal(res.status, 302);
    const authorize = new URL(res.headers.get('location'));
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('acr_values'), 'urn:grn:authn:se:frejaid', 'the method as acr_values');
    assert.equal(authorize.searchParams.get('login_hint'), null, 'not as login_hint');
    assert.ok(authorize.searchParams.get('state') && authorize.searchParams.get('nonce'));
    // 2. the provider asks for a login
    res = await jar.fetch(authorize.href);
    const interaction = new URL(res.headers.get('location'), authorize);
    res = await jar.fetch(interaction.href);
    const page = await res.text();
    assert.match(page, /value="freja" checked/, 'the chosen method is preselected');
    assert.match(page, /Astrid Andersson/);
    // 3. the tester picks a test person
    res = await jar.fetch(`${interaction.href}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'method=freja&person=tp-astrid' });
    let next = new URL(res.headers.get('location'), authorize);
    while (next.origin !== s.url) {
      res = await jar.fetch(next.href);
      next = new URL(res.headers.get('location'), next);
    }
    // 4. back at the BFF callback
    assert.equal(next.pathname, '/auth/callback');
    res = await jar.fetch(next.href);
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), `${s.url}/demo/http.html`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('vc_session='));
    assert.match(cookie, /HttpOnly; SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, 'plain http in development');
    // 5. the session works, and names the person
    res = await jar.fetch(`${s.url}/api/session`);
    const session = await res.json();
    assert.equal(session.name, 'Astrid Andersson');
    // the subject is an HMAC of the personal identity number, never the number itself
    assert.match(session.subject, /^p-[\w-]{43}$/);
    assert.ok(!JSON.stringify(session).includes('195001182046'), 'the personal identity number is not in the session');
    // the callback cannot be replayed
    assert.equal((await jar.fetch(next.href)).status, 400);
    // 6. logout
    assert.equal((await jar.fetch(`${s.url}/auth/logout`, { method: 'POST' })).status, 204);
    assert.equal((await fetch(`${s.url}/api/session`, { headers: { cookie: `vc_session=${cookie.split(';')[0].split('=')[1]}` } })).status, 401);
  } finally {
    await s.close();
  }
});

test('login refuses an unknown method and a return address on another site', async () => {
  const s = await startServer({});
  try {
    assert.equal((await fetch(`${s.url}/auth/login?method=password&return=/`, { redirect: 'manual' })).status, 400);
    assert.equal((await fetch(`${s.url}/auth/login?method=bankid&return=${encodeURIComponent('https://evil.example/')}`, { redirect: 'manual' })).status, 400);
    assert.equal((await fetch(`${s.url}/auth/callback?state=forged&code=x`, { redirect: 'manual' })).status, 400);
  } finally {
    await s.close();
  }
});

test("the widget's return_to is followed, and a login after logout asks for the e-ID again (prompt=login)", async () => {
  const s = await startServer({});
  const jar = new CookieJar();
  /** Starts a login; returns where the provider sends the browser first. */
  const start = async () => {
    const res = await jar.fetch(`${s.url}/auth/login?method=bankid&return_to=${encodeURIComponent(`${s.url}/demo/http.html`)}`);
    assert.equal(res.status, 302);
    const authorize = new URL(res.headers.get('location'));
    assert.equal(authorize.searchParams.get('prompt'), 'login');
    return { authorize, next: new URL((await jar.fetch(authorize.href)).headers.get('location'), authorize) };
  };
  try {
    const { authorize, next: interaction } = await start();
    let res = await jar.fetch(`${interaction.href}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'method=bankid&person=tp-astrid' });
    let next = new URL(res.headers.get('location'), authorize);
    while (next.origin !== s.url) next = new URL((await jar.fetch(next.href)).headers.get('location'), next);
    res = await jar.fetch(next.href);
    assert.equal(res.headers.get('location'), `${s.url}/demo/http.html`, 'back on the page the widget named');
    assert.equal((await jar.fetch(`${s.url}/auth/logout`, { method: 'POST' })).status, 204);
    // the provider still has its own session (its cookie), yet the next login shows the person picker
    const again = await start();
    assert.match(again.next.pathname, /^\/interaction\//, `a login page, not a silent login: ${again.next.href}`);
  } finally {
    await s.close();
  }
});
