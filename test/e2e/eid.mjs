// e-ID logins through the reference server (its pretend e-ID provider standing in for the broker):
// a failed login back on the clinic page with a message, browser OIDC with the HTTP backend
// (the provider's access token as a bearer), and the shared computer (the browser closed and
// opened again → logged out).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, root } from './harness.mjs';
import { loginWithWidget } from './reference.mjs';
import { passTriage } from './journey.mjs';

const reference = async (opts = {}) => (await import('../../dist/server/app.js')).startServer({ staticRoot: root, ...opts });

/** Opens the widget on a page of the server and picks a method; returns at the pretend e-ID page. */
async function toEid(page, url, method = 'Logga in med BankID') {
  await page.goto(url);
  await page.getByRole('button', { name: 'Chatta med oss' }).click();
  await page.getByRole('button', { name: method }).click();
  await page.getByRole('button', { name: 'Legitimera' }).waitFor();
}

const SHARED = 'reference e-ID: shared computer — the browser closed and opened again is logged out (a session cookie)';

const loginError = (page) => page.getByRole('alert').filter({ hasText: /Inloggningen|legitimerade/ });

export const eidScenarios = {
  async 'reference e-ID: cancel at the pretend e-ID page → back on the clinic page with a message, no error in the address'({ page, shot }) {
    const ref = await reference();
    try {
      const url = `${ref.url}/demo/http.html`;
      await toEid(page, url);
      await page.getByRole('button', { name: 'Avbryt' }).click();
      await loginError(page).waitFor({ timeout: 10000 });
      assert.match(await loginError(page).textContent(), /Inloggningen avbröts/);
      assert.equal(page.url(), url, 'back on the clinic page; vard_login_error left the address bar');
      assert.ok(await page.getByRole('button', { name: 'Logga in med BankID' }).isVisible(), 'a way to try again');
      await shot('eid-cancelled');
      // a method other than the one asked for (acr_mismatch) is refused by the server: broker.test.mjs;
      // the widget's words for it: test/auth/bff.test.ts (the pretend page shows the chosen method only)
    } finally {
      await ref.close();
    }
  },

  async 'reference e-ID: browser OIDC (data-auth="oidc") with data-backend over HTTP, the access token as a bearer'({ page, context }) {
    const ref = await reference();
    try {
      const bearers = new Set();
      page.on('request', (r) => {
        const auth = r.headers()['authorization'];
        if (r.url().startsWith(`${ref.url}/api/`) && auth?.startsWith('Bearer ')) bearers.add(auth.split('.').length);
      });
      const url = `${ref.url}/demo/oidc.html`;
      await toEid(page, url);
      const asked = new URL(page.url());
      await page.getByLabel('Astrid Andersson').check();
      await page.getByRole('button', { name: 'Legitimera' }).click();
      await page.getByText('Inloggad som Astrid Andersson').waitFor({ timeout: 15000 });
      assert.equal(page.url(), url, 'back on the page, the callback parameters gone');
      assert.ok(asked.pathname.startsWith('/interaction/'), 'the pretend e-ID page of the provider');
      assert.deepEqual([...bearers], [3], 'the API calls carry a JWT bearer');
      assert.equal((await context.cookies()).find((c) => c.name === 'vc_session'), undefined, 'no session cookie: the token is the session');
      // the chat works on the token: a message reaches the server as this patient
      await passTriage(page, 'Ont i knät');
      const composer = page.getByRole('textbox', { name: 'Meddelande' });
      await composer.fill('Hej från OIDC i webbläsaren.');
      await composer.press('Enter');
      await page.getByRole('log').getByText(/^(Skickat|Läst)$/).first().waitFor({ timeout: 15000 });
      const rows = ref.db.prepare("SELECT text FROM messages WHERE author_role = 'patient'").all().map((r) => r.text);
      assert.deepEqual(rows, ['Hej från OIDC i webbläsaren.']);
    } finally {
      await ref.close();
    }
  },

  async [SHARED]() {
    const ref = await reference();
    const userDataDir = mkdtempSync(join(tmpdir(), 'vard-shared-'));
    const open = () => chromium.launchPersistentContext(userDataDir, { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    try {
      let context = await open();
      const page = await context.newPage();
      await loginWithWidget(page, ref.url);
      const cookie = (await context.cookies()).find((c) => c.name === 'vc_session');
      assert.ok(cookie, 'logged in with a cookie');
      assert.equal(cookie.expires, -1, `a session cookie (no Max-Age/Expires), got expires=${cookie.expires}`);
      await context.close(); // the patient walks away and closes the browser

      context = await open(); // the next person opens the browser on the same profile
      const next = await context.newPage();
      await next.goto(`${ref.url}/demo/http.html`);
      await next.getByRole('button', { name: 'Chatta med oss' }).click();
      await next.getByRole('button', { name: 'Logga in med BankID' }).waitFor({ timeout: 10000 });
      assert.equal(await next.getByText('Inloggad som').count(), 0, 'logged out');
      assert.equal((await context.cookies()).find((c) => c.name === 'vc_session'), undefined, 'no session cookie left');
      await context.close();
    } finally {
      rmSync(userDataDir, { recursive: true, force: true });
      await ref.close();
    }
  },
};
