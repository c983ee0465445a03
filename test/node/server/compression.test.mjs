// Static files come compressed: the reference server (@fastify/compress: brotli, else gzip) and the
// demo server (on the fly); the bytes after decompression are the file's. The hashed chunks are
// cached for a year, the rest revalidated; the API's JSON is not touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer } from '../../../dist/server/app.js';
import { startDevServer } from '@web/dev-server';
import { demoConfig, root } from '../../../demo/dev-config.mjs';

/** A raw GET (no automatic decompression): status, headers and the bytes as sent. */
function raw(url, headers = {}) {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
const decode = { br: brotliDecompressSync, gzip: gunzipSync };
/** The built panel chunk (tens of KB: a file worth compressing). */
const panelChunk = () => {
  const chunk = readdirSync(join(root, 'dist', 'vard-chat')).find((f) => /^panel-[A-Za-z0-9_-]{8}\.js$/.test(f));
  assert.ok(chunk, 'a built panel chunk (npm run build)');
  return chunk;
};

test('reference server: the widget, a hashed chunk and the console come back brotli- or gzip-compressed with the right bytes', async () => {
  const s = await startServer({ staticRoot: root });
  try {
    const chunk = panelChunk();
    for (const [path, file, accept, expected] of [
      ['/dist/vard-chat.js', 'dist/vard-chat.js', 'gzip, deflate, br', 'br'],
      [`/dist/vard-chat/${chunk}`, `dist/vard-chat/${chunk}`, 'gzip', 'gzip'],
      ['/console/console.js', 'dist/console/console.js', 'br', 'br'],
    ]) {
      const res = await raw(`${s.listenUrl}${path}`, { 'accept-encoding': accept });
      assert.equal(res.status, 200, path);
      assert.equal(res.headers['content-encoding'], expected, path);
      const original = readFileSync(join(root, file));
      assert.ok(res.body.length < original.length, `${path}: ${res.body.length} B sent for ${original.length} B`);
      assert.ok(decode[expected](res.body).equals(original), `${path}: the same bytes after decompression`);
    }
    const hashed = await raw(`${s.listenUrl}/dist/vard-chat/${chunk}`);
    assert.equal(hashed.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(hashed.headers['content-encoding'], undefined, 'no compression the browser did not ask for');
    assert.equal((await raw(`${s.listenUrl}/dist/vard-chat/embed.js`)).headers['cache-control'], 'no-cache', 'the entry (no hash in its name) is revalidated');
    const api = await raw(`${s.listenUrl}/api/session`, { 'accept-encoding': 'gzip' });
    assert.equal(api.headers['content-encoding'], undefined, 'the API is not compressed');
  } finally {
    await s.close();
  }
});

test('demo server: a JS file comes back compressed (brotli or gzip) with the right bytes', async () => {
  const server = await startDevServer({
    // the dev server's file watcher (chokidar) can add a watch just as it is closed, which then
    // holds the test's process open for good (CI's node suite once hung here): not persistent
    config: { ...demoConfig({ port: 0, hostname: '127.0.0.1' }), chokidarOptions: { persistent: false } },
    readCliArgs: false, readFileConfig: false, logStartMessage: false, autoExitProcess: false,
  });
  const origin = `http://127.0.0.1:${server.server.address().port}`;
  try {
    const chunk = panelChunk();
    const original = readFileSync(join(root, 'dist', 'vard-chat', chunk));
    for (const encoding of ['br', 'gzip']) {
      const res = await raw(`${origin}/dist/vard-chat/${chunk}`, { 'accept-encoding': encoding });
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-encoding'], encoding);
      assert.match(res.headers['content-type'], /javascript/);
      assert.ok(res.body.length < original.length / 2, `${encoding}: ${res.body.length} B sent for ${original.length} B`);
      assert.ok(decode[encoding](res.body).equals(original), `${encoding}: the same bytes after decompression`);
    }
    // a TypeScript module the server transforms: compressed too, and decodes to JavaScript
    const ts = await raw(`${origin}/demo/demo.ts`, { 'accept-encoding': 'gzip' });
    assert.equal(ts.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(ts.body).toString('utf8'), /demoBackend/);
    const plain = await raw(`${origin}/dist/vard-chat/${chunk}`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(plain.body.equals(original));
  } finally {
    await server.stop();
  }
});
