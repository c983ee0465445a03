// Hostile text through the paths the demo-page corpus run does not take: the patient's own
// messages, the triage's free-text answer, an inline questionnaire's answer (and its summary),
// and a server error body — through the reference server over real HTTP, with the clinician
// console (also ours) open on the other side. Every payload that could execute calls __xss(n).
import assert from 'node:assert/strict';
import { root } from './harness.mjs';
import { foreignElements, hostileCorpus } from './hostile-corpus.mjs';
import { passTriage } from './journey.mjs';
import { consoleClient, loginWithWidget } from './reference.mjs';

const canary = () => { window.__xssHits = []; window.__xss = (n) => window.__xssHits.push(n); };

export const hostilePathScenarios = {
  async 'hostile input through the patient\'s own paths (messages, triage and questionnaire answers) and a server error body executes nothing'({ page, context, figure, shot }) {
    const { startServer } = await import('../../dist/server/app.js');
    const ref = await startServer({ staticRoot: root, sendsPerMinute: 1000, devLogin: true });
    const corpus = hostileCorpus();
    // one payload of each vector, in turn through the wrappers (bidi, null byte, long, URL, …)
    const picked = Array.from({ length: 25 }, (_, v) => corpus[(v % 8) * 25 + v]);
    try {
      await page.addInitScript(canary);
      await loginWithWidget(page, ref.url);
      // the triage's free-text answer (shown again in its summary, sent as the QuestionnaireResponse)
      await passTriage(page, corpus[1].text);

      const composer = page.getByRole('textbox', { name: 'Meddelande' });
      for (const p of picked) {
        await composer.fill(p.text.slice(0, 3900));
        await composer.press('Enter');
      }
      const stored = () => ref.db.prepare("SELECT COUNT(*) n FROM messages WHERE json_extract(author, '$.role') = 'patient'").get().n;
      for (let i = 0; i < 300 && stored() < picked.length; i++) await page.waitForTimeout(100);
      assert.equal(stored(), picked.length, 'every hostile patient message reached the server, once');

      // the clinician (console API) sends an inline questionnaire; the patient answers with a payload
      const api = await consoleClient(ref.url);
      const conv = await api('/next', {});
      await api(`/conversations/${conv.id}/messages`, { kind: 'questionnaire', text: 'Några frågor', payload: { questionnaire: {
        resourceType: 'Questionnaire', id: 'pre', status: 'active', item: [{ linkId: 'since', type: 'string', text: 'Sedan när?', required: true }],
      } } });
      const log = page.getByRole('log');
      await log.getByRole('textbox', { name: 'Sedan när?' }).fill(corpus[2].text.slice(0, 200));
      await log.getByRole('button', { name: 'Nästa' }).click();
      await log.getByRole('heading', { name: 'Kontrollera dina svar' }).waitFor();
      await log.getByRole('button', { name: 'Skicka svaren' }).click();
      await log.getByText('Tack, dina svar är skickade.').waitFor({ timeout: 10000 });
      for (let i = 0; i < 100 && !ref.db.prepare('SELECT COUNT(*) n FROM actions WHERE response IS NOT NULL').get().n; i++) await page.waitForTimeout(100);
      assert.equal(ref.db.prepare('SELECT COUNT(*) n FROM actions WHERE response IS NOT NULL').get().n, 1, 'the hostile answer reached the server once');

      // a server that answers a send with a hostile error body: the widget shows its own words only
      const evil = `SERVERFEL-7731 ${corpus[3].text}`;
      await page.route('**/api/conversations/*/messages/*', (route) => route.request().method() === 'PUT'
        ? route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ code: evil, message: evil, error: evil }) })
        : route.continue());
      await composer.fill('Det här svaret kommer att nekas');
      await composer.press('Enter');
      await log.getByText(/Kunde inte skickas/).first().waitFor({ timeout: 15000 });
      await page.unroute('**/api/conversations/*/messages/*');
      const widgetText = await page.evaluate(() => {
        const texts = [];
        const walk = (root) => {
          texts.push(root.textContent ?? '');
          for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
        };
        walk(document.querySelector('vard-chat').shadowRoot);
        return texts.join('\n');
      });
      assert.ok(!widgetText.includes('SERVERFEL-7731'), 'the server\'s error text is not shown');

      // the console (our code too) shows the same hostile conversation
      const clinic = await context.newPage();
      await clinic.addInitScript(canary);
      await clinic.goto(`${ref.url}/console/`);
      await clinic.getByRole('button', { name: 'Logga in' }).click();
      // open the patient's conversation: every hostile message and the answer are rendered there
      await clinic.getByRole('button', { name: /^Astrid Andersson ·/ }).first().click();
      await clinic.getByText(picked[24].text.slice(0, 40), { exact: false }).first().waitFor({ timeout: 10000 });
      await page.waitForTimeout(500); // intentional: a window in which a delayed payload would run before the count
      await shot('hostile-paths');

      const hits = await page.evaluate(() => window.__xssHits);
      const clinicHits = await clinic.evaluate(() => window.__xssHits);
      const foreign = await foreignElements(page);
      figure({ payloads: picked.length + 3, executions: hits.length + clinicHits.length, foreign_elements: foreign.length });
      assert.deepEqual(hits, [], 'no payload executed in the widget');
      assert.deepEqual(clinicHits, [], 'no payload executed in the console');
      assert.deepEqual(foreign, [], 'no element from a payload in the widget');
    } finally {
      await ref.close();
    }
  },
};
