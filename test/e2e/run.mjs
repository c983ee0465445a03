// End-to-end suite against the built dist/vard-chat.js (run `npm run build` first; `npm run test:e2e` does).
import assert from 'node:assert/strict';
import { run, root } from './harness.mjs';
import { journeyScenarios, loginAtOnce, loginWithPretendEid, passTriage } from './journey.mjs';
import { stateScenarios } from './states.mjs';
import { httpJourneyScenarios } from './http-journey.mjs';
import { hostilePathScenarios } from './hostile-paths.mjs';
import { consoleScenarios } from './console.mjs';
import { kindsScenarios } from './kinds.mjs';
import { eidScenarios } from './eid.mjs';
import { quietScenarios } from './quiet.mjs';
import { visualScenarios } from './visual.mjs';
import { a11yMoreScenarios } from './a11y-more.mjs';
import { twoProcessScenarios } from './two-processes.mjs';

const ok = await run({
  ...journeyScenarios,
  ...stateScenarios,
  ...httpJourneyScenarios,
  ...hostilePathScenarios,
  ...consoleScenarios,
  ...kindsScenarios,
  ...eidScenarios,
  ...quietScenarios,
  ...visualScenarios,
  ...a11yMoreScenarios,
  ...twoProcessScenarios,
  async 'script tag alone: open, send, see the simulated reply'({ page, origin, shot }) {
    await page.goto(`${origin}/test/e2e/pages/plain.html`);
    const launcher = page.getByRole('button', { name: 'Chatta med oss' });
    await launcher.click();
    // logged out at first, like a real deployment: the e-ID step comes first
    await loginAtOnce(page);
    // then the pre-chat triage, with focus on its first question
    await page.getByRole('radiogroup', { name: 'Vad gäller din kontakt?' }).waitFor();
    await page.waitForFunction(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a?.getAttribute('type') === 'radio';
    }, null, { timeout: 3000 });
    await passTriage(page);
    const composer = page.getByRole('textbox', { name: 'Meddelande' });
    await composer.waitFor();
    // focus moved into the panel
    await page.waitForFunction(() => {
      const view = document.querySelector('vard-chat')?.shadowRoot?.querySelector('vard-chat-view');
      const composer = view?.shadowRoot?.querySelector('vard-conversation')?.shadowRoot?.querySelector('vard-composer');
      return composer?.shadowRoot?.activeElement?.tagName === 'TEXTAREA';
    }, null, { timeout: 3000 }); // focus moved into the panel, onto the composer
    await composer.fill('Hej, jag har ont i halsen.');
    await composer.press('Enter');
    const log = page.getByRole('log');
    await log.getByText('Hej, jag har ont i halsen.').waitFor();
    await log.getByText(/Skickat|Läst/).first().waitFor({ timeout: 5000 });
    await log.getByText('Tack för ditt meddelande', { exact: false }).waitFor({ timeout: 10000 });
    await shot('plain-round-trip');
    // Escape closes and focus returns to the launcher
    await page.keyboard.press('Escape');
    await launcher.waitFor();
    await page.waitForFunction(() => document.querySelector('vard-chat')?.shadowRoot?.activeElement?.classList.contains('launcher'),
      null, { timeout: 3000 }); // focus returned to the launcher
    assert.equal(await page.locator('#host-text').textContent(), 'A plain page with one script tag.');
  },

  async 'demo/embed.html: the script tag starts logged out, and "Avbryt" then a test person at the pretend e-ID come back to the page'({ page, origin }) {
    await page.goto(`${origin}/demo/embed.html`);
    await page.getByRole('button', { name: 'Chatta med oss' }).click();
    await page.getByRole('button', { name: 'Logga in med Freja eID' }).click();
    await page.waitForURL(/pretend-eid\.html/, { waitUntil: 'load' });
    await page.getByRole('heading', { name: 'Legitimera dig med Freja eID' }).waitFor();
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await page.waitForURL(/embed\.html/);
    await page.getByText('Inloggningen avbröts', { exact: false }).waitFor();
    assert.ok(!page.url().includes('vard_login_error'), 'the error left the address bar');
    await loginWithPretendEid(page);
    assert.equal(new URL(page.url()).pathname, '/demo/embed.html');
  },

  async 'script loaded twice places one launcher'({ page, origin }) {
    await page.goto(`${origin}/test/e2e/pages/twice.html`);
    await page.getByRole('button', { name: 'Chatta med oss' }).waitFor();
    await page.waitForTimeout(300); // intentional: time for a second copy of the script to place a second launcher
    assert.equal(await page.locator('vard-chat').count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Chatta med oss' }).count(), 1);
  },

  async 'a bad data-backend is named in the console and the widget says chat unavailable'({ page, origin }) {
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${origin}/test/e2e/pages/bad-backend.html`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.getByText('The chat is not available right now', { exact: false }).waitFor();
    assert.ok(errors.some((e) => e.includes('data-backend')), `console error names data-backend: ${errors}`);
  },

  async 'data-questionnaire: an unsupported questionnaire shows the engine error, not a broken form'({ page, origin, shot }) {
    await page.goto(`${origin}/test/e2e/pages/questionnaire.html`);
    await page.getByRole('button', { name: 'Chatta med oss' }).click();
    await loginAtOnce(page);
    await page.getByText('Fråga "photo": stöds inte: type "attachment"').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Nästa' }).count(), 0);
    await shot('triage-unsupported');
    await page.getByRole('button', { name: 'Chatta utan frågor' }).click();
    await page.getByRole('textbox', { name: 'Meddelande' }).waitFor();
  },

  async 'HTTP backend: patient (e-ID login) and clinician console chat in real time through the reference server'({ page, context, shot }) {
    const { startServer } = await import('../../dist/server/app.js');
    const ref = await startServer({ staticRoot: root, devLogin: true }); // the console's development login
    try {
      // the patient logs in with the pretend e-ID provider, back on the demo page
      await page.goto(`${ref.url}/auth/login?method=bankid&return=/demo/http.html`);
      await page.getByLabel('Astrid Andersson').check();
      await page.getByRole('button', { name: 'Legitimera' }).click();
      await page.waitForURL(`${ref.url}/demo/http.html`);
      await page.getByRole('button', { name: 'Chatta med oss' }).click();
      await passTriage(page, 'Recept');
      const composer = page.getByRole('textbox', { name: 'Meddelande' });
      await composer.fill('Hej, jag behöver förnya ett recept.');
      await composer.press('Enter');
      await page.getByRole('log').getByText(/Skickat|Läst/).first().waitFor({ timeout: 5000 });
      // the clinician, in a second window
      const clinic = await context.newPage();
      await clinic.goto(`${ref.url}/console/`);
      await clinic.getByRole('button', { name: 'Logga in' }).click();
      await clinic.getByRole('button', { name: 'Ta nästa patient' }).first().click();
      await clinic.getByText('Hej, jag behöver förnya ett recept.').waitFor();
      await clinic.getByLabel('Svar').fill('Hej Astrid! Vilket läkemedel gäller det?');
      await clinic.getByRole('button', { name: 'Skicka', exact: true }).click();
      // the patient sees the answer live, and the clinician sees the patient's next message live
      await page.getByRole('log').getByText('Hej Astrid! Vilket läkemedel gäller det?').waitFor({ timeout: 5000 });
      await composer.fill('Det gäller Alvedon.');
      await composer.press('Enter');
      await clinic.getByText('Det gäller Alvedon.').waitFor({ timeout: 5000 });
      await shot('http-two-windows');
      await clinic.screenshot({ path: `${root}/test-results/e2e/http-console.png` });
    } finally {
      await ref.close();
    }
  },

  async 'works at 320 px wide'({ page, origin, shot }) {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${origin}/test/e2e/pages/plain.html`);
    await page.getByRole('button', { name: 'Chatta med oss' }).click();
    const dialog = page.getByRole('dialog');
    await loginAtOnce(page);
    const next = await page.getByRole('button', { name: 'Nästa' }).boundingBox();
    assert.ok(next && next.x >= 0 && next.x + next.width <= 320, `triage fits 320 px: ${JSON.stringify(next)}`);
    await passTriage(page);
    await page.getByRole('textbox', { name: 'Meddelande' }).waitFor();
    const box = await dialog.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 320, `panel fits 320 px: ${JSON.stringify(box)}`);
    const send = await page.getByRole('button', { name: 'Skicka' }).boundingBox();
    assert.ok(send && send.x + send.width <= 320, 'send button visible');
    await shot('plain-320');
  },

  async 'strict CSP with Trusted Types: opens, sends, 0 violations, host layout unchanged'({ page, origin, shot }) {
    const res = await page.goto(`${origin}/test/e2e/pages/csp.html`);
    assert.match(res.headers()['content-security-policy'] ?? '', /require-trusted-types-for/);
    await page.getByRole('button', { name: 'Chatta med oss' }).waitFor();
    const before = await hostSnapshot(page);
    await sendAndSeeReply(page, 'Hej under strikt CSP');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(await hostSnapshot(page), before, 'host page unchanged');
    await shot('csp');
    // the detector works: an inline style on this page is a violation it records
    const seen = await page.evaluate(async () => {
      const s = document.createElement('style');
      s.textContent = 'body { color: red }';
      document.head.append(s);
      await new Promise((r) => setTimeout(r, 100)); // intentional: a CSP report is queued, not synchronous
      return window.__violations.length;
    });
    assert.equal(seen, 1, 'the violation listener catches a deliberate violation');
  },

  async 'hostile host stylesheet cannot break the widget'({ page, origin, shot }) {
    await page.goto(`${origin}/test/e2e/pages/hostile.html`);
    await page.getByRole('button', { name: 'Chatta med oss' }).waitFor();
    const before = await hostSnapshot(page);
    await sendAndSeeReply(page, 'Hej trots fientlig CSS');
    const box = await page.getByRole('dialog').boundingBox();
    assert.ok(box && box.width > 250 && box.height > 300, `panel keeps its size: ${JSON.stringify(box)}`);
    const fontSize = await page.getByRole('textbox', { name: 'Meddelande' }).evaluate((el) => getComputedStyle(el).fontSize);
    assert.equal(fontSize, '16px');
    assert.deepEqual(await hostSnapshot(page), before, 'host page unchanged');
    await shot('hostile');
  },

  async 'API calls made before the script loaded are replayed, and events reach on() handlers'({ page, origin }) {
    await page.goto(`${origin}/test/e2e/pages/queued-api.html`);
    await page.getByRole('dialog').waitFor();
    await page.getByRole('button', { name: 'Log in with BankID' }).waitFor(); // logged out: the e-ID step first
    assert.deepEqual(await page.evaluate(() => window.__events), ['open']);
    const closed = await page.evaluate(() => new Promise((resolve) => {
      const off = window.VardChat.on('vard-close', () => { off(); resolve(true); });
      window.VardChat.close();
    }));
    assert.equal(closed, true);
    await page.getByRole('button', { name: 'Chat with us' }).waitFor();
  },

  async 'nothing is written to cookies or storage until the patient opens the widget'({ page, origin }) {
    await page.goto(`${origin}/test/e2e/pages/plain.html`);
    await page.getByRole('button', { name: 'Chatta med oss' }).waitFor();
    await page.waitForTimeout(500); // intentional: the idle preload has run and would have written by now
    const state = await page.evaluate(async () => ({
      cookies: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
      dbs: (await indexedDB.databases()).map((d) => d.name),
    }));
    assert.deepEqual(state, { cookies: '', local: 0, session: 0, dbs: [] });
  },
});
process.exit(ok ? 0 : 1);

/** Opens the widget, sends a message and waits for the simulated clinician's reply. */
async function sendAndSeeReply(page, text) {
  await page.getByRole('button', { name: 'Chatta med oss' }).click();
  await loginAtOnce(page);
  await passTriage(page);
  const composer = page.getByRole('textbox', { name: 'Meddelande' });
  await composer.fill(text);
  await page.getByRole('button', { name: 'Skicka' }).click();
  const log = page.getByRole('log');
  await log.getByText(text).waitFor();
  await log.getByText('Tack för ditt meddelande', { exact: false }).waitFor({ timeout: 10000 });
}

/** What the host page looks like: its head, body children and the boxes of its own elements. */
async function hostSnapshot(page) {
  return page.evaluate(() => ({
    head: document.head.innerHTML.length,
    headStyles: document.querySelectorAll('style').length,
    bodyChildren: [...document.body.children].filter((c) => c.tagName !== 'VARD-CHAT').map((c) => c.tagName),
    widgets: document.querySelectorAll('vard-chat').length,
    heading: JSON.stringify(document.getElementById('host-heading')?.getBoundingClientRect() ?? null),
    bodyStyle: getComputedStyle(document.body).cssText || `${getComputedStyle(document.body).margin}|${getComputedStyle(document.body).fontFamily}`,
    htmlAttrs: [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`),
  }));
}
