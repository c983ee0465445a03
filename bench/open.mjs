// Opening figures, in Debian's Chromium (playwright-core) on the production build (dist/), each
// run in a fresh browser context (cold HTTP cache), median of RUNS:
//   script_to_ui_ms          the loader <script> injected into a blank page → the launcher on screen
//                            (baseline: a bare custom element with a button, injected the same way)
//   open_mock_ms             launcher click → panel interactive, script tag on data-backend="mock",
//                            clicked (without hovering: a keyboard's Enter) once the page was idle
//   open_reference_ms        the same on the reference server's demo page (HTTP backend, BFF login)
//   open_*_hover_ms          the pointer rests on the launcher 300 ms before the click (the panel
//                            is set up hidden on hover: its session check is under way)
//   open_*_cold_ms           the same when the click comes as soon as the launcher shows, before the
//                            page was idle (nothing preloaded yet): the cost the preload removes
// "Interactive": the panel shows a control the patient can use (composer, triage form, login
// button), after the frame that paints it.
import { execSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, root, startStatic } from '../test/e2e/harness.mjs';

const RUNS = Number(process.env.BENCH_OPEN_RUNS ?? 5);
/** How long the pointer rests on the launcher before the click, in the hover figures. */
const HOVER_MS = 300;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** In the page: injects a script and waits for `ready()` to hold, then for the next painted frame. */
async function injectAndWait(page, src, data, host) {
  return page.evaluate(async ({ src, data, host }) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const t0 = performance.now();
    const s = document.createElement('script');
    s.src = src;
    Object.assign(s.dataset, data);
    document.head.append(s);
    for (;;) {
      const b = document.querySelector(host)?.shadowRoot?.querySelector('button');
      if (b && b.getBoundingClientRect().width > 0) break;
      await new Promise((r) => requestAnimationFrame(r));
    }
    await frame();
    return performance.now() - t0;
  }, { src, data, host });
}

/** In the page: clicks the launcher and waits until the panel has a usable control. */
async function clickToInteractive(page) {
  return page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const chat = document.querySelector('vard-chat');
    const deep = (node, sel) => {
      const hit = node.querySelector(sel);
      if (hit) return hit;
      for (const el of node.querySelectorAll('*')) {
        const r = el.shadowRoot && deep(el.shadowRoot, sel);
        if (r) return r;
      }
      return null;
    };
    const t0 = performance.now();
    chat.shadowRoot.querySelector('.launcher').click();
    for (;;) {
      // a control of the step the patient is at (not the session bar's "Logga ut")
      const step = chat.shadowRoot.querySelector('vard-chat-view')?.shadowRoot?.querySelector('vard-triage, vard-login, vard-conversation, vard-inbox');
      const control = step?.shadowRoot && deep(step.shadowRoot, 'textarea, input, button');
      if (control && !control.disabled && control.getBoundingClientRect().height > 0) break;
      if (performance.now() - t0 > 15000) throw new Error('the panel did not become interactive in 15 s');
      await new Promise((r) => requestAnimationFrame(r));
    }
    await frame();
    return performance.now() - t0;
  });
}

async function waitIdle(page) {
  await page.waitForLoadState('networkidle');
  // the widget preloads in requestIdleCallback: one idle period after the network settled
  await page.evaluate(() => new Promise((r) => requestIdleCallback(() => setTimeout(r, 50))));
  await page.waitForLoadState('networkidle');
}

/** A blank page and a bare custom element, for the script → UI baseline. */
function startBlank(staticOrigin) {
  const floor = `customElements.define('bench-floor', class extends HTMLElement {
    connectedCallback() { this.attachShadow({ mode: 'open' }).innerHTML = '<button>Chatta med oss</button>'; }
  }); document.body.append(document.createElement('bench-floor'));`;
  const server = createServer(async (req, res) => {
    if (req.url === '/floor.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(floor);
    if (req.url?.startsWith('/dist/')) {
      try {
        const body = await readFile(join(root, req.url.split('?')[0]));
        return res.writeHead(200, { 'content-type': req.url.endsWith('.js') ? 'text/javascript' : 'application/json' }).end(body);
      } catch {
        return res.writeHead(404).end();
      }
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html lang="sv"><meta charset="utf-8"><title>blank</title><body><p>Sida</p></body></html>');
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ origin: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() })));
}

export async function measureOpen({ build = true } = {}) {
  if (build) execSync('npm run -s build && npm run -s build:server', { cwd: root, stdio: 'inherit' });
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const stat = await startStatic();
  const blank = await startBlank(stat.origin);
  const { startServer } = await import('../dist/server/app.js'); // the reference server, built by build:server (TypeScript)
  const ref = await startServer({ staticRoot: root });
  const runs = { script: [], floor: [], mock: [], mockHover: [], mockCold: [], reference: [], referenceHover: [], referenceCold: [] };
  const fresh = async (fn) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('bench page error:', e.message));
    try {
      return await fn(page);
    } finally {
      await context.close();
    }
  };
  try {
    for (let i = 0; i < RUNS; i++) {
      // alternating, so a slow moment of the shared machine does not fall on one figure only
      runs.floor.push(await fresh(async (p) => (await p.goto(blank.origin), injectAndWait(p, '/floor.js', {}, 'bench-floor'))));
      runs.script.push(await fresh(async (p) => (await p.goto(blank.origin), injectAndWait(p, '/dist/vard-chat.js', { backend: 'mock' }, 'vard-chat'))));
      for (const [key, url] of [['mock', `${stat.origin}/demo/embed.html`], ['reference', `${ref.url}/demo/http.html`]]) {
        runs[key].push(await fresh(async (p) => {
          await p.goto(url);
          await p.locator('vard-chat .launcher').waitFor();
          await waitIdle(p);
          return clickToInteractive(p);
        }));
        runs[`${key}Hover`].push(await fresh(async (p) => {
          await p.goto(url);
          await p.locator('vard-chat .launcher').waitFor();
          await waitIdle(p);
          await p.locator('vard-chat .launcher').hover();
          await p.waitForTimeout(HOVER_MS);
          return clickToInteractive(p);
        }));
        runs[`${key}Cold`].push(await fresh(async (p) => {
          await p.goto(url);
          await p.locator('vard-chat .launcher').waitFor();
          return clickToInteractive(p);
        }));
      }
    }
  } finally {
    await ref.close();
    blank.stop();
    await stat.stop();
    await browser.close();
  }
  const r = (xs) => Math.round(median(xs));
  return {
    script_to_ui_ms: r(runs.script), script_to_ui_floor_ms: r(runs.floor),
    open_mock_ms: r(runs.mock), open_mock_hover_ms: r(runs.mockHover), open_mock_cold_ms: r(runs.mockCold),
    open_reference_ms: r(runs.reference), open_reference_hover_ms: r(runs.referenceHover), open_reference_cold_ms: r(runs.referenceCold),
    runs: RUNS,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await measureOpen({ build: !process.argv.includes('--no-build') }));
