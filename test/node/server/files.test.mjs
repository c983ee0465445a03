// Files: the console at /console/, and with staticRoot the demo pages (naming this server) and
// the widget build — nothing outside demo/ and dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { start } from './helpers.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function rawGet(base, path) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    request({ host: u.hostname, port: u.port, path }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    }).on('error', reject).end();
  });
}

test('console and demo files are served; nothing outside demo/ and dist/', async () => {
  const t = await start({ staticRoot: root });
  try {
    const consolePage = await t.api('/console/');
    assert.equal(consolePage.status, 200);
    assert.match(consolePage.headers.get('content-type'), /^text\/html/);
    assert.equal((await t.api('/console', { redirect: 'manual' })).status, 302);
    const demo = await t.api('/demo/http.html');
    assert.equal(demo.status, 200);
    const html = await demo.text();
    assert.ok(!html.includes('{{ORIGIN}}') && html.includes(t.s.url), 'the demo page names this server');
    assert.equal((await t.api('/')).status, 200);
    for (const path of ['/demo/../package.json', '/demo/%2e%2e/package.json', '/dist/..%2fpackage.json', '/server/app.ts', '/package.json', '/demo/%00.html']) {
      const res = await rawGet(t.s.listenUrl, path);
      assert.ok(res.status >= 400 && res.status < 500, `${path}: ${res.status}`);
      assert.ok(!res.text.includes('"name": "vard-chat"'), `${path} leaks nothing`);
    }
  } finally {
    await t.s.close();
  }
});
