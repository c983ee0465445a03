// Every message kind round-trips in a real browser (issue #13 item 6): the clinician works the
// console (dist/console/) by role and name → the reference server → the widget on /demo/http.html
// over HTTP and SSE. For each kind the patient sees its own rendering (never the fallback),
// answers where the kind expects an answer, and the console shows the answer.
// One patient page and one console page for every kind.
import assert from 'node:assert/strict';
import { root } from './harness.mjs';
import { passTriage } from './journey.mjs';
import { continueAs, loginWithWidget } from './reference.mjs';

const FALLBACK = /Det här meddelandet kan inte visas här/;

export const kindsScenarios = {
  async 'every message kind round-trips: console → reference server → widget → console'({ page, context, shot }) {
    const { startServer } = await import('../../dist/server/app.js');
    const ref = await startServer({ staticRoot: root, devLogin: true }); // the console's development login
    try {
      await loginWithWidget(page, ref.url);
      await passTriage(page, 'Ont i halsen');
      const log = page.getByRole('log');
      const composer = page.getByRole('textbox', { name: 'Meddelande' });
      await composer.fill('Hej, jag har ont i halsen.');
      await composer.press('Enter');
      await log.getByText(/^(Skickat|Läst)$/).first().waitFor({ timeout: 15000 });

      const clinic = await context.newPage();
      await clinic.goto(`${ref.url}/console/`);
      await clinic.getByRole('button', { name: 'Logga in' }).click();
      await clinic.getByRole('button', { name: 'Ta nästa patient' }).first().click();
      await clinic.getByText('Hej, jag har ont i halsen.').waitFor({ timeout: 10000 });

      // system "joined" and text
      await log.getByText(/anslöt till chatten\./).waitFor({ timeout: 10000 });
      await clinic.getByLabel('Svar').fill('Hej! Jag ska hjälpa dig.');
      await clinic.getByRole('button', { name: 'Skicka', exact: true }).click();
      await log.getByText('Hej! Jag ska hjälpa dig.').waitFor({ timeout: 10000 });

      // booking with a visit and a video slot; the patient picks the video slot
      await clinic.getByRole('button', { name: 'Föreslå tider' }).click();
      await clinic.getByRole('button', { name: 'Lägg till en tid' }).click();
      await clinic.getByRole('group', { name: 'Tid 2' }).getByLabel('Typ av besök').selectOption({ label: 'Videomöte' });
      await clinic.getByRole('button', { name: 'Skicka tiderna' }).click();
      await log.getByText('Välj en tid som passar dig:').waitFor({ timeout: 10000 });
      await log.getByRole('button', { name: /besök/ }).first().waitFor();
      await log.getByRole('button', { name: /videomöte/ }).first().click();
      await log.getByText(/Du valde .*videomöte/).waitFor({ timeout: 10000 });
      await clinic.locator('.answer[data-kind="booking"]').getByText(/videomöte/).waitFor({ timeout: 10000 });

      // a second booking, declined
      await clinic.getByRole('button', { name: 'Föreslå tider' }).click();
      await clinic.getByRole('button', { name: 'Skicka tiderna' }).click();
      await log.getByRole('button', { name: 'Ingen av tiderna passar' }).last().click();
      await log.getByText('Du har bett om andra tider.').waitFor({ timeout: 10000 });
      await clinic.getByText('Patienten vill ha andra tider').waitFor({ timeout: 10000 });

      // call-back: a window chosen, the phone number corrected
      await clinic.getByRole('button', { name: 'Erbjud återuppringning' }).click();
      await clinic.getByRole('button', { name: 'Skicka förslaget' }).click();
      await log.getByText('Vården vill ringa upp dig. Välj en tid som passar:').waitFor({ timeout: 10000 });
      await log.getByRole('radio').first().check();
      await log.getByRole('button', { name: 'Ändra telefonnummer' }).click().catch(() => {});
      await log.getByRole('textbox', { name: 'Telefonnummer' }).fill('070-123 45 67');
      await log.getByRole('button', { name: 'Bekräfta tiden' }).click();
      await log.getByText(/Tack! Vården ringer dig på 070-123 45 67/).waitFor({ timeout: 10000 });
      await clinic.locator('.answer[data-kind="callback"]').getByText(/070-123 45 67/).waitFor({ timeout: 10000 });

      // video with a start time, and without one
      await clinic.getByRole('button', { name: 'Skicka videolänk' }).click();
      await clinic.getByLabel('Länk till mötet (https)').fill('https://video.example.se/m/123');
      await clinic.getByRole('button', { name: 'Skicka länken' }).click();
      await log.getByRole('link', { name: 'Anslut till videomötet' }).first().waitFor({ timeout: 10000 });

      // questionnaire: answered, shown in the console as question → answer
      await clinic.getByRole('button', { name: 'Skicka formulär' }).click();
      await clinic.getByRole('button', { name: 'Skicka formuläret' }).click();
      await log.getByRole('textbox', { name: 'Sedan när har du haft besvären?' }).fill('Sedan i måndags');
      await log.getByRole('button', { name: 'Nästa' }).click();
      await log.getByRole('button', { name: 'Nästa' }).click();
      await log.getByRole('button', { name: 'Nästa' }).click();
      await log.getByRole('heading', { name: 'Kontrollera dina svar' }).waitFor();
      await log.getByRole('button', { name: 'Skicka svaren' }).click();
      await log.getByText('Tack, dina svar är skickade.').waitFor({ timeout: 10000 });
      const qa = clinic.locator('.answer[data-kind="questionnaire"]');
      await qa.getByText('Sedan när har du haft besvären?').waitFor({ timeout: 10000 });
      await qa.getByText('Sedan i måndags').waitFor();
      await shot('kinds-questionnaire');

      // handover to a queue, then to a named colleague
      await clinic.getByRole('button', { name: 'Lämna över', exact: true }).click();
      await clinic.getByLabel('Till kö').selectOption({ label: 'Fysioterapeut' });
      await clinic.getByLabel('Till en namngiven kollega (valfritt)').fill('Per Persson');
      await clinic.getByRole('button', { name: 'Lämna över samtalet' }).click();
      await log.getByText('Du har flyttats till Per Persson (fysioterapeut).').waitFor({ timeout: 10000 });
      // now Per Persson's: he carries on in the console
      await continueAs(clinic, 'Per Persson', 'Fysioterapeut');

      // close (system "closed") with an evaluation; the console shows the scale's label
      await clinic.getByRole('button', { name: 'Avsluta samtalet' }).click();
      await clinic.getByRole('button', { name: 'Bekräfta avslut' }).click();
      await log.getByText('Chatten avslutades.').waitFor({ timeout: 10000 });
      await page.getByText('Hur nöjd är du med chatten?').first().waitFor({ timeout: 10000 });
      assert.equal(await log.getByText(FALLBACK).count(), 0, 'no kind falls back');
      await page.getByRole('radio', { name: 'Varken nöjd eller missnöjd', exact: true }).check();
      // the evaluation shows one question at a time or both at once, depending on the room it has
      const next = page.getByRole('button', { name: 'Nästa' });
      for (let i = 0; i < 2 && await next.count(); i++) await next.click();
      await page.getByRole('button', { name: 'Skicka omdömet' }).click();
      await page.getByText('Tack för ditt svar!').waitFor({ timeout: 10000 });
      await clinic.getByText('Varken nöjd eller missnöjd').first().waitFor({ timeout: 10000 });
    } finally {
      await ref.close();
    }
  },
};
