// `npm run docs:screenshots`: the pictures in README.md and docs/ taken from the demo itself, so
// they show what the widget shows today. Builds nothing: run `npm run build` first (the script
// does it when dist/ is missing). Writes docs/images/<state>.png.
import { existsSync, mkdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { launch, root, startStatic } from '../test/e2e/harness.mjs';
import { loginWithPretendEid, passTriage } from '../test/e2e/journey.mjs';
import { loginWithWidget } from '../test/e2e/reference.mjs';

const out = join(root, 'docs/images');
mkdirSync(out, { recursive: true });
if (!existsSync(join(root, 'dist/vard-chat.js')) || !existsSync(join(root, 'dist/server/app.js'))) execSync('npm run -s build:all', { cwd: root, stdio: 'inherit' });

const web = await startStatic();
const browser = await launch();
const page = browser.context.pages()[0] ?? (await browser.context.newPage());
await page.setViewportSize({ width: 1200, height: 820 });
await page.emulateMedia({ reducedMotion: 'reduce' });
const clinic = (name) => page.getByRole('button', { name, exact: true }).click();
/** The open panel, as the patient sees it. */
async function shot(name) {
  await page.waitForTimeout(150); // let focus rings and the live region settle before the picture
  await page.locator('vard-chat [part~="panel"]').screenshot({ path: join(out, `${name}.png`) });
  console.log(`docs/images/${name}.png`);
}

try {
  await page.goto(`${web.origin}/demo/`);
  await clinic('Återställ allt / reset');
  await page.getByText('Allt är återställt', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Chatta med oss' }).click();
  await page.getByRole('button', { name: 'Logga in med BankID' }).waitFor();
  await shot('login');

  await loginWithPretendEid(page);
  await page.getByRole('radiogroup', { name: 'Vad gäller din kontakt?' }).waitFor();
  await shot('triage');

  await page.getByRole('radio', { name: 'Råd om symtom' }).check();
  await page.getByRole('button', { name: 'Nästa' }).click();
  const stroke = page.getByRole('checkbox', { name: /^Plötslig svaghet/ });
  await stroke.check();
  await page.getByRole('button', { name: 'Nästa' }).click();
  await page.getByRole('heading', { name: 'Sök vård direkt' }).waitFor();
  await shot('red-flag');

  await page.getByRole('button', { name: 'Tillbaka och ändra svar' }).click();
  await stroke.uncheck();
  await page.getByRole('button', { name: 'Tillbaka' }).click();
  await passTriage(page, 'Jag har haft halsont i tre dagar och feber i natt.');
  await page.getByRole('status').getByText(/Du är nummer 1 i kön/).waitFor();
  await shot('queue');

  await clinic('Skicka som vården');
  const log = page.getByRole('log');
  await log.getByText('anslöt till chatten').waitFor();
  const composer = page.getByRole('textbox', { name: 'Meddelande' });
  await composer.fill('Det gör ont att svälja, mest på morgonen.');
  await composer.press('Enter');
  await log.getByText(/^(Skickat|Läst)$/).first().waitFor({ timeout: 15000 });
  await shot('live-chat');

  await clinic('Föreslå tider');
  await log.getByRole('list', { name: 'Välj en tid som passar dig:' }).waitFor();
  await shot('booking');

  await clinic('Avsluta med utvärdering');
  await page.getByRole('group', { name: 'Hur nöjd är du med chatten?' }).waitFor();
  await shot('evaluation');

  await page.getByRole('combobox', { name: 'Läge för nya chattar / mode' }).selectOption('async');
  await page.getByRole('button', { name: 'Hoppa över' }).click();
  await page.getByRole('button', { name: 'Ny chatt' }).click();
  await passTriage(page, 'Jag behöver förnya mitt recept på blodtrycksmedicin.');
  await composer.fill('Det gäller Enalapril 10 mg.');
  await composer.press('Enter');
  await page.getByRole('status').getByText('Väntar på svar från vården').waitFor({ timeout: 15000 });
  await shot('async-thread');

  // the clinician console on the reference server: a patient's triage answers and first message
  const { startServer } = await import('../dist/server/app.js');
  const ref = await startServer({ staticRoot: root, devLogin: true });
  try {
    await loginWithWidget(page, ref.url);
    await passTriage(page, 'Ont i knät sedan i går, svårt att gå i trappor.');
    const message = 'Jag har ont i knät sedan i går.';
    await page.getByRole('textbox', { name: 'Meddelande' }).fill(message);
    await page.getByRole('textbox', { name: 'Meddelande' }).press('Enter');
    await page.getByRole('log').getByText(/^(Skickat|Läst)$/).first().waitFor({ timeout: 15000 });
    const staff = await browser.context.newPage();
    await staff.setViewportSize({ width: 1200, height: 820 });
    await staff.goto(`${ref.url}/console/`);
    await staff.getByRole('button', { name: 'Logga in' }).click();
    await staff.getByRole('button', { name: 'Ta nästa patient' }).first().click();
    await staff.getByText(message).waitFor({ timeout: 10000 });
    await staff.waitForTimeout(150);
    await staff.screenshot({ path: join(out, 'console.png') });
    console.log('docs/images/console.png');
  } finally {
    await ref.close();
  }
} finally {
  await browser.close();
  await web.stop();
}
