import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, json, readEvents } from './helpers.mjs';

describe('reference server: the patient protocol', () => {
  let t;
  before(async () => (t = await start({ sendsPerMinute: 1000 })));
  after(() => t.s.close());

  test('PUT is idempotent on clientId: 201, then 200 with the same message, 409 for another body', async () => {
    const p = await t.patient();
    const c = await (await p.as('/conversations', { method: 'POST', body: json({}) })).json();
    const first = await p.as(`/conversations/${c.id}/messages/k-1`, { method: 'PUT', body: json({ text: 'Hej' }) });
    assert.equal(first.status, 201);
    const m1 = await first.json();
    const again = await p.as(`/conversations/${c.id}/messages/k-1`, { method: 'PUT', body: json({ text: 'Hej' }) });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), m1);
    const other = await p.as(`/conversations/${c.id}/messages/k-1`, { method: 'PUT', body: json({ text: 'Annat' }) });
    assert.equal(other.status, 409);
    assert.equal((await other.json()).code, 'client-id-conflict');
    const page = await (await p.as(`/conversations/${c.id}/messages`)).json();
    assert.equal(page.messages.filter((m) => m.clientId === 'k-1').length, 1);
  });

  test('length limit: 4000 characters (code points) pass, 4001 → 422 message-too-long; empty → 422', async () => {
    const p = await t.patient();
    const c = await (await p.as('/conversations', { method: 'POST', body: json({}) })).json();
    assert.equal((await p.as(`/conversations/${c.id}/messages/ok`, { method: 'PUT', body: json({ text: '😀'.repeat(4000) }) })).status, 201);
    const long = await p.as(`/conversations/${c.id}/messages/long`, { method: 'PUT', body: json({ text: 'a'.repeat(4001) }) });
    assert.equal(long.status, 422);
    assert.equal((await long.json()).code, 'message-too-long');
    const empty = await p.as(`/conversations/${c.id}/messages/empty`, { method: 'PUT', body: json({ text: '  ' }) });
    assert.deepEqual([empty.status, (await empty.json()).code], [422, 'message-empty']);
  });

  test('malformed JSON → 400 invalid-json; a body over 64 KB → 413', async () => {
    const p = await t.patient();
    const c = await (await p.as('/conversations', { method: 'POST', body: json({}) })).json();
    const bad = await p.as(`/conversations/${c.id}/messages/x`, { method: 'PUT', body: '{"text": "hej"' });
    assert.deepEqual([bad.status, (await bad.json()).code], [400, 'invalid-json']);
    const big = await p.as(`/conversations/${c.id}/messages/y`, { method: 'PUT', body: json({ text: 'a'.repeat(70_000) }) });
    assert.deepEqual([big.status, (await big.json()).code], [413, 'body-too-large']);
  });

  test('no session → 401 no-session, also with a made-up token', async () => {
    for (const headers of [{}, { authorization: 'Bearer made-up' }]) {
      // the session probe answers "logged out" (200), so the browser logs no 401 before a login
      const probe = await t.api('/api/session', { headers });
      assert.deepEqual([probe.status, await probe.json()], [200, { loggedIn: false }], 'GET /api/session');
      for (const [method, path] of [['GET', '/api/conversations'], ['POST', '/api/conversations'], ['GET', '/api/events']]) {
        const res = await t.api(path, { method, headers, body: method === 'POST' ? '{}' : undefined });
        assert.equal(res.status, 401, `${method} ${path}`);
        assert.equal((await res.json()).code, 'no-session');
      }
    }
  });

  test("another patient's conversation → 404, indistinguishable from one that does not exist", async () => {
    const a = await t.patient('A');
    const b = await t.patient('B');
    const c = await (await a.as('/conversations', { method: 'POST', body: json({}) })).json();
    const theirs = await b.as(`/conversations/${c.id}/messages`);
    const none = await b.as(`/conversations/00000000-0000-4000-8000-000000000000/messages`);
    assert.equal(theirs.status, 404);
    assert.deepEqual(await theirs.json(), await none.json());
    for (const [method, path, body] of [['PUT', `/conversations/${c.id}/messages/z`, { text: 'x' }], ['POST', `/conversations/${c.id}/read`, { messageId: 'm' }], ['POST', `/conversations/${c.id}/typing`, { typing: true }], ['POST', `/conversations/${c.id}/evaluation`, { answers: { resourceType: 'QuestionnaireResponse', status: 'completed' } }]]) {
      assert.equal((await b.as(path, { method, body: json(body) })).status, 404, `${method} ${path}`);
    }
    assert.ok(!(await (await b.as('/conversations')).json()).conversations.some((x) => x.id === c.id));
  });

  test('the triage reason routes a new conversation to its queue (default nurse)', async () => {
    const p = await t.patient();
    const ids = {};
    for (const reason of ['medication', 'back-pain', 'booking', 'advice', undefined, 'unknown-reason']) {
      ids[reason] = (await (await p.as('/conversations', { method: 'POST', body: json(reason ? { reason } : {}) })).json()).id;
    }
    // the triage's coded reason routes when no reason is given (prescription → doctor)
    const triage = { resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'https://vardchat.se/fhir/Questionnaire/contact-reason|1.0.0', item: [
      { linkId: 'reason', answer: [{ valueCoding: { system: 'https://vardchat.se/fhir/CodeSystem/contact-reason', code: 'prescription' } }] },
      { linkId: 'prescription', item: [{ linkId: 'medicine', answer: [{ valueString: 'Levaxin' }] }] },
    ] };
    const triaged = (await (await p.as('/conversations', { method: 'POST', body: json({ triage }) })).json()).id;
    // each clinician sees their own queue's conversations: one of each queue between them
    const conversations = [];
    for (const q of ['nurse', 'doctor', 'physiotherapist', 'reception']) conversations.push(...(await (await (await t.staff(`Test ${q}`, q))('/overview')).json()).conversations);
    const queue = (id) => conversations.find((c) => c.id === id).queueName;
    assert.deepEqual([ids.medication, ids['back-pain'], ids.booking, ids.advice, ids.undefined, ids['unknown-reason'], triaged].map(queue),
      ['doctor', 'physiotherapist', 'reception', 'nurse', 'nurse', 'nurse', 'doctor']);
  });

  test('events: resume with Last-Event-ID gives exactly what was missed; too old → resync; heartbeats flow', async () => {
    const p = await t.patient();
    const staff = await t.staff();
    const c = await (await p.as('/conversations', { method: 'POST', body: json({}) })).json();
    await staff(`/conversations/${c.id}/messages`, { method: 'POST', body: json({ text: 'ett' }) });
    let ctrl = new AbortController();
    let res = await p.as('/events', { headers: { 'last-event-id': '0' }, signal: ctrl.signal });
    const all = (await readEvents(res, ctrl, 4)).filter((e) => !e.comment);
    const msgs = all.filter((e) => e.data.type === 'message');
    assert.ok(msgs.some((e) => e.data.message.text === 'ett'));
    const last = all[all.length - 1].id;
    for (const text of ['två', 'tre']) await staff(`/conversations/${c.id}/messages`, { method: 'POST', body: json({ text }) });
    ctrl = new AbortController();
    res = await p.as('/events', { headers: { 'last-event-id': last }, signal: ctrl.signal });
    const resumed = (await readEvents(res, ctrl, 2, 1500)).filter((e) => !e.comment && e.data.type === 'message' && e.data.message.author.role === 'clinician');
    assert.deepEqual(resumed.map((e) => e.data.message.text), ['två', 'tre']);
    assert.ok(resumed.every((e) => Number(e.id) > Number(last) && e.id === e.data.id));
    await t.api('/dev/prune-events', { method: 'POST' });
    ctrl = new AbortController();
    res = await p.as('/events', { headers: { 'last-event-id': last }, signal: ctrl.signal });
    const [resync] = (await readEvents(res, ctrl, 1)).filter((e) => !e.comment);
    assert.equal(resync.event, 'resync');
    assert.equal(resync.data.type, 'resync');
    assert.equal(resync.id, String(await t.s.store.headEventId()));
    assert.ok(Number(resync.id) > Number(last), 'the resync points at the head, past the resume point');
    // resuming from the resync event's own id is a normal resume (no second resync)
    await staff(`/conversations/${c.id}/messages`, { method: 'POST', body: json({ text: 'fyra' }) });
    ctrl = new AbortController();
    res = await p.as('/events', { headers: { 'last-event-id': resync.data.id }, signal: ctrl.signal });
    const after = (await readEvents(res, ctrl, 1, 1500)).filter((e) => !e.comment);
    assert.ok(after.length > 0 && after.every((e) => e.event !== 'resync'), JSON.stringify(after) + ' ' + resync.data.id);
    assert.ok(after.some((e) => e.data.message?.text === 'fyra'));
  });

  test('the other patient never sees these events', async () => {
    const a = await t.patient('A');
    const b = await t.patient('B');
    const ctrl = new AbortController();
    const res = await b.as('/events', { signal: ctrl.signal });
    const c = await (await a.as('/conversations', { method: 'POST', body: json({}) })).json();
    await a.as(`/conversations/${c.id}/messages/q`, { method: 'PUT', body: json({ text: 'privat' }) });
    assert.deepEqual((await readEvents(res, ctrl, 1, 400)).filter((e) => !e.comment), []);
  });

  test('CORS: an allowed origin gets credentials; another origin gets nothing', async () => {
    const t2 = await start({ allowOrigin: (o) => o === 'http://clinic.localhost:8000' });
    try {
      const ok = await t2.api('/api/conversations', { method: 'OPTIONS', headers: { origin: 'http://clinic.localhost:8000', 'access-control-request-method': 'PUT' } });
      assert.equal(ok.status, 204);
      assert.equal(ok.headers.get('access-control-allow-origin'), 'http://clinic.localhost:8000');
      assert.equal(ok.headers.get('access-control-allow-credentials'), 'true');
      assert.match(ok.headers.get('access-control-allow-headers'), /last-event-id/);
      const no = await t2.api('/api/triage', { headers: { origin: 'https://evil.example' } });
      assert.equal(no.headers.get('access-control-allow-origin'), null);
    } finally {
      await t2.s.close();
    }
  });
});

describe('reference server: limits, cookies, persistence', () => {
  test('rate limit → 429 with Retry-After (seconds)', async () => {
    const t = await start({ sendsPerMinute: 3 });
    try {
      const p = await t.patient();
      const c = await (await p.as('/conversations', { method: 'POST', body: json({}) })).json();
      const statuses = [];
      let last;
      for (let i = 0; i < 4; i++) {
        last = await p.as(`/conversations/${c.id}/messages/r${i}`, { method: 'PUT', body: json({ text: `m${i}` }) });
        statuses.push(last.status);
      }
      assert.deepEqual(statuses, [201, 201, 429, 429]);
      assert.equal((await last.json()).code, 'rate-limited');
      assert.ok(Number(last.headers.get('retry-after')) >= 1);
    } finally {
      await t.s.close();
    }
  });

  test('the session cookie is a browser-session cookie (no Max-Age, no Expires), HttpOnly, SameSite=Lax, and Secure when the public origin is https', async () => {
    const t = await start({ publicOrigin: 'https://chat.clinic.example' });
    try {
      const res = await t.post('/dev/session', {});
      const c = res.headers.get('set-cookie');
      assert.match(c, /^vc_session=[^;]+;/);
      for (const attr of [/; Path=\/(;|$)/, /; HttpOnly(;|$)/, /; SameSite=Lax(;|$)/i, /; Secure(;|$)/]) assert.match(c, attr);
      assert.doesNotMatch(c, /Max-Age|Expires/i, 'gone when the browser closes (a shared computer)');
      const staff = (await t.post('/console/api/login', { name: 'Anna Svensson' })).headers.get('set-cookie');
      for (const attr of [/^vc_staff=[^;]+;/, /; Path=\/console(;|$)/, /; HttpOnly(;|$)/, /; SameSite=Strict(;|$)/i, /; Secure(;|$)/]) assert.match(staff, attr);
      assert.doesNotMatch(staff, /Max-Age|Expires/i);
    } finally {
      await t.s.close();
    }
    const t2 = await start();
    try {
      assert.doesNotMatch((await t2.post('/dev/session', {})).headers.get('set-cookie'), /Secure/);
      assert.equal((await t2.post('/dev/session', {})).status, 200);
    } finally {
      await t2.s.close();
    }
    const t3 = await start({ devLogin: false });
    try {
      assert.equal((await t3.post('/dev/session', {})).status, 404, 'no dev login without the flag');
    } finally {
      await t3.s.close();
    }
  });

  test('a restart loses nothing (SQLite file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vard-server-'));
    const db = join(dir, 'chat.sqlite');
    try {
      let t = await start({ db });
      const p = await t.patient();
      const c = await (await p.as('/conversations', { method: 'POST', body: json({}) })).json();
      await p.as(`/conversations/${c.id}/messages/k`, { method: 'PUT', body: json({ text: 'kvar efter omstart' }) });
      await t.s.close();
      t = await start({ db });
      const res = await t.api(`/api/conversations/${c.id}/messages`, { headers: { authorization: `Bearer ${p.token}` } });
      assert.deepEqual((await res.json()).messages.map((m) => m.text), ['kvar efter omstart']);
      await t.s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
