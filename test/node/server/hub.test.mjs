// The event hub reads each new event once per process, whatever the number of open streams
// (the JS server queried the database once per subscriber per event).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, json, readEvents } from './helpers.mjs';

test('one database read per new event per process, not one per subscriber', async () => {
  const t = await start({ sendsPerMinute: 10_000 });
  try {
    const store = t.s.store;
    const calls = { all: 0, perPatient: 0, staff: 0 };
    const wrap = (name, key) => {
      const original = store[name].bind(store);
      store[name] = (...args) => {
        calls[key]++;
        return original(...args);
      };
    };
    wrap('eventsAfter', 'all');
    wrap('patientEventsAfter', 'perPatient');
    wrap('staffEventsAfter', 'staff');

    const STREAMS = 30;
    const patients = await Promise.all(Array.from({ length: STREAMS }, (_, i) => t.patient(`P${i}`)));
    const streams = [];
    for (const p of patients) {
      const ctrl = new AbortController();
      streams.push({ p, ctrl, res: await p.as('/events', { signal: ctrl.signal }) });
    }
    const [first] = patients;
    const c = await (await first.as('/conversations', { method: 'POST', body: json({}) })).json();
    const SENDS = 5;
    const got = readEvents(streams[0].res, streams[0].ctrl, SENDS + 1, 3000);
    const before = { ...calls };
    for (let i = 0; i < SENDS; i++) await first.as(`/conversations/${c.id}/messages/h${i}`, { method: 'PUT', body: json({ text: `m${i}` }) });
    const events = (await got).filter((e) => e.data?.type === 'message');
    assert.equal(events.length, SENDS, 'the patient got the messages live');
    for (const s of streams.slice(1)) s.ctrl.abort();
    const reads = calls.all - before.all;
    assert.ok(reads >= 1 && reads <= SENDS, `${reads} reads for ${SENDS} events with ${STREAMS} streams open`);
    assert.equal(calls.perPatient - before.perPatient, 0, 'no per-subscriber query for live events');
  } finally {
    await t.s.close();
  }
});

test('a stream resuming from an older id reads its own backlog once, then joins the live read', async () => {
  const t = await start({ sendsPerMinute: 10_000 });
  try {
    const p = await t.patient();
    const c = await (await p.as('/conversations', { method: 'POST', body: json({}) })).json();
    for (let i = 0; i < 3; i++) await p.as(`/conversations/${c.id}/messages/b${i}`, { method: 'PUT', body: json({ text: `före ${i}` }) });
    const ctrl = new AbortController();
    const res = await p.as('/events', { headers: { 'last-event-id': '0' }, signal: ctrl.signal });
    const reading = readEvents(res, ctrl, 6, 3000); // the conversation and five messages
    for (let i = 0; i < 2; i++) await p.as(`/conversations/${c.id}/messages/a${i}`, { method: 'PUT', body: json({ text: `efter ${i}` }) });
    const texts = (await reading).filter((e) => e.data?.type === 'message').map((e) => e.data.message.text);
    assert.deepEqual(texts, ['före 0', 'före 1', 'före 2', 'efter 0', 'efter 1'], 'every event once, in order');
  } finally {
    await t.s.close();
  }
});

test('a cap on concurrent streams per patient: the one over it → 429 too-many-streams; another patient is not affected', async () => {
  const t = await start({ maxStreamsPerPatient: 3 });
  try {
    const p = await t.patient();
    const other = await t.patient('B');
    const open = [];
    for (let i = 0; i < 3; i++) {
      const ctrl = new AbortController();
      const res = await p.as('/events', { signal: ctrl.signal });
      assert.equal(res.status, 200);
      open.push({ ctrl, res });
    }
    const over = await p.as('/events');
    assert.deepEqual([over.status, (await over.json()).code], [429, 'too-many-streams']);
    assert.ok(Number(over.headers.get('retry-after')) >= 1);
    const theirs = new AbortController();
    assert.equal((await other.as('/events', { signal: theirs.signal })).status, 200, 'another patient opens theirs');
    theirs.abort();
    // one closes: a new one may open (the count follows the connections)
    open[0].ctrl.abort();
    let again;
    for (let i = 0; i < 50; i++) {
      const ctrl = new AbortController();
      again = await p.as('/events', { signal: ctrl.signal });
      if (again.status === 200) {
        ctrl.abort();
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(again.status, 200);
    for (const s of open) s.ctrl.abort();
  } finally {
    await t.s.close();
  }
});
