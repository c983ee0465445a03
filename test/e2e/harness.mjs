// A small harness for the end-to-end suite: a static server for the built widget and test
// pages, Debian's Chromium through playwright-core, and a runner that prints
// "e2e: N passed, N failed" as its closing line.
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { jsonModules } from '../../demo/json-modules.mjs';
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The strict policy a clinic may serve; the widget must work under it with 0 violations. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; " +
  "require-trusted-types-for 'script'; trusted-types lit-html vard-chat";

export async function startStatic() {
  const server = await startDevServer({
    config: {
      rootDir: root, port: 0, hostname: '127.0.0.1',
      // the demo page is TypeScript served as the demo server does (npm start)
      // production builds of lit (no "dev mode" warning in the console)
      nodeResolve: { exportConditions: ['production'] },
      plugins: [jsonModules(root), esbuildPlugin({ ts: true, tsconfig: join(root, 'tsconfig.json') })],
      middleware: [
        async function strictCsp(ctx, next) {
          await next();
          if (ctx.path.endsWith('/csp.html')) {
            ctx.set('Content-Security-Policy', STRICT_CSP);
          }
        },
      ],
    },
    readCliArgs: false, readFileConfig: false, logStartMessage: false, autoExitProcess: false,
  });
  const { port } = server.server.address();
  return { origin: `http://127.0.0.1:${port}`, stop: () => server.stop() };
}

export async function launch() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'vard-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs named scenarios one after another; each gets a fresh browser profile. Prints
 * "<label>: N passed, N failed" as the closing line.
 * @param {Record<string, Function>} scenarios
 * @param {{ label?: string, web?: { origin: string, stop(): Promise<void> }, init?: (context) => Promise<void>, extra?: object }} [opts]
 *   `web`: a server of the caller's (default: a static server of the project); `init` prepares
 *   each browser context; `extra` is passed to every scenario.
 */
export async function run(scenarios, opts = {}) {
  const label = opts.label ?? 'e2e';
  const shots = join(root, 'test-results', label);
  mkdirSync(shots, { recursive: true });
  const web = opts.web ?? (await startStatic());
  let passed = 0, failed = 0;
  /** Figures the scenarios report (messages, reloads, duplicates, lost, violations, …). */
  const figures = [];
  try {
    // E2E_ONLY=<regex> runs only the scenarios whose name matches (for working on one)
    const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null;
    for (const [name, fn] of Object.entries(scenarios)) {
      if (only && !only.test(name)) continue;
      const browser = await launch();
      await opts.init?.(browser.context);
      const page = await browser.context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e));
      // every console error and warning of every page of the context (and Chromium's own, such as
      // a failed request's "Failed to load resource"): the quiet-console scenarios assert none
      const noise = [];
      browser.context.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') noise.push(`${m.type()}: ${m.text()} (${m.location()?.url ?? ''})`);
      });
      browser.context.on('weberror', (e) => noise.push(`pageerror: ${e.error()}`));
      const started = Date.now();
      try {
        await fn({
          ...opts.extra, page, origin: web.origin, context: browser.context, errors, noise,
          shot: (n) => page.screenshot({ path: join(shots, `${n}.png`) }),
          figure: (row) => figures.push({ scenario: name, ...row }),
        });
        if (errors.length) throw new Error(`page errors: ${errors.map(String).join('; ')}`);
        passed++;
        console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
      } catch (err) {
        failed++;
        console.log(`  ✗ ${name}\n    ${String(err?.stack ?? err).split('\n').slice(0, 6).join('\n    ')}`);
        await page.screenshot({ path: join(shots, `FAILED-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
      } finally {
        await browser.close();
      }
    }
  } finally {
    await web.stop();
  }
  if (figures.length) {
    const report = figuresReport(label, figures);
    writeFileSync(join(shots, 'report.md'), report);
    console.log(`\n${report}`);
  }
  console.log(`\n${label}: ${passed} passed, ${failed} failed`);
  return failed === 0;
}

/** The figures as a markdown table: one row a scenario, one column each figure any of them gave. */
export function figuresReport(label, rows) {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => k !== 'scenario')))];
  const cell = (v) => (v === undefined ? '' : String(v).replace(/\|/g, '\\|'));
  return [
    `## ${label}: figures`,
    '',
    `| scenario | ${cols.join(' | ')} |`,
    `|---|${cols.map(() => '---:').join('|')}|`,
    ...rows.map((r) => `| ${cell(r.scenario)} | ${cols.map((c) => cell(r[c])).join(' | ')} |`),
  ].join('\n');
}
