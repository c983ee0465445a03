// Outbox figures, measured in Debian's Chromium (playwright-core) against a local node:http
// endpoint on 127.0.0.1 that also serves the bench page (same origin: no CORS preflights).
//   outbox_enqueue_ratio = outbox enqueue throughput / raw idb put throughput (separate strict transactions)
//   outbox_flush_ratio   = outbox flush throughput / plain sequential fetch loop throughput
import { createServer } from 'node:http';
import { rollup } from 'rollup';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function bundlePage() {
  const bundle = await rollup({
    input: 'bench/outbox-page.js',
    plugins: [nodeResolve({ browser: true }), typescript({ tsconfig: './tsconfig.json', declaration: false, sourceMap: false, outDir: 'bench/.out' })],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return output[0].code;
}

function startServer(js) {
  const messages = new Map();
  let seq = 0;
  const server = createServer((req, res) => {
    const m = /^\/conversations\/([^/]+)\/messages\/([^/]+)$/.exec(req.url ?? '');
    if (req.method === 'PUT' && m) {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const [, conversationId, clientId] = m;
        const key = `${conversationId}/${clientId}`;
        let msg = messages.get(key);
        const status = msg ? 200 : 201;
        if (!msg) {
          const { text } = JSON.parse(body);
          msg = { id: `m${++seq}`, clientId, conversationId, seq, author: { role: 'patient' }, kind: 'text', text, createdAt: new Date().toISOString() };
          messages.set(key, msg);
        }
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(msg));
      });
      return;
    }
    if (req.url === '/bench.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(js);
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><meta charset="utf-8"><title>outbox bench</title><script type="module" src="/bench.js"></script>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, messages, origin: `http://127.0.0.1:${server.address().port}` })));
}

export async function measureOutbox(n = 1000) {
  const js = await bundlePage();
  const { server, messages, origin } = await startServer(js);
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(origin);
    await page.waitForFunction(() => typeof window.runOutboxBench === 'function');
    const r = await page.evaluate((count) => window.runOutboxBench(count), n);
    const delivered = [...messages.keys()].filter((k) => k.startsWith('c1/')).length;
    if (delivered !== n) throw new Error(`outbox delivered ${delivered} of ${n}`);
    return {
      outbox_enqueue_ratio: +(r.rawMs / r.outboxMs).toFixed(3),
      outbox_flush_ratio: +(r.fetchMs / r.flushMs).toFixed(3),
      detail: r,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await measureOutbox());
