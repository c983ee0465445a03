// The login suite: browser OIDC against a real OpenID Provider (oidc-provider) and BFF mode
// against a small test backend, in Debian's Chromium (playwright-core). Closing line:
// "auth-e2e: N passed, N failed".
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../e2e/harness.mjs';
import { bffHandler, root, startProvider, startWeb } from './servers.mjs';
import { scenarios } from './scenarios.mjs';

const web = await startWeb(bffHandler());
const pageUrl = `${web.origin}/test/auth-e2e/pages/oidc.html`;
const idp = await startProvider(pageUrl);
const shots = join(root, 'test-results', 'auth-e2e');
mkdirSync(shots, { recursive: true });

let passed = 0, failed = 0;
try {
  for (const [name, fn] of Object.entries(scenarios)) {
    const browser = await launch();
    await browser.context.addInitScript((issuer) => { window.__OIDC_ISSUER = issuer; }, idp.issuer);
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    const started = Date.now();
    try {
      await fn({ page, context: browser.context, origin: web.origin, pageUrl, idp, assert });
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
  await idp.stop();
  await web.stop();
}
console.log(`\nauth-e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
