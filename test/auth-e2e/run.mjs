// The login suite: browser OIDC against a real OpenID Provider (oidc-provider) and BFF mode
// against a small test backend, in Debian's Chromium (playwright-core). Closing line:
// "auth-e2e: N passed, N failed".
import assert from 'node:assert/strict';
import { run } from '../e2e/harness.mjs';
import { bffHandler, startProvider, startWeb } from './servers.mjs';
import { scenarios } from './scenarios.mjs';

const web = await startWeb(bffHandler());
const pageUrl = `${web.origin}/test/auth-e2e/pages/oidc.html`;
const idp = await startProvider(pageUrl);
let ok = false;
try {
  ok = await run(scenarios, {
    label: 'auth-e2e',
    web,
    init: (context) => context.addInitScript((issuer) => { window.__OIDC_ISSUER = issuer; }, idp.issuer),
    extra: { pageUrl, idp, assert },
  });
} finally {
  await idp.stop();
}
process.exit(ok ? 0 : 1);
