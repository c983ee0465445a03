// Security headers, the Origin check on state-changing requests (CSRF), and /healthz.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { start, json } from './helpers.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));

test('headers: nosniff and no referrer everywhere; the API and the console never framed; no-store on personal data', async () => {
  const t = await start({ staticRoot: root });
  try {
    const p = await t.patient();
    const api = await p.as('/conversations');
    const consolePage = await t.api('/console/');
    for (const [what, res] of [['api', api], ['console', consolePage]]) {
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', what);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', what);
      assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, what);
    }
    assert.match(api.headers.get('content-security-policy'), /default-src 'none'/);
    assert.equal(api.headers.get('cache-control'), 'no-store');
    assert.equal(api.headers.get('strict-transport-security'), null, 'no HSTS on plain http');
    const widget = await t.api('/dist/../demo/http.html'); // normalised by fetch to /demo/http.html
    assert.equal(widget.headers.get('x-frame-options'), null, "the demo page is a host page's, framing is its choice");
  } finally {
    await t.s.close();
  }
  const https = await start({ publicOrigin: 'https://chat.clinic.example' });
  try {
    assert.match((await https.api('/healthz')).headers.get('strict-transport-security') ?? '', /max-age=\d+/);
  } finally {
    await https.s.close();
  }
});

test("CSRF: a state-changing request from an origin that is not allowed → 403; this server's own and allowed origins pass", async () => {
  const t = await start({ allowOrigin: (o) => o === 'http://clinic.localhost:8000' });
  try {
    const p = await t.patient();
    const c = await (await p.as('/conversations', { method: 'POST', body: json({}) })).json();
    const put = (origin, key) => p.as(`/conversations/${c.id}/messages/${key}`, { method: 'PUT', headers: origin ? { origin } : {}, body: json({ text: 'hej' }) });
    const evil = await put('https://evil.example', 'e1');
    assert.deepEqual([evil.status, (await evil.json()).code], [403, 'forbidden']);
    assert.equal((await put('null', 'e2')).status, 403);
    assert.equal(t.s.db.prepare("SELECT COUNT(*) n FROM messages WHERE client_id IN ('e1', 'e2')").get().n, 0, 'nothing stored');
    assert.equal((await put(t.s.url, 'ok1')).status, 201, 'its own origin');
    assert.equal((await put('http://clinic.localhost:8000', 'ok2')).status, 201, 'an allowed origin');
    assert.equal((await put(undefined, 'ok3')).status, 201, 'no Origin: not a browser');
    const staffLogin = await t.api('/console/api/login', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: json({ name: 'Mallory' }) });
    assert.equal(staffLogin.status, 403, 'the console API too');
    assert.equal((await p.as('/conversations', { headers: { origin: 'https://evil.example' } })).status, 200, 'reads are not state-changing');
  } finally {
    await t.s.close();
  }
});

test('GET /healthz answers 200 while the database answers, 503 when it does not', async () => {
  const t = await start();
  try {
    const ok = await t.api('/healthz');
    assert.deepEqual([ok.status, await ok.json()], [200, { status: 'ok' }]);
    t.s.db.close(); // the database goes away under the server
    const down = await t.api('/healthz');
    assert.equal(down.status, 503);
    assert.equal((await down.json()).code, 'unavailable');
  } finally {
    await t.s.close().catch(() => undefined);
  }
});
