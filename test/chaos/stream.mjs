// Chaos scenarios through the reference server (in-process, a temporary SQLite file) with the
// built widget on its /demo/http.html: the patient's event stream cut 50 times while the clinic
// sends 1,000 messages, and IndexedDB writes failing for want of quota (the browser's own
// quota, made tiny through CDP).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../e2e/harness.mjs';
import { axe, passTriage } from '../e2e/journey.mjs';
import { consoleClient } from '../e2e/reference.mjs';
import { until } from './outbox-helpers.mjs';

const MESSAGES = 1000;
const CUTS = 50;
/** How each of the 50 cuts is made (see EventHub.cut): mostly clean closes, some torn down. */
const cutMode = (i) => (i % 16 === 10 ? 'stall' : i % 8 === 3 ? 'torn' : i % 8 === 6 ? 'reset' : 'end');
/** The origin's storage quota in the quota scenario (then filled up by the test). */
const QUOTA = 1024 * 1024;
const label = (n) => `Klinikmeddelande ${String(n).padStart(4, '0')}`;

/** The reference server on a temporary database file; `stop()` closes it and deletes the file. */
async function referenceServer() {
  const { startServer } = await import('../../dist/server/app.js');
  const dir = mkdtempSync(join(tmpdir(), 'vard-chaos-db-'));
  // the clinician's 1,000 messages are writes far above a person's pace: the write limit is lifted here
  const ref = await startServer({ staticRoot: root, db: join(dir, 'chat.db'), devLogin: true, writesPerMinute: 1_000_000 });
  return Object.assign(ref, {
    async stop() {
      await ref.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** The patient logs in with the pretend e-ID and lands on the demo page. */
async function login(page, ref) {
  await page.goto(`${ref.url}/auth/login?method=bankid&return=/demo/http.html`);
  await page.getByLabel('Astrid Andersson').check();
  await page.getByRole('button', { name: 'Legitimera' }).click();
  await page.waitForURL(`${ref.url}/demo/http.html`);
}

/** Opens the widget and walks the triage to a live chat; returns the composer. */
async function startChat(page, text) {
  await page.getByRole('button', { name: 'Chatta med oss' }).click();
  await passTriage(page, text);
  const composer = page.getByRole('textbox', { name: 'Meddelande' });
  await composer.waitFor();
  return composer;
}

/** The clinic messages in the log's DOM window, in the order shown. */
const windowTokens = (log) => log.evaluate((el) => el.innerText.match(/Klinikmeddelande \d{4}/g) ?? []);

/**
 * Reads every clinic message the log shows, top to bottom. The thread renders a window of the
 * history, so this scrolls the log to the top, then down step by step, and joins the windows on
 * their overlap. Returns the tokens in order, duplicates included.
 */
async function readWholeLog(page) {
  const log = page.getByRole('log');
  const scroll = (to) => log.evaluate((el, top) => {
    el.scrollTop = top === 'top' ? 0 : el.scrollHeight;
    el.dispatchEvent(new Event('scroll'));
    return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, to);
  // up until the first clinic message and nothing older
  let prev = '';
  for (let i = 0; i < 200; i++) {
    const w = await windowTokens(log);
    const key = `${w[0]}|${w.length}`;
    if (w[0] === label(1) && key === prev) break;
    prev = key;
    await scroll('top');
  }
  const seen = [...(await windowTokens(log))];
  for (let i = 0; i < 200; i++) {
    await scroll('bottom');
    const w = await windowTokens(log);
    // the longest suffix of what was read that is a prefix of this window
    let overlap = Math.min(seen.length, w.length);
    while (overlap > 0 && seen.slice(seen.length - overlap).join() !== w.slice(0, overlap).join()) overlap--;
    const added = w.slice(overlap);
    if (!added.length && w.at(-1) === seen.at(-1) && seen.at(-1) === label(MESSAGES)) break;
    seen.push(...added);
  }
  return seen;
}

export const scenarios = {
  async 'stream cuts: 1,000 clinic messages, 50 server-side cuts (clean, reset, torn, silent) → each shown once, in order'({ page, context, figure, shot }) {
    const ref = await referenceServer();
    try {
      // the stall cuts need the widget's 45 s heartbeat watchdog: the page's clock (real time,
      // flowing) is moved on past it instead of waiting
      await context.clock.install();
      await page.addInitScript(() => {
        window.__longestTask = 0;
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) window.__longestTask = Math.max(window.__longestTask, e.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      await login(page, ref);
      const composer = await startChat(page, 'Frågor om min medicin');
      await composer.fill('Hej, jag har några frågor om min medicin.');
      await composer.press('Enter');
      const log = page.getByRole('log');
      await log.getByText(/Skickat|Läst/).first().waitFor({ timeout: 10_000 });
      const send = await consoleClient(ref.url);
      const conv = await send('/next', { queue: 'nurse' });
      await log.getByText('Sara Sjöberg', { exact: false }).first().waitFor({ timeout: 10_000 });

      // where each reconnect resumes (Last-Event-ID): never from an event it got only half of
      const resumes = [];
      const open = ref.hub.open.bind(ref.hub);
      ref.hub.open = (req, res, patient, lastEventId, ...rest) => {
        if (patient) resumes.push(lastEventId);
        return open(req, res, patient, lastEventId, ...rest);
      };
      // the patient's read receipts are answered here and never reach the server: each one makes
      // the server send the messages it marks read again, which would heal a message the stream
      // lost; the thread must be whole from the stream alone
      await page.route('**/api/conversations/*/read', (route) => route.fulfill({ status: 204 }));
      const cuts = { end: 0, reset: 0, torn: 0, stall: 0 };
      const t0 = Date.now();
      const per = MESSAGES / CUTS;
      for (let i = 0; i < CUTS; i++) {
        for (let n = i * per + 1; n <= (i + 1) * per; n++) {
          await send(`/conversations/${conv.id}/messages`, { text: `${label(n)} – svar från vården.` });
        }
        // cut only a stream that is open, so every cut is a real one
        await until(() => ref.hub.patientStreams() > 0, { timeout: 30_000, what: 'the patient stream to reconnect' });
        const mode = cutMode(i);
        assert.ok(ref.hub.cut(mode) > 0, 'a stream was cut');
        cuts[mode]++;
        if (mode === 'stall') await page.clock.fastForward(46_000); // past the heartbeat watchdog
      }
      const sentMs = Date.now() - t0;
      await log.getByText(label(MESSAGES), { exact: false }).waitFor({ timeout: 60_000 });
      const shownMs = Date.now() - t0;
      const longestTask = await page.evaluate(() => Math.round(window.__longestTask));
      await shot('stream-cuts-1000');
      assert.equal(ref.db.prepare("SELECT COUNT(*) n FROM messages WHERE text LIKE 'Klinikmeddelande %'").get().n, MESSAGES, 'the server has 1,000');

      const t1 = Date.now();
      const shown = await readWholeLog(page);
      const walkMs = Date.now() - t1;
      const expected = Array.from({ length: MESSAGES }, (_, i) => label(i + 1));
      const unique = new Set(shown);
      const duplicates = shown.length - unique.size;
      const lost = expected.filter((m) => !unique.has(m)).length;
      const fromTorn = resumes.filter((id) => ref.hub.tornIds.includes(id)).length;
      figure({
        messages: MESSAGES, cuts: CUTS, cut_kinds: Object.entries(cuts).map(([k, v]) => `${k} ${v}`).join(', '),
        reconnects: resumes.length, resumed_from_torn: fromTorn, duplicates, lost, sent_ms: sentMs, all_shown_ms: shownMs, longest_task_ms: longestTask, read_log_ms: walkMs,
      });
      assert.equal(duplicates, 0, 'no message shown twice');
      assert.equal(lost, 0, 'no message lost');
      assert.deepEqual(shown, expected, 'each shown once, in order');
      assert.equal(ref.hub.tornIds.length, cuts.torn, 'every torn cut tore an event');
      assert.ok(resumes.length >= CUTS, `a reconnect after every cut (${resumes.length})`);
      assert.equal(fromTorn, 0, 'no reconnect resumed from a half-received event');
    } finally {
      await ref.stop();
    }
  },

  async 'quota exceeded mid-session: online-only notice, messages kept in memory and sent once, a reload resends nothing twice'({ page, context, figure, shot }) {
    const ref = await referenceServer();
    try {
      await login(page, ref);
      // the origin gets a small storage quota before the widget touches IndexedDB (Chromium reads
      // the quota when the origin's IndexedDB opens)
      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin: ref.url, quotaSize: QUOTA });
      const composer = await startChat(page, 'Fråga om provsvar');
      const log = page.getByRole('log');
      const item = (text) => log.getByRole('listitem').filter({ hasText: text });
      const write = async (text) => {
        await composer.fill(text);
        await composer.press('Enter');
        await item(text).waitFor();
      };
      // offline, the first message is committed to IndexedDB as usual (no notice)
      await context.setOffline(true);
      await write('Första: skrivet offline, sparat i webbläsaren.');
      await item('Första').getByText('Väntar på anslutning').waitFor();
      const notice = page.getByText('Dina meddelanden kan inte sparas i den här webbläsaren', { exact: false });
      await page.waitForTimeout(300);
      assert.equal(await notice.count(), 0, 'no online-only notice while storage works');
      // then something else on the origin fills the quota: every IndexedDB write now aborts
      // with QuotaExceededError
      const filled = await page.evaluate(() => new Promise((resolve) => {
        const r = indexedDB.open('chaos-quota-filler', 1);
        r.onupgradeneeded = () => r.result.createObjectStore('s');
        r.onerror = () => resolve(`open: ${r.error?.name}`);
        r.onsuccess = () => {
          // ever smaller records until not even a few bytes fit
          let n = 0, size = 64 * 1024, error;
          const more = () => {
            const tx = r.result.transaction('s', 'readwrite');
            tx.objectStore('s').put(crypto.getRandomValues(new Uint8Array(size)), n++);
            tx.oncomplete = () => (n > 2000 ? resolve('never full') : more());
            tx.onabort = () => {
              error = tx.error?.name;
              size = Math.floor(size / 2);
              if (size < 8) resolve(error);
              else more();
            };
          };
          more();
        };
      }));
      assert.equal(filled, 'QuotaExceededError', 'the origin is out of quota');
      await write('Andra: skrivet när lagringen var full.');
      await write('Tredje: också utan lagring.');
      await notice.waitFor({ timeout: 10_000 });
      for (const t of ['Första', 'Andra', 'Tredje']) await item(t).getByText('Väntar på anslutning').waitFor();
      assert.deepEqual(await axe(page), [], 'axe: online-only and offline notices');
      await shot('quota-online-only-offline');
      // back online: everything goes, once, in the order written
      await context.setOffline(false);
      for (const t of ['Första', 'Andra', 'Tredje']) await item(t).getByText(/Skickat|Läst/).waitFor({ timeout: 20_000 });
      const patientTexts = () => ref.db.prepare("SELECT text FROM messages WHERE json_extract(author, '$.role') = 'patient' ORDER BY seq").all().map((r) => r.text.split(':')[0]);
      assert.deepEqual(patientTexts(), ['Första', 'Andra', 'Tredje'], 'the server has each once, in order');
      await shot('quota-online-only-sent');
      // a reload: what IndexedDB still holds (the first message: its delete went to memory) is
      // resent with the same clientId; the server and the thread still have each message once
      const resends = [];
      page.on('request', (r) => r.method() === 'PUT' && r.url().includes('/messages/') && resends.push(r.url()));
      await page.reload();
      // the widget loads again: closed (the launcher) or open; wait for one, not a guess
      const launcher = page.getByRole('button', { name: 'Chatta med oss' });
      await launcher.or(page.getByRole('dialog')).first().waitFor({ timeout: 15_000 });
      if (await launcher.isVisible()) await launcher.click();
      await item('Tredje').waitFor({ timeout: 15_000 });
      await page.waitForTimeout(1500); // let a resend of the stored entry (if any) reach the server
      for (const t of ['Första', 'Andra', 'Tredje']) {
        assert.equal(await item(t).count(), 1, `"${t}" shown once after the reload`);
        await item(t).getByText(/Skickat|Läst/).waitFor({ timeout: 10_000 });
      }
      assert.deepEqual(patientTexts(), ['Första', 'Andra', 'Tredje'], 'still each once after the reload');
      figure({ messages: 3, duplicates: 0, lost: 0, quota_bytes: QUOTA, resent_after_reload: resends.length, notice: 'online-only' });
    } finally {
      await ref.stop();
    }
  },
};
