// Visual baselines: the main states of the widget on the demo page (closed launcher, login, triage
// question, live chat, evaluation) at 320, 768 and 1400 px, each compared with a reviewed picture
// in test/e2e/baselines/ (pixelmatch, a per-pixel colour threshold and a small share of pixels
// allowed to differ for anti-aliasing), so a clipped border or a wrapped time cannot come back
// unseen. Deterministic: reduced motion, animations off, no caret, a fixed clock in Stockholm's
// time zone, no automatic replies. `npm run test:visual:update` rewrites the baselines (review the
// diff of the pictures before committing them).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { root } from './harness.mjs';
import { loginWithPretendEid, passTriage, sendAsPatient } from './journey.mjs';

const BASELINES = join(root, 'test', 'e2e', 'baselines');
const UPDATE = process.env.UPDATE_BASELINES === '1';
/** pixelmatch's per-pixel colour distance (0–1), and the share of pixels that may differ. */
const THRESHOLD = 0.1;
const MAX_DIFF_SHARE = 0.002;
const WIDTHS = [320, 768, 1400];
/** Monday 2 March 2026, 09:00 in Stockholm. */
const FIXED_TIME = new Date('2026-03-02T08:00:00Z');

/** Compares a screenshot with its baseline (or writes it when updating); returns the differing share. */
function compare(name, png, results) {
  const file = join(BASELINES, `${name}.png`);
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`no baseline ${name}.png: run npm run test:visual:update and review it`);
    mkdirSync(BASELINES, { recursive: true });
    writeFileSync(file, png);
    results.push({ name, diff: 'written' });
    return;
  }
  const a = PNG.sync.read(readFileSync(file));
  const b = PNG.sync.read(png);
  if (a.width !== b.width || a.height !== b.height) {
    writeFileSync(join(root, 'test-results', 'e2e', `visual-${name}-actual.png`), png);
    throw new Error(`${name}: ${b.width}×${b.height}, the baseline is ${a.width}×${a.height}`);
  }
  const diff = new PNG({ width: a.width, height: a.height });
  const n = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: THRESHOLD });
  const share = n / (a.width * a.height);
  if (share > MAX_DIFF_SHARE) {
    writeFileSync(join(root, 'test-results', 'e2e', `visual-${name}-actual.png`), png);
    writeFileSync(join(root, 'test-results', 'e2e', `visual-${name}-diff.png`), PNG.sync.write(diff));
  }
  results.push({ name, diff: share });
}

async function visualAt(width, { page, origin, figure }) {
  await page.setViewportSize({ width, height: width === 320 ? 640 : 900 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'Europe/Stockholm' });
  await page.clock.setFixedTime(FIXED_TIME);
  await page.goto(`${origin}/demo/`);
  await page.evaluate(async () => {
    await window.demoBackend.reset();
  });
  await page.reload();
  await page.evaluate(() => { window.demoBackend.autoReply = false; window.demoBackend.latencyMs = 0; });
  const results = [];
  const panel = page.locator('vard-chat [part~="panel"]');
  const shot = async (name, target = panel) => {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    compare(`${name}-${width}`, await target.screenshot({ animations: 'disabled', caret: 'hide' }), results);
  };
  const launcher = page.getByRole('button', { name: 'Chatta med oss' });
  await launcher.waitFor();
  await shot('closed', page.locator('vard-chat [part~="launcher"]'));
  await launcher.click();
  await page.getByRole('button', { name: 'Logga in med BankID' }).waitFor();
  await page.mouse.move(0, 0);
  await shot('login');
  await loginWithPretendEid(page);
  await page.evaluate(() => { window.demoBackend.autoReply = false; window.demoBackend.latencyMs = 0; });
  await page.getByRole('radiogroup', { name: 'Vad gäller din kontakt?' }).waitFor();
  await shot('triage');
  await passTriage(page, 'Halsont sedan i tisdags');
  const { log } = await sendAsPatient(page, 'Jag har ont i halsen och lite feber.', 10000);
  await page.evaluate(() => window.demoBackend.clinicianSend('Hej! Hur länge har du haft feber?'));
  await log.getByText('Hej! Hur länge har du haft feber?').waitFor();
  await log.getByText(/^Läst$/).first().waitFor({ timeout: 10000 }).catch(() => {});
  await page.mouse.move(0, 0);
  await shot('live-chat');
  await page.evaluate(() => window.demoBackend.closeWithEvaluation());
  await page.getByText('Hur nöjd är du med chatten?').first().waitFor();
  await shot('evaluation');
  for (const r of results) figure({ state: r.name, differing_pixels: typeof r.diff === 'number' ? `${(r.diff * 100).toFixed(3)} %` : r.diff });
  const over = results.filter((r) => typeof r.diff === 'number' && r.diff > MAX_DIFF_SHARE);
  assert.deepEqual(over.map((r) => r.name), [], `differ from the baseline by more than ${MAX_DIFF_SHARE * 100} % of pixels (see test-results/e2e/visual-*-diff.png)`);
}

export const visualScenarios = Object.fromEntries(WIDTHS.map((w) => [
  `visual: closed, login, triage, live chat and evaluation at ${w} px match the baselines`, (ctx) => visualAt(w, ctx),
]));
