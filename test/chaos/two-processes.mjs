// Two server processes on one PostgreSQL behind one address (a small load balancer in the test):
// the patient's widget streams from process A while the clinician's console posts through B, and
// the patient sees it; then A is killed mid-conversation, the widget reconnects (to B) and
// resumes with no gap and no duplicate. PostgreSQL is a throwaway cluster (fails, not skips,
// when it cannot start); the servers are real processes (test/support/server-process.mjs).
import assert from 'node:assert/strict';
import { root } from '../e2e/harness.mjs';
import { passTriage } from '../e2e/journey.mjs';
import { startPostgres } from '../support/postgres.mjs';
import { startServerProcess } from '../support/server-process.mjs';
import { startProxy } from '../support/rr-proxy.mjs';
import { until } from './outbox-helpers.mjs';

const BEFORE = 5;
const AFTER = 15;
const label = (n) => `Svar från kliniken ${String(n).padStart(2, '0')}`;

/** A and B on one database, behind the proxy: streams prefer A, the console prefers B. */
async function twoProcesses() {
  const cluster = await startPostgres();
  /** @type {{ host: string, port: number }[]} */
  const backends = [];
  const proxy = await startProxy(() => backends, {
    route: (method, path) => (path === '/api/events' ? 0 : path.startsWith('/console/api/') ? 1 : undefined),
  });
  const databaseUrl = await cluster.createDatabase();
  const options = { staticRoot: root, publicOrigin: proxy.url, devLogin: true, oidc: false, heartbeatMs: 5_000 };
  const procs = [];
  try {
    // both at once on the empty database: they migrate it safely (advisory lock)
    procs.push(...(await Promise.all([startServerProcess({ databaseUrl, options }), startServerProcess({ databaseUrl, options })])));
  } catch (err) {
    await Promise.all(procs.map((p) => p.stop()));
    await proxy.close();
    await cluster.stop();
    throw err;
  }
  for (const p of procs) backends.push({ host: '127.0.0.1', port: p.port });
  return {
    url: proxy.url, proxy, a: procs[0], b: procs[1],
    async stop() {
      await Promise.all(procs.map((p) => p.stop()));
      await proxy.close();
      await cluster.stop();
    },
  };
}

/** The console API through the proxy (B) as a nurse with a bearer token. */
async function nurse(url) {
  const post = async (path, body, token) => {
    const res = await fetch(`${url}/console/api${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body ?? {}),
    });
    assert.ok(res.ok, `console ${path}: ${res.status}`);
    return res.json();
  };
  const { token } = await post('/login', { name: 'Sara Sjöberg', queue: 'nurse' });
  return (path, body) => post(path, body, token);
}

const shown = (log) => log.evaluate((el) => el.innerText.match(/Svar från kliniken \d{2}/g) ?? []);

export const scenarios = {
  async 'two processes, one address: the widget streams from A, the console posts through B; A is killed, the widget resumes on B with no gap and no duplicate'({ page, context, figure }) {
    const T = Date.now();
    const mark = (w) => process.env.TWO_PROC_TRACE && console.log(`    ${w}: ${Date.now() - T} ms`);
    const sys = await twoProcesses();
    mark('started');
    try {
      // the pretend e-ID provider keeps its interaction state in one process's memory (it is a
      // development tool): the patient's session comes from the dev hook instead, through the
      // proxy, as a cookie of the proxy's origin
      const session = await context.request.post(`${sys.url}/dev/session`, { data: { name: 'Astrid Andersson' } });
      assert.equal(session.status(), 200);
      await page.goto(`${sys.url}/demo/http.html`);
      await page.getByRole('button', { name: 'Chatta med oss' }).click();
      await passTriage(page, 'Frågor om min medicin');
      const composer = page.getByRole('textbox', { name: 'Meddelande' });
      await composer.fill('Hej, jag har en fråga.');
      await composer.press('Enter');
      const log = page.getByRole('log');
      await log.getByText(/Skickat|Läst/).first().waitFor({ timeout: 15_000 });

      mark('chat started');
      const send = await nurse(sys.url);
      const conv = await send('/next', { queue: 'nurse' });
      const streamsOnA = () => sys.proxy.log.filter((r) => r.path === '/api/events' && r.backend === 0).length;
      const streamsOnB = () => sys.proxy.log.filter((r) => r.path === '/api/events' && r.backend === 1).length;
      assert.ok(streamsOnA() >= 1 && streamsOnB() === 0, 'the patient streams from A');
      for (let i = 1; i <= BEFORE; i++) {
        await send(`/conversations/${conv.id}/messages`, { text: label(i) });
        await log.getByText(label(i)).waitFor({ timeout: 15_000 });
      }
      assert.ok(sys.proxy.log.filter((r) => r.path.startsWith('/console/api/') && r.backend === 1).length >= BEFORE, 'the console posted through B');

      // A dies mid-conversation (SIGKILL: no goodbye), and the clinic goes on writing through B
      mark('before kill');
      await sys.a.kill();
      for (let i = BEFORE + 1; i <= BEFORE + AFTER; i++) await send(`/conversations/${conv.id}/messages`, { text: label(i) });
      await log.getByText(label(BEFORE + AFTER)).waitFor({ timeout: 30_000 });
      mark('last shown');
      assert.ok(streamsOnB() >= 1, 'the widget reconnected to B');
      await until(async () => (await shown(log)).length >= BEFORE + AFTER, { what: 'every message shown' });
      const tokens = await shown(log);
      const expected = Array.from({ length: BEFORE + AFTER }, (_, i) => label(i + 1));
      assert.deepEqual(tokens, expected, 'each clinic message once, in order: no gap, no duplicate');
      figure({ messages: BEFORE + AFTER, killedMidway: 1, reconnectsToB: streamsOnB(), shown: tokens.length, duplicates: tokens.length - new Set(tokens).size });
    } finally {
      await sys.stop();
    }
  },
};
