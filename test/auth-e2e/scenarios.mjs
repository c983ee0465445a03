// Scenarios of the login suite (run by run.mjs). Playwright locators pierce open shadow roots.

/** Opens the widget and clicks a login button. */
async function startLogin(page, url, method = 'Logga in med BankID') {
  await page.goto(url);
  await page.getByRole('button', { name: 'Chatta med oss' }).click();
  await page.getByRole('button', { name: method }).click();
}

/** Plays the patient at oidc-provider's (development) login and consent pages. */
async function providerLogin(page, idp) {
  await page.waitForURL((u) => u.href.startsWith(idp.issuer));
  await page.locator('input[name="login"]').fill('patient-42');
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const cont = page.getByRole('button', { name: 'Continue' });
  await Promise.race([cont.click().catch(() => {}), page.waitForURL((u) => !u.href.startsWith(idp.issuer))]);
  await page.waitForURL((u) => !u.href.startsWith(idp.issuer));
}

/** Everything script-readable the page keeps, plus its address, as one string. */
async function everythingStored(page) {
  return page.evaluate(async () => {
    const dump = [location.href, document.cookie, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      for (const store of db.objectStoreNames) {
        const all = await new Promise((res) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => res(r.result); });
        dump.push(`${name}/${store}:${JSON.stringify(all)}`);
      }
      db.close();
    }
    return dump.join('\n');
  });
}

const loginError = (page) => page.getByRole('alert').filter({ hasText: 'Inloggningen' });

/** Installs a script that changes the return before the widget reads it. */
const onReturn = (context, fn) => context.addInitScript(fn);

export const scenarios = {
  async 'OIDC: BankID → provider login → back on the same page, widget open, name shown, acr_values sent'({ page, pageUrl, idp, assert }) {
    const tokens = [];
    page.on('response', async (r) => {
      if (r.url().startsWith(`${idp.issuer}/token`) && r.request().method() === 'POST') {
        const body = await r.json().catch(() => ({}));
        for (const k of ['access_token', 'id_token', 'refresh_token']) if (body[k]) tokens.push(body[k]);
      }
    });
    await startLogin(page, pageUrl);
    await providerLogin(page, idp);
    await page.getByText('Inloggad som Testa Testsson').waitFor({ timeout: 10000 });
    assert.equal(new URL(page.url()).origin + new URL(page.url()).pathname, pageUrl, 'back on the same page');
    assert.ok(await page.getByRole('dialog').isVisible(), 'the widget is open');
    assert.deepEqual(idp.seen.acrValues.slice(-1), ['urn:grn:authn:se:bankid']);
    assert.deepEqual(idp.seen.freshness.slice(-1), [{ prompt: 'login', max_age: '300' }], 'a fresh e-ID step (prompt=login, max_age)');
    // after login: no token in storage, IndexedDB, script-readable cookies or the URL
    assert.ok(tokens.length >= 2, `saw the tokens the provider issued (${tokens.length})`);
    const stored = await everythingStored(page);
    for (const t of tokens) assert.ok(!stored.includes(t), 'a token was found in browser storage or the URL');
    assert.ok(!/[?&](code|state|iss)=/.test(page.url()), `callback parameters left in the URL: ${page.url()}`);
    assert.ok(!stored.includes('code_verifier') && !stored.includes('"verifier"'), 'the OIDC transaction was deleted');
  },

  async 'OIDC: Freja eID sends its own acr_values'({ page, pageUrl, idp, assert }) {
    await startLogin(page, pageUrl, 'Logga in med Freja eID');
    await page.waitForURL((u) => u.href.startsWith(idp.issuer));
    assert.deepEqual(idp.seen.acrValues.slice(-1), ['urn:grn:authn:se:frejaid']);
  },

  async 'OIDC: a tampered state is rejected with a clear message and no session'({ page, context, pageUrl, idp, assert }) {
    await onReturn(context, () => {
      const u = new URL(location.href);
      if (u.searchParams.has('code')) { u.searchParams.set('state', 'tampered'); history.replaceState(null, '', u); }
    });
    const before = idp.seen.tokenRequests;
    await startLogin(page, pageUrl);
    await providerLogin(page, idp);
    await loginError(page).waitFor();
    assert.match(await loginError(page).textContent(), /kunde inte bekräftas/);
    assert.equal(await page.getByText('Inloggad som').count(), 0);
    assert.equal(idp.seen.tokenRequests, before, 'no token request with a bad state');
    assert.ok(await page.getByRole('button', { name: 'Logga in med BankID' }).isVisible(), 'a way to try again');
    assert.ok(!/[?&](code|state)=/.test(page.url()));
  },

  async 'OIDC: a wrong nonce is rejected'({ page, context, pageUrl, idp, assert }) {
    await onReturn(context, () => {
      const raw = sessionStorage.getItem('vard-chat:oidc');
      if (raw && location.search.includes('code=')) sessionStorage.setItem('vard-chat:oidc', JSON.stringify({ ...JSON.parse(raw), nonce: 'wrong' }));
    });
    await startLogin(page, pageUrl);
    await providerLogin(page, idp);
    await loginError(page).waitFor();
    assert.match(await loginError(page).textContent(), /kunde inte bekräftas/);
    assert.equal(await page.getByText('Inloggad som').count(), 0);
  },

  async 'OIDC: a replayed code is rejected'({ page, context, pageUrl, idp, assert }) {
    await onReturn(context, () => {
      if (location.search.includes('code=')) {
        window.__callback = location.href;
        window.__txn = sessionStorage.getItem('vard-chat:oidc');
      }
    });
    await startLogin(page, pageUrl);
    await providerLogin(page, idp);
    await page.getByText('Inloggad som Testa Testsson').waitFor({ timeout: 10000 });
    const { callback, txn } = await page.evaluate(() => ({ callback: window.__callback, txn: window.__txn }));
    assert.ok(callback && txn, 'captured the first return');
    // the same code again, with the same transaction as if the first had never been used
    await page.evaluate((t) => sessionStorage.setItem('vard-chat:oidc', t), txn);
    await page.goto(callback);
    await loginError(page).waitFor();
    assert.match(await loginError(page).textContent(), /kunde inte bekräftas/);
    assert.equal(await page.getByText('Inloggad som').count(), 0);
  },

  async 'OIDC: a callback on a page that never started a login is rejected'({ page, pageUrl, idp, assert }) {
    const before = idp.seen.tokenRequests;
    await page.goto(`${pageUrl}?code=forged-code&state=forged-state`);
    await loginError(page).waitFor();
    assert.match(await loginError(page).textContent(), /kunde inte bekräftas/);
    assert.equal(await page.getByText('Inloggad som').count(), 0);
    assert.equal(idp.seen.tokenRequests, before);
    assert.equal(page.url(), pageUrl);
  },

  async 'BFF: login sets an HttpOnly cookie, the session is shown, logout clears it'({ page, context, origin, assert }) {
    const url = `${origin}/test/auth-e2e/pages/bff.html?tab=2`;
    await startLogin(page, url);
    await page.getByText('Inloggad som Testa Testsson').waitFor({ timeout: 10000 });
    assert.equal(page.url(), url, 'back on the same page, query kept');
    assert.ok(await page.getByRole('dialog').isVisible(), 'the widget is open');
    const cookie = (await context.cookies()).find((c) => c.name === 'vard_sid');
    assert.ok(cookie?.httpOnly, 'an HttpOnly session cookie');
    assert.ok(!(await page.evaluate(() => document.cookie)).includes('vard_sid'), 'not readable by script');
    assert.ok(!(await everythingStored(page)).includes(cookie.value), 'the session id is nowhere in storage');
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByText('Du är utloggad.').waitFor();
    assert.equal((await context.cookies()).find((c) => c.name === 'vard_sid'), undefined, 'cookie cleared');
    await page.reload();
    await page.getByRole('button', { name: 'Chatta med oss' }).click();
    await page.getByRole('button', { name: 'Logga in med BankID' }).waitFor();
  },

  async 'BFF: the test backend refuses a return address on another origin'({ page, origin, assert }) {
    const res = await page.request.get(`${origin}/bff/login?method=bankid&return_to=${encodeURIComponent('https://evil.example/')}`, { maxRedirects: 0 });
    assert.equal(res.status(), 400);
  },

  async 'demo: the pretend e-ID step (cancel, then log in as a test person) and back'({ page, origin, assert }) {
    await startLogin(page, `${origin}/demo/index.html`);
    await page.waitForURL(/pretend-eid\.html/);
    await page.getByRole('heading', { name: 'Legitimera dig med BankID' }).waitFor();
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await loginError(page).waitFor();
    assert.match(await loginError(page).textContent(), /avbröts/);
    assert.ok(!page.url().includes('vard_login_error'), 'the error left the address bar');
    await page.getByRole('button', { name: 'Logga in med Freja eID' }).click();
    await page.getByRole('heading', { name: 'Legitimera dig med Freja eID' }).waitFor();
    await page.getByRole('radio', { name: 'Testa Testsson' }).check();
    await page.getByRole('button', { name: 'Legitimera' }).click();
    await page.getByText('Inloggad som Testa Testsson').waitFor({ timeout: 10000 });
    assert.equal(new URL(page.url()).pathname, '/demo/index.html');
  },

  async 'inactivity: warning, extend, then timeout logs out and leaves no widget data'({ page, context, origin, assert }) {
    await page.clock.install();
    await startLogin(page, `${origin}/test/auth-e2e/pages/bff.html?minutes=1`);
    await page.getByText('Inloggad som Testa Testsson').waitFor({ timeout: 10000 });
    await page.evaluate(() => {
      localStorage.setItem('vard-chat:test', '1');
      return new Promise((r) => { const q = indexedDB.open('vard-chat-data-e2e', 1); q.onsuccess = () => { q.result.close(); r(); }; });
    });
    await page.clock.runFor(31_000);
    const warning = page.getByRole('alertdialog', { name: 'Du loggas snart ut' });
    await warning.waitFor();
    await page.getByRole('button', { name: 'Fortsätt vara inloggad' }).click();
    await warning.waitFor({ state: 'hidden' });
    await page.clock.runFor(45_000);
    assert.ok(await page.getByText('Inloggad som Testa Testsson').isVisible(), 'still logged in after extending');
    await page.clock.runFor(20_000);
    await page.getByText('inte var aktiv').waitFor();
    assert.equal((await context.cookies()).find((c) => c.name === 'vard_sid'), undefined, 'backend session ended');
    const left = await page.evaluate(async () => ({
      dbs: (await indexedDB.databases()).map((d) => d.name).filter((n) => n.startsWith('vard-chat-data-')),
      keys: [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('vard-chat:')),
    }));
    assert.deepEqual(left, { dbs: [], keys: [] });
  },
};
