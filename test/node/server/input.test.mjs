// Bad input is the client's fault: 4xx with { code, message }, never a 500 — other content
// types, broken JSON, invalid fields, malformed cookies, %-garbage in paths.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { start, json } from './helpers.mjs';

/** A raw request (fetch would refuse or normalise some of these). */
function raw(url, { method = 'GET', path, headers = {}, body } = {}) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text, body: (() => { try { return JSON.parse(text); } catch { return undefined; } })() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const isErrorBody = (b) => b && typeof b.code === 'string' && /^[a-z0-9-]{1,64}$/.test(b.code) && typeof b.message === 'string';

describe('reference server: bad input', () => {
  let t, p, c;
  before(async () => {
    t = await start({ sendsPerMinute: 10_000 });
    p = await t.patient();
    c = await (await p.as('/conversations', { method: 'POST', body: json({}) })).json();
  });
  after(() => t.s.close());

  test('another content type on a JSON route → 415 unsupported-media-type (and nothing is stored)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await p.as(`/conversations/${c.id}/messages/ct-1`, { method: 'PUT', headers: { 'content-type': type }, body: '{"text":"hej"}' });
      assert.equal(res.status, 415, type);
      assert.equal((await res.json()).code, 'unsupported-media-type');
    }
    assert.equal(t.s.db.prepare("SELECT COUNT(*) n FROM messages WHERE client_id = 'ct-1'").get().n, 0);
    const login = await t.api('/console/api/login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: json({ name: 'Anna' }) });
    assert.equal(login.status, 415, 'the console login too');
  });

  test('broken JSON → 400 invalid-json; fields of the wrong type → 400 invalid-request', async () => {
    const broken = await p.as('/conversations', { method: 'POST', body: '{"mode": ' });
    assert.deepEqual([broken.status, (await broken.json()).code], [400, 'invalid-json']);
    for (const [method, path, body] of [
      ['POST', '/conversations', { mode: 'live' }],
      ['POST', '/conversations', { reason: 'x'.repeat(65) }],
      ['PUT', `/conversations/${c.id}/messages/k-2`, { text: 42 }],
      ['POST', `/conversations/${c.id}/typing`, { typing: 'yes' }],
      ['POST', `/conversations/${c.id}/read`, {}],
      ['POST', `/conversations/${c.id}/evaluation`, { answers: { resourceType: 'Patient' } }],
      ['POST', `/conversations/${c.id}/actions/a-1`, { response: { slotId: 7 } }],
      ['GET', `/conversations/${c.id}/messages?limit=500`],
      ['GET', `/conversations/${c.id}/messages?limit=abc`],
      ['GET', `/conversations/${c.id}/messages?before=-1`],
      ['GET', '/triage?locale=<script>'],
    ]) {
      const res = await p.as(path, { method, body: body === undefined ? undefined : json(body) });
      const b = await res.json();
      assert.deepEqual([res.status, b.code], [400, 'invalid-request'], `${method} ${path}`);
      assert.ok(isErrorBody(b));
    }
  });

  test('a clientId or conversation id outside the safe characters → 400', async () => {
    const res = await p.as(`/conversations/${c.id}/messages/${encodeURIComponent('a b<c>')}`, { method: 'PUT', body: json({ text: 'hej' }) });
    assert.deepEqual([res.status, (await res.json()).code], [400, 'invalid-request']);
    const long = await p.as(`/conversations/${c.id}/messages/${'k'.repeat(101)}`, { method: 'PUT', body: json({ text: 'hej' }) });
    assert.equal(long.status, 400);
  });

  test('%-garbage in a path → 400 invalid-request, never 500', async () => {
    for (const path of ['/api/conversations/%E0%A4%A/messages', '/api/conversations/%/messages', '/api/%C0%AF', '/console/api/conversations/%ZZ', '/demo/%E0%A4%A.html']) {
      const res = await raw(t.s.listenUrl, { path, headers: { authorization: `Bearer ${p.token}` } });
      assert.ok(res.status >= 400 && res.status < 500, `${path}: ${res.status}`);
      assert.ok(isErrorBody(res.body), `${path}: ${res.text}`);
    }
  });

  test('malformed cookies → treated as no session (401), never 500', async () => {
    for (const cookie of ['vc_session=%E0%A4%A', 'vc_session', '=;;=;', 'vc_session="unterminated', `vc_session=${'x'.repeat(5000)}`, 'vc_session=a; vc_session=b']) {
      const res = await raw(t.s.listenUrl, { path: '/api/conversations', headers: { cookie } });
      assert.equal(res.status, 401, cookie.slice(0, 40));
      assert.equal(res.body.code, 'no-session');
    }
  });

  test('unknown routes → 404 not-found with an error body; the unauthenticated get 401 before their body is read', async () => {
    const res = await t.api('/api/nothing-here');
    assert.deepEqual([res.status, (await res.json()).code], [404, 'not-found']);
    const noSession = await t.api('/api/conversations', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    assert.equal(noSession.status, 401, 'no session is told first, whatever the body');
  });

  test('every JSON answer says Cache-Control: no-store', async () => {
    for (const res of [await p.as('/conversations'), await p.as('/session'), await t.api('/api/nothing-here')]) {
      assert.equal(res.headers.get('cache-control'), 'no-store');
    }
  });
});
