// Helpers of the outbox chaos scenarios (outbox.mjs): a restartable reference server on a fixed
// port with a sqlite file, the patient's way in (pretend e-ID, triage, composer), and the checks
// against the server's database and the widget's thread.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../e2e/harness.mjs';
import { startServer } from '../../dist/server/app.js';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` (in Node) until it returns something truthy; throws after `timeout` ms. */
export async function until(fn, { timeout = 60_000, every = 10, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(every);
  }
}

/** A small seeded PRNG (mulberry32), so a failing run can be repeated with CHAOS_SEED. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function chaosSeed() {
  const env = Number(process.env.CHAOS_SEED);
  return Number.isInteger(env) && env > 0 ? env : 1 + Math.floor(Math.random() * 2 ** 31);
}

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * The reference server on a fixed free port with a temporary sqlite file, so it can be closed and
 * started again on the same address with the same data. `ackDelayMs` holds acknowledgements.
 */
export async function reference({ ackDelayMs = 0 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'vard-chaos-'));
  const opts = { port: await freePort(), db: join(dir, 'chat.sqlite'), staticRoot: root, sendsPerMinute: 1_000_000, ackDelayMs };
  let server = await startServer(opts);
  let up = true;
  return {
    url: server.url,
    get db() { return server.db; },
    /** Closes the server (in-flight requests are cut) and starts it again after `downMs`. */
    async restart(downMs = 0) {
      up = false;
      await server.close();
      await sleep(downMs);
      server = await startServer(opts);
      up = true;
    },
    /** The patient's messages as stored, in the server's order. */
    messages() {
      return /** @type {{ text: string, seq: number, conversation_id: string }[]} */ (server.db.prepare(
        "SELECT text, seq, conversation_id FROM messages WHERE json_extract(author, '$.role') = 'patient' ORDER BY conversation_id, seq").all());
    },
    count() {
      return /** @type {any} */ (server.db.prepare("SELECT COUNT(*) n FROM messages WHERE json_extract(author, '$.role') = 'patient'").get()).n;
    },
    async close() {
      if (up) await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Pretend e-ID login as the test person, back on the demo page of the reference server. */
export async function login(page, url) {
  await page.goto(`${url}/auth/login?method=bankid&return=/demo/http.html`);
  await page.getByLabel('Astrid Andersson').check();
  await page.getByRole('button', { name: 'Legitimera' }).click();
  await page.waitForURL(`${url}/demo/http.html`);
}

export const composer = (page) => page.getByRole('textbox', { name: 'Meddelande' });

/** Opens the widget on a page of a logged-in patient with a conversation. */
export async function openChat(page) {
  await page.getByRole('button', { name: 'Chatta med oss' }).click();
  await composer(page).waitFor({ timeout: 20_000 });
}

/** Opens the widget and starts a conversation through the triage. */
export async function startConversation(page) {
  await page.getByRole('button', { name: 'Chatta med oss' }).click();
  await page.getByRole('radio', { name: 'Annat' }).check();
  await page.getByRole('button', { name: 'Nästa' }).click();
  await page.getByRole('textbox', { name: 'Beskriv kort vad du vill ha hjälp med.' }).fill('Jag har frågor.');
  await page.getByRole('button', { name: 'Nästa' }).click();
  await page.getByRole('button', { name: 'Starta chatten' }).click();
  await composer(page).waitFor({ timeout: 20_000 });
}

/** The text of message n: numbered, so order can be checked. */
export const text = (n) => `Meddelande ${String(n).padStart(3, '0')}`;

/** Writes messages `from`..`to` through the composer, each with Enter, in `pages` by turns. */
export async function write(pages, from, to) {
  for (let n = from; n <= to; n++) {
    const c = composer(pages[(n - from) % pages.length]);
    await c.fill(text(n));
    await c.press('Enter');
  }
}

/**
 * Compares what the server stored with messages 1..n written in that order. Returns the
 * figures; asserts each exactly once and in creation order.
 */
export function checkServer(ref, n) {
  const rows = ref.messages();
  const convs = new Set(rows.map((r) => r.conversation_id));
  const texts = rows.map((r) => r.text);
  const distinct = new Set(texts);
  const expected = Array.from({ length: n }, (_, i) => text(i + 1));
  const figures = { messages: n, duplicates: texts.length - distinct.size, lost: expected.filter((t) => !distinct.has(t)).length };
  assert.equal(convs.size, 1, 'one conversation');
  assert.equal(figures.duplicates, 0, 'no message twice on the server');
  assert.equal(figures.lost, 0, 'no message lost on the server');
  assert.deepEqual(texts, expected, 'the server has them in creation order');
  return figures;
}

/**
 * What the thread shows: walks the rendered window up to the oldest message, as a patient
 * scrolling to the top does, and collects each list item once by its key. Asserts messages 1..n
 * each shown exactly once, as Skickat or Läst.
 */
export async function checkThread(page, n) {
  const log = page.getByRole('log', { name: 'Meddelanden' });
  /** @type {Map<string, string>} key → rendered text */
  const seen = new Map();
  const windows = [];
  const read = () => log.getByRole('listitem').evaluateAll((els) => els.map((e) => [e.dataset.key ?? '', e.innerText]));
  const num = (r) => /Meddelande (\d{3})/.exec(r?.[1] ?? '')?.[1] ?? '?';
  const older = log.getByRole('button', { name: 'Visa äldre meddelanden' });
  const loading = log.getByText('Hämtar äldre meddelanden');
  for (let step = 0; step < 60; step++) {
    const rows = await read();
    for (const [k, t] of rows) seen.set(k, t);
    windows.push(`${num(rows[0])}–${num(rows.at(-1))}`);
    if (await loading.count()) {
      await loading.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
      continue;
    }
    if ((await older.count()) === 0) break;
    // scrolled to the top, the window moves up one step (or a page of older messages loads)
    // while the message at the top stays in place. Not the button: a click scrolls it into view
    // first, and that scroll moves the window too, so two steps would pass between two reads.
    await log.evaluate((el) => (el.scrollTop > 0 ? (el.scrollTop = 0) : el.dispatchEvent(new Event('scroll'))));
    const first = rows[0]?.[0];
    await until(async () => (await read())[0]?.[0] !== first || (await older.count()) === 0, { timeout: 10_000, what: 'the window moved up' })
      .catch(() => undefined);
  }
  /** @type {Map<string, string[]>} message text → the states it is shown with, once per item */
  const shown = new Map();
  for (const t of seen.values()) {
    const m = /Meddelande \d{3}/.exec(t);
    if (!m) continue;
    shown.set(m[0], [...(shown.get(m[0]) ?? []), /(Skickat|Läst)\s*$/.exec(t)?.[1] ?? t.trim().split('\n').pop()]);
  }
  const twice = [...shown].filter(([, s]) => s.length > 1).map(([t]) => t);
  const missing = Array.from({ length: n }, (_, i) => text(i + 1)).filter((t) => !shown.has(t));
  const notSent = [...shown].filter(([, s]) => s.some((x) => x !== 'Skickat' && x !== 'Läst')).map(([t, s]) => `${t}: ${s.join('/')}`);
  assert.deepEqual(twice, [], 'the thread shows no message twice');
  assert.deepEqual(missing, [], `the thread shows every message (${missing.length} missing, ${missing[0]}…${missing.at(-1)}; windows read ${windows.join(' ')})`);
  assert.deepEqual(notSent, [], 'the thread shows every message as Skickat or Läst');
}

/** Waits until the thread shows no message waiting or being sent. */
export async function settled(page, n) {
  const log = page.getByRole('log', { name: 'Meddelanden' });
  await log.getByRole('listitem').filter({ hasText: text(n) }).getByText(/^(Skickat|Läst)$/).waitFor({ timeout: 30_000 });
  await until(async () => (await log.getByText(/^(Väntar på anslutning|Skickas)$/).count()) === 0, { timeout: 30_000, what: 'no pending message in the thread' });
}

/** Counts the acknowledgements of sends the server had already stored (resends it de-duplicated). */
export function countResends(page, into) {
  page.on('response', (r) => {
    if (r.request().method() === 'PUT' && /\/messages\//.test(r.url()) && r.status() === 200) into.resends++;
  });
}
