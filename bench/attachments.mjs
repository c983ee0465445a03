// Attachment figures (issue #18), in Debian's Chromium against the reference server (in-process,
// a temporary SQLite file, so the bytes go to disk as in production):
//   attach_enqueue_20x1mb_ms — 20 photos of ~1 MB queued offline (encrypted, IndexedDB, strict)
//   attach_flush_20x1mb_ms   — back online until all 20 are uploaded and their messages acknowledged
//   attach_prepare_20_ms     — re-encoding the 20 photos in the browser (EXIF gone, <= 2,048 px)
// No goals yet: the figures are reported beside the file size they moved.
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rollup } from 'rollup';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { chromium } from 'playwright-core';

async function bundlePage() {
  const bundle = await rollup({
    input: 'bench/attachments-page.js',
    plugins: [nodeResolve({ browser: true }), typescript({ tsconfig: './tsconfig.json', declaration: false, sourceMap: false, outDir: 'bench/.out' })],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  await bundle.close();
  return output[0].code;
}

export async function measureAttachments(n = 20) {
  const { startServer } = await import('../dist/server/app.js');
  const js = await bundlePage();
  const page = createServer((req, res) => {
    if (req.url === '/bench.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><title>attachment bench</title><script type="module" src="/bench.js"></script>');
  });
  await new Promise((r) => page.listen(0, '127.0.0.1', r));
  const pageOrigin = `http://127.0.0.1:${page.address().port}`;
  const dir = mkdtempSync(join(tmpdir(), 'vard-bench-att-'));
  const s = await startServer({ db: join(dir, 'chat.sqlite'), devLogin: true, oidc: false, sendsPerMinute: 100_000, allowOrigin: (o) => o === pageOrigin });
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const post = async (path, body, headers = {}) => (await fetch(s.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })).json();
    const { token } = await post('/dev/session', { name: 'Bench Patient' });
    const conv = await post('/api/conversations', { mode: 'async', reason: 'advice' }, { authorization: `Bearer ${token}` });
    const p = await browser.newPage();
    await p.goto(pageOrigin);
    await p.waitForFunction(() => typeof window.runAttachmentBench === 'function');
    const r = await p.evaluate((a) => window.runAttachmentBench(a), { baseUrl: `${s.url}/api`, token, conversationId: conv.id, n });
    const stored = s.db.prepare('select count(*) as n from attachments where message_id is not null').get().n;
    if (stored !== n) throw new Error(`${stored} of ${n} files stored with their message`);
    return {
      attach_prepare_20_ms: Math.round(r.prepareMs), attach_enqueue_20x1mb_ms: Math.round(r.enqueueMs), attach_flush_20x1mb_ms: Math.round(r.flushMs),
      attach_mean_photo_bytes: Math.round(r.bytes / n),
    };
  } finally {
    await browser.close();
    await s.close();
    page.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await measureAttachments());
