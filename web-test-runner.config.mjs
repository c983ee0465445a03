// Runs test/**/*.test.ts in Debian's Chromium (CHROME_PATH or /usr/bin/chromium), headless, as root.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { jsonModules } from './demo/json-modules.mjs';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/**
 * Starts the reference server (server/) on 127.0.0.1, a free port, for the HTTP conformance and
 * stream tests; tests read its port from /__reference-server.
 */
function referenceServerPlugin() {
  let ref;
  return {
    name: 'reference-server',
    async serverStart() {
      const { startServer } = await import('./dist/server/app.js');
      ref = await startServer({
        devLogin: true, oidc: false, heartbeatMs: 1000, sendsPerMinute: 100000,
        allowOrigin: (o) => /^http:\/\/(localhost|127\.0\.0\.1):\d+$/.test(o),
      });
    },
    async serverStop() {
      await ref?.close();
    },
    serve(context) {
      if (context.path === '/__reference-server') return { body: JSON.stringify({ port: Number(new URL(ref.url).port) }), type: 'json' };
      return undefined;
    },
  };
}

/** Prints one plain closing line "wtr: N passed, N failed, N skipped" that CI can read. */
function plainSummaryReporter() {
  return {
    stop({ sessions }) {
      let passed = 0, failed = 0, skipped = 0;
      const walk = (suite) => {
        for (const t of suite.tests) t.skipped ? skipped++ : t.passed ? passed++ : failed++;
        for (const s of suite.suites) walk(s);
      };
      for (const s of sessions) {
        if (s.testResults) walk(s.testResults);
        // a file that failed to load, or errored outside a test, counts as one failure
        if (!s.passed && s.errors.length > 0) failed++;
      }
      const line = `wtr: ${passed} passed, ${failed} failed, ${skipped} skipped`;
      process.once('exit', () => process.stdout.write(`\n${line}\n`));
    },
  };
}

export default {
  files: process.env.WTR_FILES ?? 'test/**/*.test.ts',
  nodeResolve: true,
  // one test file at a time: files share an origin, so IndexedDB, Web Locks and BroadcastChannel
  // would otherwise cross between them (a logout test purging another file's databases)
  concurrency: 1,
  plugins: [
    referenceServerPlugin(),
    jsonModules(fileURLToPath(new URL('.', import.meta.url))),
    // tsconfig is required: it makes esbuild apply experimentalDecorators / useDefineForClassFields.
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  // msw: the Service Worker must be served from the origin root so its scope covers the test pages.
  middleware: [
    function mswWorker(ctx, next) {
      if (ctx.url === '/mockServiceWorker.js') ctx.url = '/node_modules/msw/lib/mockServiceWorker.js';
      return next();
    },
  ],
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  reporters: [defaultReporter(), plainSummaryReporter()],
  // `wtr --coverage` (npm run test:unit): V8 coverage of src/, summarised at the end, lcov in coverage/
  coverageConfig: {
    include: ['src/**/*.ts'],
    exclude: ['src/**/*.styles.ts'],
    report: true,
    reporters: ['text-summary', 'lcov'],
    reportDir: 'coverage',
  },
  testFramework: { config: { timeout: 10000 } },
  // the language catalogues are lazy chunks that <vard-chat> loads before it shows the panel;
  // test/setup.ts loads them before the test file, for tests that render inner elements directly
  testRunnerHtml: (framework) => `<!DOCTYPE html><html><head></head><body><script type="module">
    const { ready } = await import('/test/setup.ts');
    await ready;
    await import('${framework}');
  </script></body></html>`,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
    }),
  ],
};
