// Staff login and authorization (issue #14.1): OIDC against the dev provider's staff client, no
// console route without a staff session, a clinician only in their queues (or assigned to them),
// the development login only with DEV_LOGIN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, CONSOLE_ROUTES } from '../../../dist/server/app.js';
import { CookieJar } from './cookie-jar.mjs';
import { start, json } from './helpers.mjs';

/** Follows the staff login through the dev provider as `person`; returns the jar and the last redirect. */
async function ssoLogin(s, person) {
  const jar = new CookieJar();
  let res = await jar.fetch(`${s.url}/console/auth/login`);
  assert.equal(res.status, 302);
  const authorize = new URL(res.headers.get('location'));
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  assert.match(authorize.searchParams.get('scope'), /\bstaff\b/);
  res = await jar.fetch(authorize.href);
  const interaction = new URL(res.headers.get('location'), authorize);
  const page = await (await jar.fetch(interaction.href)).text();
  assert.match(page, /Sara Berg/, 'the staff client shows test clinicians');
  assert.doesNotMatch(page, /Tolvan/, 'not the patients');
  res = await jar.fetch(`${interaction.href}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `person=${person}` });
  let next = new URL(res.headers.get('location'), authorize);
  while (next.origin !== s.url) {
    res = await jar.fetch(next.href);
    next = new URL(res.headers.get('location'), next);
  }
  assert.equal(next.pathname, '/console/auth/callback');
  res = await jar.fetch(next.href);
  return { jar, res, callback: next };
}

test('staff login through OIDC: a SameSite=Strict session cookie on /console, the claims give name, profession and queues', async () => {
  const s = await startServer({});
  try {
    const options = await (await fetch(`${s.url}/console/api/login-options`)).json();
    assert.deepEqual(options, { sso: true, devLogin: false });
    const { jar, res, callback } = await ssoLogin(s, 'staff-sara');
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/console/');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('vc_staff='));
    for (const attr of [/; Path=\/console(;|$)/, /; HttpOnly(;|$)/, /; SameSite=Strict(;|$)/]) assert.match(cookie, attr);
    assert.doesNotMatch(cookie, /Max-Age|Expires/i, 'a browser-session cookie');
    const me = await (await jar.fetch(`${s.url}/console/api/me`)).json();
    assert.deepEqual(me, { name: 'Sara Berg', profession: 'läkare', queue: 'nurse', queues: ['nurse', 'doctor'] });
    // the callback cannot be replayed
    const replay = await jar.fetch(callback.href);
    assert.equal(replay.headers.get('location'), '/console/?login_error=1');
    // the stored id is a hash of the cookie's
    const id = cookie.split(';')[0].split('=')[1];
    const rows = s.db.prepare("SELECT id FROM sessions WHERE kind = 'staff'").all();
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0].id, id, 'never the id itself');
    const { createHash } = await import('node:crypto');
    assert.equal(rows[0].id, createHash('sha256').update(id).digest('base64url'));
    // logout ends it
    assert.equal((await jar.fetch(`${s.url}/console/api/logout`, { method: 'POST' })).status, 204);
    assert.equal((await fetch(`${s.url}/console/api/overview`, { headers: { cookie: `vc_staff=${id}` } })).status, 401);
    assert.deepEqual(await (await fetch(`${s.url}/console/api/me`, { headers: { cookie: `vc_staff=${id}` } })).json(), { loggedIn: false }, '/me answers logged out');
    // a new id at every login
    const again = await ssoLogin(s, 'staff-sara');
    const id2 = again.res.headers.getSetCookie().find((c) => c.startsWith('vc_staff=')).split(';')[0].split('=')[1];
    assert.notEqual(id2, id);
  } finally {
    await s.close();
  }
});

test('a forged or failed staff callback ends on the console login with login_error, never a session', async () => {
  const s = await startServer({});
  try {
    const res = await fetch(`${s.url}/console/auth/callback?state=forged&code=x`, { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/console/?login_error=1');
    assert.equal(res.headers.getSetCookie().some((c) => c.startsWith('vc_staff=') && !/Max-Age=0/.test(c)), false);
  } finally {
    await s.close();
  }
});

test('the development login is 404 without DEV_LOGIN; with it, it works and says so', async () => {
  const off = await startServer({ oidc: false, devLogin: false });
  try {
    const res = await fetch(`${off.url}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json({ name: 'Mallory', queue: 'nurse' }) });
    assert.equal(res.status, 404);
    assert.equal(res.headers.getSetCookie().length, 0);
    assert.deepEqual(await (await fetch(`${off.url}/console/api/login-options`)).json(), { sso: false, devLogin: false });
  } finally {
    await off.close();
  }
  const on = await start();
  try {
    assert.equal((await on.post('/console/api/login', { name: 'Anna Svensson', queue: 'nurse' })).status, 200);
    assert.deepEqual(await (await on.api('/console/api/login-options')).json(), { sso: false, devLogin: true });
  } finally {
    await on.s.close();
  }
});

test('no staff session → 401 on every console route but the login ones; a patient session is no staff session', async () => {
  const t = await start();
  try {
    const p = await t.patient();
    const id = '00000000-0000-4000-8000-000000000000';
    let checked = 0;
    for (const [name, r] of Object.entries(CONSOLE_ROUTES)) {
      if (r.auth === false) continue;
      const path = '/console/api' + r.path.replace('{conversationId}', id);
      const init = r.method === 'GET' ? {} : { method: r.method, headers: { 'content-type': 'application/json' }, body: '{}' };
      assert.equal((await t.api(path, init)).status, 401, `${name}: no session`);
      const asPatient = await t.api(path, { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${p.token}` } });
      assert.equal(asPatient.status, 401, `${name}: a patient's session`);
      checked++;
    }
    assert.ok(checked >= 14, `every guarded route was called (${checked})`);
  } finally {
    await t.s.close();
  }
});

test('a clinician reads and writes only the conversations of their queues or assigned to them (403 forbidden otherwise)', async () => {
  const t = await start({ sendsPerMinute: 10_000 });
  try {
    const p = await t.patient('Astrid Andersson');
    const nurse = await t.staff('Anna Svensson', 'nurse');
    const doctor = await t.staff('Erik Lind', 'doctor');
    const c = await (await p.as('/conversations', { method: 'POST', body: json({ reason: 'medication', mode: 'async' }) })).json(); // → doctor
    await p.as(`/conversations/${c.id}/messages/m1`, { method: 'PUT', body: json({ text: 'Hej' }) });
    const calls = [
      ['GET', ''], ['GET', '/messages'], ['POST', '/messages', { text: 'Hej från fel kö' }], ['POST', '/typing', { typing: true }],
      ['POST', '/read'], ['POST', '/handover', { queue: 'nurse' }], ['POST', '/close', {}], ['GET', '/record'], ['GET', '/record.fhir.json'],
    ];
    for (const [method, sub, body] of calls) {
      const res = await nurse(`/conversations/${c.id}${sub}`, { method, ...(body ? { body: json(body) } : {}) });
      assert.equal(res.status, 403, `${method} ${sub || '(detail)'}: another queue's conversation`);
      assert.equal((await res.json()).code, 'forbidden');
    }
    assert.equal((await nurse('/next', { method: 'POST', body: json({ queue: 'doctor' }) })).status, 403, 'take next from another queue');
    assert.equal((await (await nurse('/overview')).json()).conversations.some((x) => x.id === c.id), false, 'not listed');
    // nothing happened to it
    const detail = await (await doctor(`/conversations/${c.id}`)).json();
    assert.deepEqual(detail.messages.map((m) => m.text), ['Hej']);
    assert.equal(detail.conversation.status, 'waiting-for-clinic');
    // the doctor hands it to the nurse by name in the doctor queue: assigned to her, she may act on it
    assert.equal((await doctor(`/conversations/${c.id}/handover`, { method: 'POST', body: json({ queue: 'doctor', to: 'Anna Svensson' }) })).status, 200);
    assert.equal((await nurse(`/conversations/${c.id}`)).status, 200, 'assigned to her');
    assert.equal((await nurse(`/conversations/${c.id}/messages`, { method: 'POST', body: json({ text: 'Jag tar det här.' }) })).status, 201);
  } finally {
    await t.s.close();
  }
});

test("the staff event stream carries only the clinician's queues' events", async () => {
  const t = await start({ sendsPerMinute: 10_000 });
  try {
    const p = await t.patient('Astrid Andersson');
    const nurse = await t.staff('Anna Svensson', 'nurse');
    const doctor = await t.staff('Erik Lind', 'doctor');
    const nurseCtrl = new AbortController();
    const doctorCtrl = new AbortController();
    const nurseStream = await nurse('/events', { signal: nurseCtrl.signal });
    const doctorStream = await doctor('/events', { signal: doctorCtrl.signal });
    const forDoctor = await (await p.as('/conversations', { method: 'POST', body: json({ reason: 'medication', mode: 'async' }) })).json();
    const forNurse = await (await p.as('/conversations', { method: 'POST', body: json({ reason: 'advice', mode: 'async' }) })).json();
    await p.as(`/conversations/${forDoctor.id}/messages/d1`, { method: 'PUT', body: json({ text: 'Till läkaren' }) });
    await p.as(`/conversations/${forNurse.id}/messages/n1`, { method: 'PUT', body: json({ text: 'Till sjuksköterskan' }) });
    // events come in order: once a stream has the last message of its own, it has passed the other's
    const until = async (res, ctrl, text) => {
      const got = [];
      const decoder = new TextDecoder();
      let buf = '';
      for await (const chunk of res.body) {
        buf += decoder.decode(chunk, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const data = /^data: (.*)$/m.exec(buf.slice(0, i))?.[1];
          buf = buf.slice(i + 2);
          if (data) got.push(JSON.parse(data));
        }
        if (got.some((e) => e.type === 'message' && e.message.text === text)) break;
      }
      ctrl.abort();
      return got;
    };
    const [n, d] = await Promise.all([until(nurseStream, nurseCtrl, 'Till sjuksköterskan'), until(doctorStream, doctorCtrl, 'Till läkaren')]);
    const ids = (events) => new Set(events.map((e) => e.conversationId ?? e.message?.conversationId ?? e.conversation?.id).filter(Boolean));
    assert.deepEqual([...ids(n)], [forNurse.id], 'the nurse hears only the nurse queue');
    assert.ok(ids(d).has(forDoctor.id), 'the doctor hears the doctor queue');
    assert.equal(ids(d).has(forNurse.id), false);
    // a resume (Last-Event-ID) is filtered the same way
    const ctrl = new AbortController();
    const resumed = await nurse('/events', { signal: ctrl.signal, headers: { 'last-event-id': '0' } });
    const backlog = await until(resumed, ctrl, 'Till sjuksköterskan');
    assert.deepEqual([...ids(backlog)], [forNurse.id]);
  } finally {
    await t.s.close();
  }
});
