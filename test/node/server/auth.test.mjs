import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../../dist/server/app.js';
import { CookieJar } from './cookie-jar.mjs';
import { readFileSync } from 'node:fs';

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
    assert.match(page, /Legitimera dig med Freja eID/, 'the method chosen in the widget is shown, not asked again');
    assert.doesNotMatch(page, /name="method"/);
    // the same test people as the demo's pretend e-ID page (one list)
    const people = [...readFileSync(new URL('../../../src/adapters/memory/test-people.ts', import.meta.url), 'utf8')
      .matchAll(/subject: '([^']+)', name: '([^']+)'/g)];
    assert.ok(people.length >= 3, 'the shared list was read');
    for (const [, subject, name] of people) assert.match(page, new RegExp(`value="${subject}"[^>]*> ${name}<`));
    assert.match(page, /formaction="\/interaction\/[^"]+\/abort">Avbryt</);
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
    assert.deepEqual(await (await fetch(`${s.url}/api/session`, { headers: { cookie: `vc_session=${cookie.split(';')[0].split('=')[1]}` } })).json(), { loggedIn: false });
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

test('"Avbryt" at the pretend e-ID step sends the patient back to the clinic page with vard_login_error=access_denied, and no session', async () => {
  const s = await startServer({});
  const jar = new CookieJar();
  try {
    let res = await jar.fetch(`${s.url}/auth/login?method=bankid&return_to=${encodeURIComponent(`${s.url}/demo/http.html?x=1`)}`);
    const authorize = new URL(res.headers.get('location'));
    const interaction = new URL((await jar.fetch(authorize.href)).headers.get('location'), authorize);
    res = await jar.fetch(`${interaction.href}/abort`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'person=tp-astrid&cancel=1' });
    let next = new URL(res.headers.get('location'), authorize);
    while (next.origin !== s.url) next = new URL((await jar.fetch(next.href)).headers.get('location'), next);
    assert.equal(next.pathname, '/auth/callback');
    assert.equal(next.searchParams.get('error'), 'access_denied');
    res = await jar.fetch(next.href);
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), `${s.url}/demo/http.html?x=1&vard_login_error=access_denied`);
    assert.equal(res.headers.getSetCookie().find((c) => c.startsWith('vc_session=')), undefined, 'no session cookie');
    // a forged error without the login's state is refused
    assert.equal((await fetch(`${s.url}/auth/callback?error=access_denied&state=forged`, { redirect: 'manual' })).status, 400);
  } finally {
    await s.close();
  }
});
