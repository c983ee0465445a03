// The 8,000-stream case (issue #14.4), bounded for a shared test machine: 2,000 open event
// streams from 400 patients (5 each, the per-patient cap) over loopback, and one more stream is
// refused for a patient at the cap; meanwhile another patient's send and its event round trip
// still completes. How fast is for bench/server.mjs (it prints the figures beside a no-load
// baseline); this test asserts only that it completes and that the streams are really open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { start, json } from './helpers.mjs';

const PATIENTS = 400;
const PER_PATIENT = 5;

/** Opens an event stream with a plain socket each (no pooling); resolves once the server said `connected`. */
function openStream(base, token) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/events`, { agent: false, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return resolve({ status: res.statusCode, close: () => req.destroy() });
      }
      res.setEncoding('utf8');
      let buf = '';
      const onData = (chunk) => {
        buf += chunk;
        if (buf.includes(': connected')) {
          res.off('data', onData);
          res.resume();
          resolve({ status: 200, close: () => req.destroy() });
        }
      };
      res.on('data', onData);
    });
    req.on('error', reject);
  });
}

/** Runs `fn` over `items` with at most `n` at a time. */
async function pool(items, n, fn) {
  const out = [];
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (i < items.length) {
      const k = i++;
      out[k] = await fn(items[k], k);
    }
  }));
  return out;
}

test(`${PATIENTS * PER_PATIENT} open streams from ${PATIENTS} patients: another patient's send and its event still go through`, async () => {
  const t = await start({ heartbeatMs: 60_000 });
  const streams = [];
  try {
    const patients = await pool(Array.from({ length: PATIENTS }, (_, i) => i), 16, (i) => t.patient(`Patient ${i}`));
    const opened = await pool(patients.flatMap((p) => Array.from({ length: PER_PATIENT }, () => p)), 100, (p) => openStream(t.s.listenUrl, p.token));
    streams.push(...opened);
    assert.equal(opened.filter((s) => s.status === 200).length, PATIENTS * PER_PATIENT, 'every stream within the cap is open');
    assert.equal(t.s.hub.patientStreams(), PATIENTS * PER_PATIENT, 'and the hub holds them all');
    const over = await openStream(t.s.listenUrl, patients[0].token);
    streams.push(over);
    assert.equal(over.status, 429, 'a sixth stream of one patient is refused');

    // another patient: a conversation, a stream, a message; the message's event reaches the stream
    const other = await t.patient('Astrid Andersson');
    const c = await (await other.as('/conversations', { method: 'POST', body: json({ reason: 'advice', mode: 'async' }) })).json();
    const ctrl = new AbortController();
    const res = await other.as('/events', { signal: ctrl.signal });
    assert.equal(res.status, 200);
    const sent = await other.as(`/conversations/${c.id}/messages/load-1`, { method: 'PUT', body: json({ text: 'Hej under last' }) });
    assert.equal(sent.status, 201);
    const decoder = new TextDecoder();
    let buf = '';
    let seen = false;
    for await (const chunk of res.body) {
      buf += decoder.decode(chunk, { stream: true });
      if (buf.includes('Hej under last')) {
        seen = true;
        break;
      }
    }
    ctrl.abort();
    assert.ok(seen, 'the message event arrived on the patient\'s stream');
  } finally {
    for (const s of streams) s.close();
    await t.s.close();
  }
});
