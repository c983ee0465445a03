// Two reference-server processes on one PostgreSQL behind one address (#15): a small proxy in
// the test sends the patient's requests to process A and the console's to process B. The
// patient's widget streams from A while the clinician posts through B; then A is killed
// mid-conversation (SIGKILL, as a crash), the proxy fails over to B, and the widget reconnects
// and resumes with Last-Event-ID: every later message arrives once, none is missing.
import assert from 'node:assert/strict';
import http from 'node:http';
import { root } from './harness.mjs';
import { passTriage, sendAsPatient } from './journey.mjs';
import { consoleClient } from './reference.mjs';
import { freePort, startPostgres } from '../support/postgres.mjs';
import { startServerProcess } from '../support/server-process.mjs';

/** A proxy on 127.0.0.1: `pick(req)` chooses the upstream port for each request; streams are piped through. */
async function startProxy(pick) {
  const port = await freePort();
  const server = http.createServer((req, res) => {
    const up = http.request({ host: '127.0.0.1', port: pick(req), method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    // the upstream died: a request not answered yet gets a 502, an open stream is cut
    up.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    res.on('close', () => up.destroy());
    req.pipe(up);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

export const twoProcessScenarios = {
  async 'two processes on PostgreSQL behind one address: the widget streams from A while the console posts through B; A is killed, the widget resumes on B with nothing missing or repeated'({ page, figure }) {
    const cluster = await startPostgres();
    const procs = [];
    let proxy;
    try {
      const databaseUrl = await cluster.createDatabase();
      let aAlive = true;
      let A, B;
      // the patient's requests go to A while it lives, then to B; the console's always to B
      proxy = await startProxy((req) => (req.url.startsWith('/console') || !aAlive ? B.port : A.port));
      const options = { staticRoot: root, publicOrigin: proxy.url, sendsPerMinute: 1000 };
      [A, B] = await Promise.all([0, 1].map(() => startServerProcess({ databaseUrl, options })));
      procs.push(A, B);

      // the patient: a session cookie from the development login, through the proxy (so on A)
      const made = await page.request.post(`${proxy.url}/dev/session`, { data: { name: 'Astrid Andersson' } });
      assert.equal(made.status(), 200);
      await page.goto(`${proxy.url}/demo/http.html`);
      await page.getByRole('button', { name: 'Chatta med oss' }).click();
      await page.getByText('Inloggad som Astrid Andersson').waitFor({ timeout: 15000 });
      await passTriage(page, 'Ont i halsen');
      const { composer, log } = await sendAsPatient(page, 'Jag har ont i halsen.');

      // the clinician, on process B: the message written on A is there; the answer reaches the widget's stream on A
      const api = await consoleClient(B.url);
      const conv = await api('/next', {});
      await api(`/conversations/${conv.id}/messages`, { text: 'Hej från B, nummer 1.' });
      await log.getByText('Hej från B, nummer 1.').waitFor({ timeout: 15000 });

      // A crashes; B carries on: two messages while the widget is reconnecting, one after
      await A.kill();
      aAlive = false;
      const t0 = Date.now();
      await api(`/conversations/${conv.id}/messages`, { text: 'Hej från B, nummer 2.' });
      await api(`/conversations/${conv.id}/messages`, { text: 'Hej från B, nummer 3.' });
      await log.getByText('Hej från B, nummer 3.').waitFor({ timeout: 30000 });
      figure({ reconnect_to_b_ms: Date.now() - t0 });
      await api(`/conversations/${conv.id}/messages`, { text: 'Hej från B, nummer 4.' });
      await log.getByText('Hej från B, nummer 4.').waitFor({ timeout: 15000 });
      for (const n of [1, 2, 3, 4]) assert.equal(await log.getByText(`Hej från B, nummer ${n}.`).count(), 1, `message ${n} shown once`);

      // and the patient's next message goes through B to the console, once
      await composer.fill('Tack, det känns bättre nu.');
      await composer.press('Enter');
      const read = () => api.get(`/conversations/${conv.id}`);
      let detail = await read();
      for (let i = 0; i < 60 && !detail.messages.some((m) => m.text === 'Tack, det känns bättre nu.'); i++) {
        await new Promise((r) => setTimeout(r, 250));
        detail = await read();
      }
      const texts = detail.messages.map((m) => m.text);
      assert.equal(texts.filter((t) => t === 'Tack, det känns bättre nu.').length, 1, 'the patient\'s message stored once');
      assert.equal(texts.filter((t) => t === 'Jag har ont i halsen.').length, 1);
    } finally {
      await proxy?.close();
      await Promise.all(procs.map((p) => p.stop().catch(() => undefined)));
      await cluster.stop();
    }
  },
};
