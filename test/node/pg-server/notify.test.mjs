// Notifications on PostgreSQL with two server instances on one database (each its own pool,
// LISTEN connection, hub and notifier, as two processes have): both read every event, one
// notification goes out; a stream open on one instance holds the notification back on the other
// (presence rows). The SMS goes to a real HTTP endpoint; the clocks are the test's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPostgres } from '../../support/postgres.mjs';
import { start } from '../server/helpers.mjs';
import { httpSink, until } from '../server/notify-peers.mjs';

const MIN = 60_000;
let cluster;
let sms;
let A;
let B;
const clock = { t: Date.parse('2026-12-02T10:00:00Z'), now() { return this.t; } };

before(async () => {
  cluster = await startPostgres();
  sms = await httpSink(200);
  const databaseUrl = await cluster.createDatabase();
  const notify = { clinicName: 'Vårdcentralen Exempel', clinicUrl: 'https://vardcentralen.example.se/', clock, tickMs: 3_600_000, sms: { url: sms.url } };
  A = await start({ databaseUrl, notify });
  B = await start({ databaseUrl, notify });
});
after(async () => {
  await A?.s.close();
  await B?.s.close();
  await sms?.close();
  await cluster?.stop();
});

const settled = async () => {
  const head = await A.s.store.headEventId();
  for (const x of [A, B]) {
    await until(() => x.s.notify.notifier.seenUpTo >= head, 'both notifiers saw the newest event');
    await x.s.notify.notifier.settled();
  }
};

async function patientWithSms() {
  const p = await A.patient();
  const n = sms.requests.length;
  assert.equal((await p.as('/notifications/sms', { method: 'PUT', body: JSON.stringify({ address: '+46761234567' }) })).status, 200);
  await until(() => sms.requests.length > n);
  const code = /\b(\d{6})\b/.exec(JSON.parse(sms.requests.at(-1).body).text)[1];
  // confirmed on the other instance: the code is in the database, not in a process
  const bAs = (path, init) => fetch(`${B.s.listenUrl}/api${path}`, { ...init, headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' } });
  assert.equal((await bAs('/notifications/sms/confirm', { method: 'POST', body: JSON.stringify({ code }) })).status, 200);
  const conv = await (await p.as('/conversations', { method: 'POST', body: JSON.stringify({ mode: 'async', reason: 'advice' }) })).json();
  return { p, conv, staffB: await B.staff() };
}

test('two instances read every event; exactly one notification, shown on both consoles', async () => {
  const { conv, staffB } = await patientWithSms();
  const n = sms.requests.length;
  assert.equal((await staffB(`/conversations/${conv.id}/messages`, { method: 'POST', body: JSON.stringify({ kind: 'text', text: 'Provsvaren är klara.' }) })).status, 201);
  await settled();
  clock.t += 5 * MIN;
  await Promise.all([A.s.notify.notifier.tick(), B.s.notify.notifier.tick()]);
  await until(() => sms.requests.length === n + 1);
  clock.t += 60 * MIN;
  await Promise.all([A.s.notify.notifier.tick(), B.s.notify.notifier.tick()]);
  assert.equal(sms.requests.length, n + 1, 'once, not once per instance');
  assert.ok(!sms.requests.at(-1).body.toString().includes('Provsvaren'));
  const detail = await (await (await A.staff())(`/conversations/${conv.id}`)).json();
  assert.deepEqual(detail.notified.map((x) => x.channel), ['sms']);
});

test('a stream open on instance A holds back the notification that instance B dispatches', async () => {
  const { p, conv, staffB } = await patientWithSms();
  const n = sms.requests.length;
  const ctrl = new AbortController();
  const res = await fetch(`${A.s.listenUrl}/api/events`, { headers: { authorization: `Bearer ${p.token}` }, signal: ctrl.signal });
  assert.equal(res.status, 200);
  await until(() => A.s.hub.streamsOf(p.subject) === 1);
  // the clinician writes through B; five minutes on, A's heartbeat (every 20 s in a running
  // server) says whether the patient has a stream there, and B's notifier runs
  const writeAndWait = async (text) => {
    await staffB(`/conversations/${conv.id}/messages`, { method: 'POST', body: JSON.stringify({ kind: 'text', text }) });
    await settled();
    clock.t += 5 * MIN;
    await A.s.notify.notifier.heartbeat();
    await B.s.notify.notifier.tick();
  };
  await writeAndWait('Hej');
  assert.deepEqual((await B.s.store.listNotifyDeliveries(p.subject)).map((d) => [d.status, d.error]), [['skipped', 'online']]);
  assert.equal(sms.requests.length, n);
  ctrl.abort();
  await until(() => A.s.hub.streamsOf(p.subject) === 0);
  await writeAndWait('Hej igen');
  await until(() => sms.requests.length === n + 1, 'sent once the stream is gone');
});
