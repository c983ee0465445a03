// The clinician console (dist/console/, served by the reference server at /console/) in a real
// browser against the real reference server, under a strict CSP (no inline script or style,
// Trusted Types): axe in each state, and a keyboard-only shift: login → take next → reply →
// offer booking → close → log out, with the patient in the widget in a second window.
// Run alone: `npm run build && npm run build:server && node test/e2e/console.mjs`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, run } from './harness.mjs';
import { passTriage } from './journey.mjs';
import { loginWithWidget } from './reference.mjs';

/** The policy a clinic would serve the console under: its own files only, Trusted Types for Lit. */
export const CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types lit-html";

const AXE = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core on the page, loaded through the DevTools protocol (an inline script tag would break the CSP). */
async function axe(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Opens the console with the strict CSP on its page, recording every violation and console line. */
async function openConsole(context, url) {
  const clinic = await context.newPage();
  await clinic.route(`${url}/console/`, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': CONSOLE_CSP } });
  });
  await clinic.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const logs = [];
  clinic.on('console', (m) => logs.push(m.text()));
  const res = await clinic.goto(`${url}/console/`);
  assert.match(res.headers()['content-security-policy'] ?? '', /require-trusted-types-for/);
  return { clinic, logs };
}

/** The accessible name (label, aria-label or text) of the focused element, through shadow roots. */
async function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    if (!a) return '';
    const labelled = a.id && a.getRootNode().querySelector?.(`label[for="${a.id}"]`);
    return (a.getAttribute('aria-label') ?? labelled?.textContent ?? a.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Waits until the focused control's name is `name`. */
async function focusIs(page, name, what) {
  try {
    await page.waitForFunction((n) => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      const labelled = a?.id && a.getRootNode().querySelector?.(`label[for="${a.id}"]`);
      return (a?.getAttribute('aria-label') ?? labelled?.textContent ?? a?.textContent ?? '').replace(/\s+/g, ' ').trim() === n;
    }, name, { timeout: 5000 });
  } catch {
    assert.fail(`${what}: focus is on "${await focused(page)}", not "${name}"`);
  }
}

/** Presses Tab (or Shift+Tab) until the focused control's name is `name`; fails after `max` presses. */
async function tabTo(page, name, { back = false, max = 60 } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    const now = await focused(page);
    if (now === name) return;
    seen.push(now);
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`"${name}" not reached by keyboard; passed: ${seen.slice(-12).join(' | ')}`);
}

async function startReference() {
  const { startServer } = await import(pathToFileURL(join(root, 'dist/server/app.js')).href);
  // the development login (DEV_LOGIN) for the shift scenarios; the staff IdP (SITHS) is on too
  return startServer({ staticRoot: root, devLogin: true });
}

/** A patient in the widget (second window) who passed triage and wrote `text`. */
async function patientWaiting(page, url, text) {
  await loginWithWidget(page, url);
  await passTriage(page, 'Halsont sedan tre dagar');
  const composer = page.getByRole('textbox', { name: 'Meddelande' });
  await composer.fill(text);
  await composer.press('Enter');
  await page.getByRole('log').getByText(/^(Skickat|Läst)$/).first().waitFor({ timeout: 15000 });
}

export const consoleScenarios = {
  async 'console: a keyboard-only shift (login → take next → reply → offer booking → close → log out), axe-clean in each state under a strict CSP'({ page, context, shot, figure }) {
    const ref = await startReference();
    try {
      await patientWaiting(page, ref.url, 'Hej, jag har ont i halsen.');
      const { clinic, logs } = await openConsole(context, ref.url);
      const violations = [];
      const check = async (state) => {
        const v = await axe(clinic);
        violations.push(...v.map((x) => `${state}: ${x}`));
      };

      // login
      await clinic.getByRole('heading', { name: 'Logga in (utvecklingsläge)' }).waitFor();
      assert.equal(await clinic.getByRole('button', { name: 'Ta nästa patient' }).count(), 0, 'only the login shows before login');
      await check('login');
      await tabTo(clinic, 'Namn');
      await clinic.keyboard.press('Control+A');
      await clinic.keyboard.type('Sara Sjöberg');
      await tabTo(clinic, 'Logga in');
      await clinic.keyboard.press('Enter');
      await clinic.getByText('Inloggad som Sara Sjöberg, sjuksköterska').waitFor({ timeout: 10000 });
      const nurseQueue = clinic.getByRole('button', { name: 'Ta nästa patient i kön Sjuksköterska' });
      await clinic.getByText(/1 väntar, längst väntat \d+ min/).waitFor({ timeout: 10000 });
      await check('queues');
      await shot('console-queues');

      // take next: the conversation opens with the triage answers at the top
      await tabTo(clinic, 'Ta nästa patient i kön Sjuksköterska');
      await clinic.keyboard.press('Enter');
      await clinic.getByRole('heading', { name: 'Samtal med Astrid Andersson' }).waitFor({ timeout: 10000 });
      await focusIs(clinic, 'Samtal med Astrid Andersson', 'focus moves to the conversation');
      await clinic.getByRole('log').getByText('Hej, jag har ont i halsen.').waitFor({ timeout: 10000 });
      await clinic.getByText('Halsont sedan tre dagar').first().waitFor({ timeout: 10000 });
      assert.ok(await nurseQueue.isVisible());
      await check('conversation');

      // reply (typing shows for the patient), Ctrl+Enter sends
      await tabTo(clinic, 'Svar');
      await clinic.keyboard.type('Hej Astrid! Har du feber?');
      await page.getByText(/skriver/).first().waitFor({ timeout: 10000 });
      await clinic.keyboard.press('Control+Enter');
      await page.getByRole('log').getByText('Hej Astrid! Har du feber?').waitFor({ timeout: 10000 });
      // the patient may see it (stream) before the console has its answer (HTTP): wait for the box to empty
      await clinic.waitForFunction(() => {
        let a = document.activeElement;
        while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
        return a?.id === 'reply' && a.value === '';
      }, null, { timeout: 10000 });

      // offer booking: the form opens with focus in it, Tab to send
      await tabTo(clinic, 'Föreslå tider');
      await clinic.keyboard.press('Enter');
      await clinic.getByRole('button', { name: 'Skicka tiderna' }).waitFor();
      await focusIs(clinic, 'Text till patienten', 'focus moves into the opened form');
      await check('booking form');
      await shot('console-booking-form');
      await tabTo(clinic, 'Skicka tiderna');
      await clinic.keyboard.press('Enter');
      await page.getByRole('log').getByText('Här är några tider du kan välja mellan.').waitFor({ timeout: 10000 });
      await focusIs(clinic, 'Föreslå tider', 'focus returns to the action button');
      await clinic.getByText('Bokning: väntar på patientens svar').waitFor({ timeout: 10000 });

      // the patient picks a slot (through the patient API with the patient's session, so this
      // test does not depend on the widget's rendering): the console shows the choice as it arrives
      const offer = await clinic.evaluate(async () => {
        const o = await (await fetch('/console/api/overview')).json();
        const c = o.conversations.find((x) => x.status !== 'closed');
        const d = await (await fetch(`/console/api/conversations/${c.id}`)).json();
        const m = d.messages.find((x) => x.kind === 'booking');
        return { conversationId: c.id, actionId: m.payload.actionId, slotId: m.payload.slots[0].id };
      });
      const answered = await page.request.post(`${ref.url}/api/conversations/${offer.conversationId}/actions/${offer.actionId}`, {
        data: { response: { slotId: offer.slotId } }, headers: { origin: ref.url },
      });
      assert.equal(answered.status(), 204, 'the patient answered the booking');
      await clinic.locator('.answer[data-kind="booking"] dd').first().waitFor({ timeout: 10000 });
      await check('answer arrived');

      // close with evaluation
      await tabTo(clinic, 'Avsluta samtalet');
      await clinic.keyboard.press('Enter');
      await tabTo(clinic, 'Bekräfta avslut');
      await clinic.keyboard.press('Enter');
      await clinic.getByText('Samtalet är avslutat.').first().waitFor({ timeout: 10000 });
      await page.getByText('Hur nöjd är du med chatten?').first().waitFor({ timeout: 10000 });
      assert.equal(await clinic.getByRole('textbox', { name: 'Svar', exact: true }).count(), 0, 'no reply box in a closed conversation');
      // the patient's evaluation arrives with the scale's own label
      const evaluated = await page.request.post(`${ref.url}/api/conversations/${offer.conversationId}/evaluation`, {
        headers: { origin: ref.url },
        data: { answers: { resourceType: 'QuestionnaireResponse', status: 'completed', item: [{ linkId: 'satisfaction', answer: [{ valueCoding: { code: '5' } }] }] } },
      });
      assert.equal(evaluated.status(), 204, 'the patient evaluated the chat');
      await clinic.locator('.answer[data-kind="evaluation"]').getByText('Mycket nöjd').waitFor({ timeout: 10000 });
      await check('closed, evaluated');
      await shot('console-closed');

      // the record note opens; logout by keyboard returns to the login
      await tabTo(clinic, 'Visa journalanteckning');
      await clinic.keyboard.press('Enter');
      const note = await clinic.getByLabel('Journaltext').inputValue();
      assert.match(note, /Hej, jag har ont i halsen\./, 'the note holds the messages as plain text');
      await check('record note');
      await tabTo(clinic, 'Logga ut', { back: true });
      await clinic.keyboard.press('Enter');
      await clinic.getByRole('heading', { name: 'Logga in (utvecklingsläge)' }).waitFor({ timeout: 10000 });
      assert.equal(await clinic.getByText('Hej, jag har ont i halsen.').count(), 0, 'nothing of the patient stays after logout');

      assert.equal(clinic.url(), `${ref.url}/console/`, 'no patient data (nor anything else) in the address');
      assert.deepEqual(logs.filter((l) => /Astrid|halsen|feber/i.test(l)), [], 'no patient data in the console output');
      const csp = await clinic.evaluate(() => window.__violations);
      figure({ axe_states: 8, axe_violations: violations.length, csp_violations: csp.length });
      assert.deepEqual(violations, [], 'axe: no violations in any state');
      assert.deepEqual(csp, [], 'no CSP violations');
    } finally {
      await ref.close();
    }
  },

  async 'console: the session ends on the server; the login comes back and the draft is kept'({ page, context }) {
    const ref = await startReference();
    try {
      await patientWaiting(page, ref.url, 'Jag behöver hjälp med ett recept.');
      const { clinic } = await openConsole(context, ref.url);
      await clinic.getByRole('button', { name: 'Logga in' }).click();
      await clinic.getByRole('button', { name: 'Ta nästa patient i kön Sjuksköterska' }).click();
      await clinic.getByRole('log').getByText('Jag behöver hjälp med ett recept.').waitFor({ timeout: 10000 });
      await clinic.getByLabel('Svar').fill('Vilket läkemedel gäller det?');
      // the staff session ends (another tab logged out)
      await clinic.evaluate(() => fetch('/console/api/logout', { method: 'POST' }));
      // the nurse presses Skicka; the console may already have noticed the ended session through
      // its event stream and shown the login instead (both ways the draft must survive)
      await clinic.getByRole('button', { name: 'Skicka', exact: true }).click({ timeout: 3000 }).catch(() => undefined);
      await clinic.getByRole('button', { name: 'Logga in' }).waitFor({ timeout: 10000 });
      await clinic.getByRole('button', { name: 'Logga in' }).click();
      await clinic.getByLabel('Svar').waitFor({ timeout: 10000 });
      assert.equal(await clinic.getByLabel('Svar').inputValue(), 'Vilket läkemedel gäller det?', 'the draft survived');
      await clinic.getByRole('button', { name: 'Skicka', exact: true }).click();
      await page.getByRole('log').getByText('Vilket läkemedel gäller det?').waitFor({ timeout: 10000 });
    } finally {
      await ref.close();
    }
  },

  async 'console: SITHS login through the staff IdP (OIDC code + PKCE, no DEV_LOGIN); each clinician sees only their queues'({ page, context }) {
    const { startServer } = await import(pathToFileURL(join(root, 'dist/server/app.js')).href);
    const ref = await startServer({ staticRoot: root });
    try {
      await patientWaiting(page, ref.url, 'Hej, jag har ont i halsen.'); // a sore throat: the nurse queue
      const { clinic } = await openConsole(context, ref.url);
      const sithsLogin = async (person, who) => {
        await clinic.getByRole('link', { name: 'Logga in med SITHS-kort' }).click();
        await clinic.getByLabel(person).check();
        await clinic.getByRole('button', { name: 'Logga in' }).click();
        await clinic.getByText(who).waitFor({ timeout: 10000 });
        assert.equal(clinic.url(), `${ref.url}/console/`, 'back on the console, nothing in the address');
      };
      await clinic.getByRole('link', { name: 'Logga in med SITHS-kort' }).waitFor({ timeout: 10000 });
      assert.equal(await clinic.getByLabel('Namn').count(), 0, 'no development form without DEV_LOGIN');

      // the doctor: the nurse queue's patient is counted, never shown, and cannot be taken
      await sithsLogin(/Erik Lind/, 'Inloggad som Erik Lind, läkare');
      await clinic.getByText(/1 väntar, längst väntat \d+ min/).waitFor({ timeout: 10000 });
      assert.equal(await clinic.getByRole('button', { name: /Astrid Andersson/ }).count(), 0, 'her conversation is not in his queues');
      await clinic.getByRole('button', { name: 'Logga ut' }).click();

      // the nurse: takes her and reads the message
      await sithsLogin(/Anna Svensson/, 'Inloggad som Anna Svensson, sjuksköterska');
      await clinic.getByRole('button', { name: 'Ta nästa patient i kön Sjuksköterska' }).click();
      await clinic.getByRole('log').getByText('Hej, jag har ont i halsen.').waitFor({ timeout: 10000 });
    } finally {
      await ref.close();
    }
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ok = await run(consoleScenarios, { label: 'console-e2e' });
  process.exit(ok ? 0 : 1);
}
