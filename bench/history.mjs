// Long-history figures, measured in Debian's Chromium (playwright-core) on a production build of
// the panel (esbuild, minified): history_10k_ms, longest main-thread task, append_ratio_10k_vs_10,
// dom_nodes_10k, heap_mb_per_1k. The 10-message run in the same browser is the baseline. Load
// times are the first (cold) round's; the other figures are medians of three alternating rounds.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../test/e2e/harness.mjs';

/** Rounds of the 10 / 10,000 pair; each figure is the median over them. */
const ROUNDS = 3;

export async function measureHistory() {
  const out = await build({
    entryPoints: ['bench/history-page.ts'], bundle: true, format: 'esm', minify: !process.env.BENCH_DEBUG, write: false,
    tsconfig: 'tsconfig.json', ignoreAnnotations: true, conditions: ['production'], target: 'es2021', logLevel: 'silent',
  });
  const js = out.outputFiles[0].text;
  const page = '<!doctype html><html lang="sv"><meta charset="utf-8"><title>bench</title><body></body><script type="module" src="/b.js"></script></html>';
  const server = createServer((req, res) => {
    const isJs = req.url === '/b.js';
    res.writeHead(200, { 'content-type': isJs ? 'text/javascript' : 'text/html' });
    res.end(isJs ? js : page);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const userDataDir = mkdtempSync(join(tmpdir(), 'vard-bench-'));
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  try {
    const p = await browser.newPage();
    p.on('crash', () => console.error('bench page crashed'));
    if (process.env.BENCH_DEBUG) p.on('console', (m) => console.error('page:', m.text()));
    p.on('pageerror', (e) => console.error('bench page error', e.message));
    await p.goto(`http://127.0.0.1:${server.address().port}/`);
    await p.waitForFunction(() => typeof window.benchHistory === 'function');
    if (process.env.BENCH_DEBUG) await p.evaluate(() => (window.benchDebug = true));
    // three alternating rounds, median of each figure: one slow round (GC, the other core
    // busy) should not decide a goal that is a few milliseconds wide
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) {
      rounds.push({
        small: await p.evaluate(() => window.benchHistory(10)),
        big: await p.evaluate(() => window.benchHistory(10_000)),
        // 1,000 fills the thread's window (120 nodes) as 10,000 does: appending there shows
        // what the history length costs apart from the window's size
        k1: await p.evaluate(() => window.benchHistory(1000)),
      });
    }
    const median = (pick) => {
      const v = rounds.map(pick).sort((a, b) => a - b);
      return v[Math.floor(v.length / 2)];
    };
    // load times from the first round: a patient opens the chat once, cold (later rounds reuse
    // the defined elements); the rest are medians
    const small = { loadMs: rounds[0].small.loadMs, appendMs: median((r) => r.small.appendMs), heapBytes: median((r) => r.small.heapBytes) };
    const big = {
      loadMs: rounds[0].big.loadMs, appendMs: median((r) => r.big.appendMs), heapBytes: median((r) => r.big.heapBytes),
      longestTaskMs: median((r) => r.big.longestTaskMs), nodes: median((r) => r.big.nodes),
    };
    return {
      history_10k_ms: Math.round(big.loadMs),
      history_10k_longest_task_ms: Math.round(big.longestTaskMs),
      history_10_ms: Math.round(small.loadMs),
      append_10_ms: +small.appendMs.toFixed(2),
      append_10k_ms: +big.appendMs.toFixed(2),
      append_1k_ms: +median((r) => r.k1.appendMs).toFixed(2),
      append_ratio_10k_vs_10: +(big.appendMs / Math.max(small.appendMs, 0.01)).toFixed(2),
      dom_nodes_10k: big.nodes,
      heap_mb_per_1k: +((big.heapBytes - small.heapBytes) / 1024 / 1024 / 9.99).toFixed(2),
    };
  } finally {
    await browser.close();
    rmSync(userDataDir, { recursive: true, force: true });
    server.close();
  }
}
