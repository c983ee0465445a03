// Without OIDC_ISSUER the embedded pretend e-ID provider starts: with a loud warning (once per
// process), and with signing keys of its own (not oidc-provider's public development key).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../../dist/server/app.js';

test('the pretend e-ID provider: one loud warning, its own signing key at every start, not login_hint but acr_values', async () => {
  const warnings = [];
  const warn = console.warn;
  console.warn = (...a) => warnings.push(a.join(' '));
  const servers = [];
  try {
    servers.push(await startServer({}), await startServer({}));
  } finally {
    console.warn = warn;
  }
  try {
    assert.equal(warnings.filter((w) => w.includes('PRETEND e-ID provider')).length, 1, 'warned once');
    assert.equal(warnings.filter((w) => w.includes('VARD_SECRET is not set')).length, 1);
    const keys = [];
    for (const s of servers) {
      const res = await fetch(`${s.url}/auth/login?method=bankid&return=/`, { redirect: 'manual' });
      const auth = new URL(res.headers.get('location'));
      assert.equal(auth.searchParams.get('acr_values'), 'urn:grn:authn:se:bankid');
      const jwks = await (await fetch(`${auth.origin}/jwks`)).json();
      assert.equal(jwks.keys.length, 1);
      keys.push(jwks.keys[0]);
    }
    assert.notEqual(keys[0].x, keys[1].x, 'a new key at every start');
    assert.notEqual(keys[0].kid, keys[1].kid);
    // oidc-provider's built-in development key (public in its source) has this kid
    for (const k of keys) assert.notEqual(k.kid, 'keystore-CHANGE-ME');
  } finally {
    for (const s of servers) await s.close();
  }
});
