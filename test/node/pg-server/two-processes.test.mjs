// Two reference-server processes on one PostgreSQL, over HTTP: sessions made on one work on the
// other; the same clientId PUT to both at once stores one message (201 from one, 200 with the
// same message from the other); a stream resumed with Last-Event-ID on the other process gets
// every later event once; logout on one ends the session on both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startPostgres } from '../../support/postgres.mjs';
import { startServerProcess } from '../../support/server-process.mjs';
import { request, patient, staff, conversationWith, openStream } from '../../../bench/server-load.mjs';

/** @type {Awaited<ReturnType<typeof startPostgres>>} */
let cluster;
/** @type {Awaited<ReturnType<typeof startServerProcess>>[]} */
let procs = [];
let A = '', B = '';

before(async () => {
  cluster = await startPostgres();
  const databaseUrl = await cluster.createDatabase();
  procs = await Promise.all([0, 1].map(() => startServerProcess({ databaseUrl, options: { sendsPerMinute: 10_000 } })));
  [A, B] = procs.map((p) => p.url);
});
after(async () => {
  await Promise.all(procs.map((p) => p.stop()));
  await cluster?.stop();
});

const until = async (check, what) => {
  for (let i = 0; i < 3000; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never: ${what}`);
};

test('a session made on A works on B; logout on B ends it on A', async () => {
  const p = await patient(A);
  const on = await request(B, 'GET', '/api/session', { token: p.token });
  assert.ok(on.status === 200 && typeof on.body.subject === 'string', `logged in on B: ${on.status}`);
  const out = await request(B, 'DELETE', '/api/session', { token: p.token, origin: B });
  assert.ok(out.status === 204 || out.status === 200, `logout: ${out.status}`);
  const off = await request(A, 'GET', '/api/session', { token: p.token });
  assert.deepEqual([off.status, off.body], [200, { loggedIn: false }], 'logged out on A too');
});

test('the same clientId PUT to both processes at once stores one message: 201 from one, 200 with the same message from the other', async () => {
  const nurse = await staff(A);
  for (let round = 0; round < 8; round++) {
    const p = await patient(A);
    const conversationId = await conversationWith(A, nurse, p.subject);
    const clientId = randomUUID();
    const path = `/api/conversations/${conversationId}/messages/${clientId}`;
    const body = { text: `Samma meddelande ${round}` };
    const [ra, rb] = await Promise.all([request(A, 'PUT', path, { token: p.token, body }), request(B, 'PUT', path, { token: p.token, body })]);
    assert.deepEqual([ra.status, rb.status].sort(), [200, 201], `round ${round}: ${ra.status} ${JSON.stringify(ra.body)} / ${rb.status} ${JSON.stringify(rb.body)}`);
    assert.equal(ra.body.id, rb.body.id, 'the same message');
    const page = await request(B, 'GET', `/api/conversations/${conversationId}/messages`, { token: p.token });
    assert.equal(page.body.messages.filter((m) => m.clientId === clientId).length, 1, 'stored once');
  }
});

test('a stream resumed with Last-Event-ID on the other process gets every later event once', async () => {
  const nurse = await staff(B);
  const p = await patient(A);
  const conversationId = await conversationWith(B, nurse, p.subject);
  const onA = [];
  const sA = await openStream(A, p.token, { onEvent: (e) => onA.push(e) });
  const post = (i) => request(B, 'POST', `/console/api/conversations/${conversationId}/messages`, { token: nurse, body: { text: `Svar ${i}` } });
  for (let i = 1; i <= 3; i++) assert.equal((await post(i)).status, 201);
  await until(() => onA.filter((e) => /Svar 3/.test(JSON.stringify(e.data))).length === 1, 'A streamed the third answer');
  const resumeFrom = sA.lastId;
  sA.close();
  // written while the patient has no stream
  for (let i = 4; i <= 6; i++) assert.equal((await post(i)).status, 201);
  const onB = [];
  const sB = await openStream(B, p.token, { lastEventId: resumeFrom, onEvent: (e) => onB.push(e) });
  for (let i = 7; i <= 9; i++) assert.equal((await post(i)).status, 201);
  await until(() => onB.some((e) => /Svar 9/.test(JSON.stringify(e.data))), 'B streamed the ninth answer');
  sB.close();
  const answers = (events) => events.flatMap((e) => JSON.stringify(e.data).match(/Svar \d/g) ?? []);
  assert.deepEqual(answers(onB), ['Svar 4', 'Svar 5', 'Svar 6', 'Svar 7', 'Svar 8', 'Svar 9'], 'none missing, none repeated');
  const ids = onB.map((e) => Number(e.id));
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'in id order');
  assert.equal(new Set(ids).size, ids.length, 'each id once');
  assert.ok(ids.every((id) => id > Number(resumeFrom)), 'nothing at or before the resume point');
});
