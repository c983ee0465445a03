// Issue 9, items 8, 9 and the narrow journey: axe in 12 states reached through the UI, the
// privacy sweep after a full session (demo and reference server), and the demo journey at 320×640.
import assert from 'node:assert/strict';
import { root } from './harness.mjs';
import { axe, demoJourney, loginWithPretendEid, passTriage } from './journey.mjs';
import { dumpBrowser, dumpFigures, findings } from './sweep.mjs';
import { consoleClient, loginWithWidget } from './reference.mjs';

const CANARY = 'KANARIE-ÄRENDE-5521 hosta med blod sedan i fredags';
/** Tolvan Tolvansson's well-known test personnummer, typed by the patient in both forms. */
const PNR = ['19121212-1212', '121212-1212', '191212121212'];
const MOCK_SERVER_DB = 'vard-chat-mock-server'; // the demo's simulated server, not the widget's data
/** The cookies oidc-provider (the pretend e-ID) sets on its own origin. */
const OIDC_PROVIDER_COOKIES = /^_(session|interaction|interaction_resume)(\.sig|\.legacy)?$/;

/** Runs axe, saves a screenshot and reports the state's figure; fails on any violation. */
async function check({ page, shot, figure }, state) {
  const violations = await axe(page);
  await shot(`a11y-${state}`);
  figure({ state, violations: violations.length });
  assert.deepEqual(violations, [], `axe: ${state}`);
}

/** Through the triage, then a message with the canary text and a personnummer, until it is sent; returns the log. */
async function sendCanary(page) {
  await passTriage(page);
  const composer = page.getByRole('textbox', { name: 'Meddelande' });
  await composer.fill(`${CANARY}, mitt personnummer är ${PNR[0]} (${PNR[2]})`);
  await composer.press('Enter');
  const log = page.getByRole('log');
  await log.getByText(/^(Skickat|Läst)$/).first().waitFor({ timeout: 15000 });
  return log;
}

const clinic = (page, name) => page.getByRole('button', { name, exact: true }).click();

export const stateScenarios = {
  async 'accessibility: axe finds 0 violations in 12 states reached through the UI'(ctx) {
    const { page, origin } = ctx;
    // the inactivity warning needs 30 s without activity: the page's clock is moved instead
    await page.clock.install();
    await page.goto(`${origin}/demo/`);
    await clinic(page, 'Återställ allt / reset');
    await page.getByText('Allt är återställt', { exact: false }).waitFor();
    const launcher = page.getByRole('button', { name: 'Chatta med oss' });
    await launcher.waitFor();
    await check(ctx, 'closed');

    await launcher.click();
    await page.getByRole('button', { name: 'Logga in med BankID' }).waitFor();
    await check(ctx, 'login');

    await loginWithPretendEid(page);
    await page.getByRole('radiogroup', { name: 'Vad gäller din kontakt?' }).waitFor();
    await check(ctx, 'triage-question');

    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('alert').getByText('Svara på frågan för att gå vidare.').waitFor();
    await check(ctx, 'triage-error');

    await page.getByRole('radio', { name: 'Råd om symtom' }).check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    const stroke = page.getByRole('checkbox', { name: /^Plötslig svaghet/ });
    await stroke.check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: 'Sök vård direkt' }).waitFor();
    await page.getByRole('alert').getByText('Ring 112 om det är akut och livshotande.', { exact: false }).waitFor();
    await check(ctx, 'emergency');

    // back, another answer: a live (sync) chat, waiting in the queue
    await page.getByRole('button', { name: 'Tillbaka och ändra svar' }).click();
    await stroke.uncheck();
    await page.getByRole('button', { name: 'Tillbaka' }).click();
    await passTriage(page);
    const composer = page.getByRole('textbox', { name: 'Meddelande' });
    await composer.waitFor();
    await page.getByRole('status').getByText(/Du är nummer 1 i kön/).waitFor();
    await check(ctx, 'queue');

    await clinic(page, 'Skicka som vården');
    const log = page.getByRole('log');
    await log.getByText('anslöt till chatten').waitFor();
    await page.getByRole('status').getByText(/^Du chattar med/).waitFor();
    await check(ctx, 'live-chat');

    await clinic(page, 'Föreslå tider');
    await log.getByRole('list', { name: 'Välj en tid som passar dig:' }).waitFor();
    await check(ctx, 'booking');

    const offline = page.getByRole('checkbox', { name: 'Offline (servern nås inte)' });
    await offline.check();
    await composer.fill('Skrivet utan anslutning');
    await composer.press('Enter');
    await page.getByRole('status').getByText('Du är offline. Dina meddelanden skickas när anslutningen är tillbaka.').waitFor({ timeout: 15000 });
    await check(ctx, 'offline-notice');
    await offline.uncheck();
    await log.getByText(/^(Skickat|Läst)$/).first().waitFor({ timeout: 15000 });

    await clinic(page, 'Avsluta med utvärdering');
    await page.getByRole('group', { name: 'Hur nöjd är du med chatten?' }).waitFor();
    await check(ctx, 'evaluation');

    // an asynchronous chat: the clinic answers later
    await page.getByRole('combobox', { name: 'Läge för nya chattar / mode' }).selectOption('async');
    await page.getByRole('checkbox', { name: 'Automatiska svar / auto-reply' }).uncheck();
    await page.getByRole('button', { name: 'Hoppa över' }).click();
    await page.getByRole('button', { name: 'Ny chatt' }).click();
    await passTriage(page);
    await composer.fill('En fråga som kan vänta');
    await composer.press('Enter');
    await page.getByRole('status').getByText('Väntar på svar från vården').waitFor({ timeout: 15000 });
    await log.getByText(/^(Skickat|Läst)$/).first().waitFor({ timeout: 15000 });
    await check(ctx, 'async-thread');

    // a short inactivity timeout (1 minute: the warning comes after 30 s without activity)
    await page.locator('vard-chat').evaluate((el) => el.setAttribute('inactivity-minutes', '1'));
    await page.clock.runFor(31_000);
    const warning = page.getByRole('alertdialog', { name: 'Du loggas snart ut' });
    await warning.waitFor();
    await check(ctx, 'inactivity-warning');
    await page.getByRole('button', { name: 'Fortsätt vara inloggad' }).click();
    await warning.waitFor({ state: 'hidden' });
  },

  async 'privacy sweep self-test: a planted canary, token and personnummer are found in every place it looks'({ page, origin, context }) {
    await page.goto(`${origin}/test/e2e/pages/plain.html`); // a throwaway page: the widget is never opened
    const clean = await dumpBrowser(page, context);
    assert.deepEqual(findings(clean, { canaries: [CANARY] }), [], 'a fresh page is clean');
    await page.evaluate(async ({ canary, pnr }) => {
      localStorage.setItem('planted', canary);
      sessionStorage.setItem('planted', `patient ${pnr[1]}`);
      document.cookie = 'planted_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxOTEyMTIxMjEyMTIifQ.c2lnbmF0dXJl; path=/';
      await new Promise((res) => {
        const r = indexedDB.open('planted-db', 1);
        r.onupgradeneeded = () => r.result.createObjectStore('s');
        r.onsuccess = () => {
          const tx = r.result.transaction('s', 'readwrite');
          tx.objectStore('s').put({ text: new TextEncoder().encode(canary) }, 'k'); // as bytes
          tx.oncomplete = () => { r.result.close(); res(); };
        };
      });
      const cache = await caches.open('planted-cache');
      await cache.put('/planted', new Response(`id ${pnr[2]}`));
      history.pushState(null, '', `?access_token=${'Ab1'.repeat(12)}`);
    }, { canary: CANARY, pnr: PNR });
    const found = findings(await dumpBrowser(page, context), { canaries: [CANARY] });
    // [where, what]: every place the sweep looks, each kind of finding
    const places = [['localStorage.planted', 'canary text'], ['sessionStorage.planted', 'personal identity number'],
      ['indexedDB.planted-db.s[0].value.text', 'canary text'], ['caches.planted-cache[0].body', 'personal identity number'],
      ['url', 'URL parameter "access_token"'], ['navigation[1]', 'URL parameter "access_token"'], ['tabHistory[', 'URL parameter "access_token"'],
      ['cookies[0] planted_token', 'JWT'], ['cookies[0] planted_token', 'token-named cookie with a value'], ['url', 'random-looking token']];
    for (const [where, what] of places) {
      assert.ok(found.some((f) => f.startsWith(where) && f.endsWith(what)), `the sweep finds ${what} in ${where}:\n${found.join('\n')}`);
    }
  },

  async 'privacy sweep on the demo: after login, triage, a canary message, a reply and logout nothing is left'({ page, origin, context, figure, shot }) {
    await page.goto(`${origin}/demo/`);
    await clinic(page, 'Återställ allt / reset');
    await page.getByRole('button', { name: 'Chatta med oss' }).click();
    await loginWithPretendEid(page);
    const log = await sendCanary(page);
    await page.getByRole('textbox', { name: 'Skriv som vårdpersonal / Write as the clinician' }).fill('Hej! Hur länge har du haft hostan?');
    await clinic(page, 'Skicka som vården');
    await log.getByText('Hej! Hur länge har du haft hostan?').waitFor();
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('button', { name: 'Logga in med BankID' }).waitFor();
    await shot('privacy-demo-logged-out');
    const dump = await dumpBrowser(page, context);
    const found = findings(dump, { canaries: [CANARY, 'hostan'], skipDatabases: [MOCK_SERVER_DB] });
    figure({ backend: 'demo (mock)', ...dumpFigures(dump, [MOCK_SERVER_DB]), findings: found.length, left_out: `${MOCK_SERVER_DB} (the simulated server)` });
    assert.deepEqual(found, [], 'nothing of the session is left in the browser');
    assert.deepEqual(Object.keys(dump.indexedDB).filter((n) => n !== MOCK_SERVER_DB), [], 'no widget database');
  },

  async 'privacy sweep through the reference server (BFF login): nothing is left after logout'({ page, figure, shot }) {
    const { startServer } = await import('../../dist/server/app.js');
    const ref = await startServer({ staticRoot: root, devLogin: true }); // consoleClient: the development login
    try {
      // the widget's own BFF login: the page, "Logga in med BankID", the pretend e-ID, back
      await loginWithWidget(page, ref.url);
      const log = await sendCanary(page);
      // the clinician answers through the console API (from here, so the patient's browser holds no staff cookie)
      const api = await consoleClient(ref.url);
      const conv = await api('/next', {});
      await api(`/conversations/${conv.id}/messages`, { text: 'Hej! Hur länge har du haft hostan?' });
      await log.getByText('Hej! Hur länge har du haft hostan?').waitFor({ timeout: 10000 });
      await page.getByRole('button', { name: 'Logga ut' }).click();
      await page.getByRole('button', { name: 'Logga in med BankID' }).waitFor();
      await shot('privacy-http-logged-out');
      const dump = await dumpBrowser(page, page.context());
      // the pretend e-ID provider runs on its own origin (the broker's site in production); its
      // own session cookies and its login page in the tab's history are not the clinic's to
      // remove: they are counted apart, and the next login must show the e-ID step (below)
      const idp = new URL(dump.tabHistory.find((u) => /\/interaction\//.test(u)) ?? 'http://idp.invalid').origin;
      const exempt = [];
      const found = findings(dump, { canaries: [CANARY, 'hostan'], identityProvider: { origin: idp, cookies: OIDC_PROVIDER_COOKIES }, exempt });
      const clinicCookies = dump.cookies.filter((c) => !OIDC_PROVIDER_COOKIES.test(c.name)).length;
      figure({ backend: 'reference server (BFF)', ...dumpFigures(dump), cookies: clinicCookies, findings: found.length, left_out: `e-ID provider: ${exempt.length} (cookies, its login page URL)` });
      assert.deepEqual(found, [], 'nothing of the session is left in the browser');
      assert.equal(dump.cookies.filter((c) => c.name.startsWith('vc_')).length, 0, 'no session cookie of the reference server');
      // the provider's session does not log the next person in: "Logga in med BankID" shows the e-ID step again
      await page.getByRole('button', { name: 'Logga in med BankID' }).click();
      await page.getByRole('button', { name: 'Legitimera' }).waitFor({ timeout: 10000 });
      assert.equal(new URL(page.url()).origin, idp, 'at the e-ID provider, not silently back on the page');
    } finally {
      await ref.close();
    }
  },

  async 'journey at 320×640: the demo journey through to logout'(ctx) {
    await ctx.page.setViewportSize({ width: 320, height: 640 });
    assert.equal(typeof demoJourney, 'function', 'journey.mjs exports the demo journey');
    // the patient uses the mouse as in the journey; the tester's control panel (the clinic) lies
    // under the full-screen panel at this width, so its buttons are pressed without the pointer
    const clinic = (name) => ctx.page.getByRole('button', { name, exact: true }).dispatchEvent('click');
    await demoJourney({ ...ctx, clinic, shot: (name) => ctx.shot(`${name}-320x640`) });
    // logged out, the panel still open on the login view: it fits, and axe is still content
    const box = await ctx.page.getByRole('dialog').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 320, `the panel fits 320 px: ${JSON.stringify(box)}`);
    const violations = await axe(ctx.page);
    ctx.figure({ state: 'logged out at 320×640', violations: violations.length });
    assert.deepEqual(violations, [], 'axe: logged out at 320×640');
  },
};
