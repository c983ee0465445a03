// Chaos scenarios of the offline outbox (issue #9 items 2, 3 and 5), in real Chromium against the
// built widget on the reference server's /demo/http.html: reloads mid-flush, the flushing tab
// closed, the server restarted. The server holds acknowledgements (startServer's `ackDelayMs`)
// so that each cut lands between "stored" and "acknowledged" as often as possible.
import assert from 'node:assert/strict';
import {
  chaosSeed, checkServer, checkThread, composer, countResends, login, openChat, reference, seeded, settled,
  sleep, startConversation, until, write,
} from './outbox-helpers.mjs';

const ACK_DELAY_MS = 80;

export const scenarios = {
  async 'outbox: 200 messages queued offline, 20 reloads mid-flush → each on the server once, in order, shown once as Skickat'({ page, context, figure, shot }) {
    const N = 200, RELOADS = 20;
    const seed = chaosSeed();
    console.log(`    seed ${seed} (CHAOS_SEED=${seed} repeats it)`);
    const random = seeded(seed);
    const ref = await reference({ ackDelayMs: ACK_DELAY_MS });
    const stats = { resends: 0 };
    countResends(page, stats);
    try {
      await login(page, ref.url);
      await startConversation(page);
      await context.setOffline(true);
      await write([page], 1, N);
      const log = page.getByRole('log', { name: 'Meddelanden' });
      await log.getByRole('listitem').last().getByText('Väntar på anslutning').waitFor();
      assert.equal(ref.count(), 0, 'nothing sent while offline');
      await shot('outbox-200-offline');
      await context.setOffline(false);

      // reload at random points while the outbox flushes: after 0–4 more acknowledgements, then
      // 0–(ack delay + 40) ms, so many reloads land while an acknowledgement is held
      let reloads = 0;
      const atReload = [];
      for (let r = 0; r < RELOADS; r++) {
        const before = ref.count();
        const more = Math.floor(random() * 5);
        await until(() => ref.count() >= Math.min(N, before + more), { what: `${more} more acknowledgements` });
        await sleep(Math.floor(random() * (ACK_DELAY_MS + 40)));
        atReload.push(ref.count());
        await page.reload();
        reloads++;
        await openChat(page);
      }
      const midFlush = atReload.filter((c) => c < N).length;
      console.log(`    stored at each reload: ${atReload.join(' ')}`);
      assert.equal(midFlush, RELOADS, 'every reload happened while messages were still queued');

      await until(() => ref.count() >= N, { timeout: 90_000, what: `${N} messages on the server` });
      await settled(page, N);
      const figures = checkServer(ref, N);
      await checkThread(page, N);
      await shot('outbox-200-after-reloads');
      figure({ ...figures, reloads, resends: stats.resends, seed });
    } finally {
      await ref.close();
    }
  },

  'outbox: 3 tabs, the flushing tab closed mid-flush → another takes over within 5 s, 0 duplicates, 0 lost': (ctx) => threeTabs(ctx, 'close'),
  'outbox: 3 tabs, the flushing tab crashed mid-flush → another takes over within 5 s, 0 duplicates, 0 lost': (ctx) => threeTabs(ctx, 'crash'),

  async 'outbox: the server restarted 3 times mid-flush → everything arrives once, in order'({ page, context, figure, shot }) {
    const N = 60, RESTARTS = 3;
    const ref = await reference({ ackDelayMs: ACK_DELAY_MS });
    const stats = { resends: 0 };
    countResends(page, stats);
    try {
      await login(page, ref.url);
      await startConversation(page);
      await context.setOffline(true);
      await write([page], 1, N);
      await context.setOffline(false);
      const recoveries = [];
      for (let r = 1; r <= RESTARTS; r++) {
        await until(() => ref.count() >= (r * N) / (RESTARTS + 1), { timeout: 60_000, what: 'acknowledgements before a restart' });
        const stored = ref.count();
        await ref.restart(500); // cuts the held acknowledgement in flight
        const up = Date.now();
        await until(() => ref.count() > stored, { timeout: 60_000, what: 'a message after the restart' });
        recoveries.push(Date.now() - up);
      }
      await until(() => ref.count() >= N, { timeout: 60_000, what: `${N} messages on the server` });
      await settled(page, N);
      const figures = checkServer(ref, N);
      await checkThread(page, N);
      await composer(page).waitFor();
      await shot('outbox-after-restarts');
      figure({ ...figures, restarts: RESTARTS, resends: stats.resends, recovery_ms: Math.max(...recoveries) });
      await selfTest(ref, page, N);
    } finally {
      await ref.close();
    }
  },
};

/** The checks can fail: a stored duplicate, a lost message and one missing from the thread are caught. */
async function selfTest(ref, page, n) {
  const copy = ref.db.prepare("SELECT * FROM messages WHERE text = 'Meddelande 007'").get();
  const seq = ref.db.prepare('SELECT MAX(seq) + 1 n FROM messages').get().n;
  ref.db.prepare('INSERT INTO messages (id, conversation_id, seq, client_id, author, author_role, kind, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run('m-selftest', copy.conversation_id, seq, 'selftest', copy.author, copy.author_role, copy.kind, copy.text, copy.created_at);
  assert.throws(() => checkServer(ref, n), /no message twice/, 'self-test: a duplicate is caught');
  ref.db.prepare("DELETE FROM messages WHERE id = 'm-selftest'").run();
  assert.throws(() => checkServer(ref, n + 1), /no message lost/, 'self-test: a lost message is caught');
  await assert.rejects(checkThread(page, n + 1), /shows every message/, 'self-test: a message missing from the thread is caught');
}

/** Which tab holds the outbox lock: the one whose probe lock has the same client id. */
async function holderOf(tab) {
  const { held } = await tab.evaluate(() => navigator.locks.query());
  const outbox = held.find((l) => l.name?.startsWith('vard-chat-outbox:'));
  if (!outbox) return undefined;
  const probe = held.find((l) => l.name?.startsWith('chaos-probe-') && l.clientId === outbox.clientId);
  return probe ? Number(probe.name.slice('chaos-probe-'.length)) : undefined;
}

/**
 * Three tabs of one patient write by turns; the tab holding the outbox lock is closed (an orderly
 * close) or its renderer crashed (CDP Page.crash) mid-flush: another tab must take over.
 * @param {'close' | 'crash'} kill
 */
async function threeTabs({ page, context, errors, figure }, kill) {
  const N = 60;
  const ref = await reference({ ackDelayMs: ACK_DELAY_MS });
  const stats = { resends: 0 };
  try {
    await login(page, ref.url);
    await startConversation(page);
    const tabs = [page];
    for (let i = 1; i < 3; i++) {
      const tab = await context.newPage();
      tab.on('pageerror', (e) => errors.push(e));
      await tab.goto(`${ref.url}/demo/http.html`);
      await openChat(tab);
      tabs.push(tab);
    }
    // each tab holds a probe lock of its own, so the lock table tells which tab holds which lock
    for (const [i, tab] of tabs.entries()) {
      await tab.evaluate((name) => { navigator.locks.request(name, () => new Promise(() => {})); }, `chaos-probe-${i}`);
    }
    /** @type {{ tab: number, at: number }[]} */
    const puts = [];
    for (const [i, tab] of tabs.entries()) {
      countResends(tab, stats);
      tab.on('request', (r) => { if (r.method() === 'PUT' && /\/messages\//.test(r.url())) puts.push({ tab: i, at: Date.now() }); });
    }
    await context.setOffline(true);
    await write(tabs, 1, N); // written in the three tabs by turns
    await context.setOffline(false);
    await until(() => ref.count() >= 10, { what: '10 acknowledgements' });

    const flusher = await holderOf(tabs[1]);
    assert.ok(flusher !== undefined, 'one tab holds the outbox lock');
    assert.ok(puts.some((p) => p.tab === flusher), 'the lock holder is the tab that sends');
    assert.ok(puts.every((p) => p.tab === flusher), 'only the lock holder sends');
    const storedAtClose = ref.count();
    assert.ok(storedAtClose < N, 'closed mid-flush');
    const closedAt = Date.now();
    if (kill === 'close') await tabs[flusher].close();
    else {
      const crashed = new Promise((resolve) => tabs[flusher].once('crash', resolve));
      const cdp = await context.newCDPSession(tabs[flusher]);
      void cdp.send('Page.crash').catch(() => undefined); // never answers: the renderer is gone
      await crashed;
    }
    const rest = tabs.filter((_, i) => i !== flusher);
    const first = await until(() => puts.find((p) => p.at >= closedAt && p.tab !== flusher), { timeout: 30_000, what: 'another tab sending' });
    const takeoverMs = first.at - closedAt;
    const heir = await holderOf(rest[0]);
    assert.equal(heir, first.tab, 'the tab that took over holds the lock');
    assert.ok(takeoverMs <= 5000, `another tab took over within 5 s (took ${takeoverMs} ms)`);

    await until(() => ref.count() >= N, { timeout: 60_000, what: `${N} messages on the server` });
    for (const tab of rest) await settled(tab, N);
    const figures = checkServer(ref, N);
    for (const tab of rest) await checkThread(tab, N);
    figure({ ...figures, tabs: 3, kill, stored_at_close: storedAtClose, takeover_ms: takeoverMs, resends: stats.resends });
  } finally {
    await ref.close();
  }
}
