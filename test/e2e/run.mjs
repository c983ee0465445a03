// End-to-end suite against the built dist/vard-chat.js (run `npm run build` first; `npm run test:e2e` does).
import assert from 'node:assert/strict';
import { run } from './harness.mjs';

const ok = await run({
  async 'script tag alone: open, send, see the simulated reply'({ page, origin, shot }) {
    await page.goto(`${origin}/test/e2e/pages/plain.html`);
    const launcher = page.getByRole('button', { name: 'Chatta med oss' });
    await launcher.click();
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

  async 'script loaded twice places one launcher'({ page, origin }) {
    await page.goto(`${origin}/test/e2e/pages/twice.html`);
    await page.getByRole('button', { name: 'Chatta med oss' }).waitFor();
    await page.waitForTimeout(300);
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

  async 'works at 320 px wide'({ page, origin, shot }) {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${origin}/test/e2e/pages/plain.html`);
    await page.getByRole('button', { name: 'Chatta med oss' }).click();
    const dialog = page.getByRole('dialog');
    await page.getByRole('textbox', { name: 'Meddelande' }).waitFor();
    const box = await dialog.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 320, `panel fits 320 px: ${JSON.stringify(box)}`);
    const send = await page.getByRole('button', { name: 'Skicka' }).boundingBox();
    assert.ok(send && send.x + send.width <= 320, 'send button visible');
    await shot('plain-320');
  },
});
process.exit(ok ? 0 : 1);
