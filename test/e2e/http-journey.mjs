// The patient journey through the reference server: the widget's own BFF login with the pretend
// e-ID (oidc-provider), triage, a chat with a clinician in the real console (a second window),
// handover, a booking, close, evaluation and logout. The clinician works the console by role
// and name, as a person would; the server's database is the witness for what arrived.
import assert from 'node:assert/strict';
import { root } from './harness.mjs';
import { axe, passTriage, sendAsPatient } from './journey.mjs';
import { continueAs, loginWithWidget } from './reference.mjs';

export const httpJourneyScenarios = {
  async 'journey through the reference server: BFF e-ID login, triage, console clinician, handover, booking, close, evaluation, logout'({ page, context, shot, figure, offlineTyping = false }) {
    const { startServer } = await import('../../dist/server/app.js');
    const ref = await startServer({ staticRoot: root, devLogin: true }); // the console's development login
    try {
      await loginWithWidget(page, ref.url);
      await passTriage(page, 'Ont i knät');
      const { composer, log } = await sendAsPatient(page, 'Jag har ont i knät sedan i går.');

      // the clinician, in the console in a second window
      const clinic = await context.newPage();
      await clinic.goto(`${ref.url}/console/`);
      await clinic.getByRole('button', { name: 'Logga in' }).click();
      await clinic.getByRole('button', { name: 'Ta nästa patient' }).first().click();
      await clinic.getByText('Jag har ont i knät sedan i går.').waitFor({ timeout: 10000 });
      await clinic.getByLabel('Svar').fill('Hej Astrid! Jag kopplar dig till en fysioterapeut.');
      await clinic.getByRole('button', { name: 'Skicka', exact: true }).click();
      await log.getByText('Hej Astrid! Jag kopplar dig till en fysioterapeut.').waitFor({ timeout: 10000 });
      if (offlineTyping) {
        // the network goes away while the patient types: the widget sends no typing signal (a
        // failed request is logged by the browser) and says it is offline; back online it goes on
        // only the patient's page goes offline (the clinician's console stays on the network)
        const net = await context.newCDPSession(page);
        const offline = (on) => net.send('Network.emulateNetworkConditions', { offline: on, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
        await offline(true);
        await page.getByText('Du är offline', { exact: false }).first().waitFor();
        await composer.pressSequentially('Skriver utan nät', { delay: 40 });
        await page.waitForTimeout(1500); // a typing signal (and its stop) would have been tried by now
        await composer.fill('');
        await offline(false);
        await net.detach();
        await page.getByText('Du är offline', { exact: false }).first().waitFor({ state: 'hidden', timeout: 15000 });
      }

      // handover to a named physiotherapist: the patient sees who takes over
      await clinic.getByRole('button', { name: 'Lämna över', exact: true }).click();
      await clinic.getByLabel('Till kö').selectOption({ label: 'Fysioterapeut' });
      await clinic.getByLabel('Till en namngiven kollega (valfritt)').fill('Per Persson');
      await clinic.getByRole('button', { name: 'Lämna över samtalet' }).click();
      await log.getByText('Du har flyttats till Per Persson (fysioterapeut).').waitFor({ timeout: 10000 });
      // now Per Persson's: he carries on in the console
      await continueAs(clinic, 'Per Persson', 'Fysioterapeut');
      await page.getByText('Du chattar med Per Persson, fysioterapeut').waitFor();

      // booking: the clinician proposes slots, the patient picks one; it reaches the server once
      await clinic.getByRole('button', { name: 'Föreslå tider' }).click();
      await clinic.getByRole('button', { name: 'Skicka tiderna' }).click();
      await log.getByText('Välj en tid som passar dig:').waitFor({ timeout: 10000 });
      assert.deepEqual(await axe(page), [], 'axe: booking (reference server)');
      await log.getByRole('button', { name: /besök/ }).first().click();
      await log.getByText(/Du valde/).waitFor({ timeout: 10000 });
      await clinic.locator('.answer[data-kind="booking"]').waitFor({ timeout: 10000 });
      await page.waitForTimeout(300); // a second (duplicate) response would arrive by now
      const responses = ref.db.prepare('SELECT kind FROM actions WHERE response IS NOT NULL').all().map((r) => r.kind);
      assert.deepEqual(responses, ['booking'], 'the slot choice reached the server once');

      // close with evaluation; the patient answers it
      await clinic.getByRole('button', { name: 'Avsluta samtalet' }).click();
      await clinic.getByRole('button', { name: 'Bekräfta avslut' }).click();
      await page.getByText('Hur nöjd är du med chatten?').first().waitFor({ timeout: 10000 });
      await page.getByRole('radio', { name: 'Mycket nöjd', exact: true }).check();
      // the evaluation shows one question at a time or both at once (as kinds.mjs): step on when asked
      const next = page.getByRole('button', { name: 'Nästa' });
      if (await next.count()) await next.click();
      // a two-question evaluation scrolls inside its footer: the panel's header stays in view
      const panel = await page.getByRole('dialog').boundingBox();
      const close = await page.getByRole('button', { name: 'Stäng chatten' }).boundingBox();
      assert.ok(panel && close && close.y >= panel.y, `the close button stays inside the panel (${close?.y} vs ${panel?.y})`);
      await page.getByRole('textbox', { name: 'Vill du berätta mer?' }).fill('Snabb och tydlig hjälp.');
      if (await next.count()) await next.click();
      await page.getByRole('button', { name: 'Skicka omdömet' }).click();
      await page.getByText('Tack för ditt svar!').waitFor({ timeout: 10000 });
      // the thanks shows when the widget has handed the answer on; the row follows the request
      const evaluations = () => ref.db.prepare('SELECT COUNT(*) n FROM evaluations').get().n;
      for (let i = 0; i < 50 && evaluations() === 0; i++) await page.waitForTimeout(200);
      await page.waitForTimeout(300); // a second (duplicate) evaluation would arrive by now
      assert.equal(evaluations(), 1, 'the evaluation reached the server once');
      await shot('http-journey-evaluated');
      await clinic.close();

      // the server holds each patient message once
      const texts = ref.db.prepare("SELECT text FROM messages WHERE author_role = 'patient'").all().map((r) => r.text);
      assert.deepEqual(texts, ['Jag har ont i knät sedan i går.'], 'the patient message once on the server');

      // logout ends the backend session too: a reload shows the login view, not the chat
      await page.getByRole('button', { name: 'Logga ut' }).click();
      await page.getByRole('button', { name: 'Logga in med BankID' }).waitFor({ timeout: 10000 });
      await page.reload();
      await page.getByRole('button', { name: 'Chatta med oss' }).click();
      await page.getByRole('button', { name: 'Logga in med BankID' }).waitFor({ timeout: 10000 });
      const left = await page.evaluate(async () => ({
        dbs: (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('vard-chat')),
        keys: [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('vard-chat')),
      }));
      assert.deepEqual(left, { dbs: [], keys: [] }, 'nothing of the widget left in the browser');
      figure({ messages: texts.length, duplicates: texts.length - new Set(texts).size, booking_responses: responses.length, evaluations: ref.db.prepare('SELECT COUNT(*) n FROM evaluations').get().n });
    } finally {
      await ref.close();
    }
  },
};

export const httpJourney = httpJourneyScenarios['journey through the reference server: BFF e-ID login, triage, console clinician, handover, booking, close, evaluation, logout'];
