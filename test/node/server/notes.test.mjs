// Internal notes (issue #18): a clinician's note that only staff see. The note is written with a
// canary text; every patient-facing answer — session, conversation list, message pages, the
// patient's event stream (raw bytes, read until a later clinic message arrives), a resumed
// stream from the start — is searched for it, while staff get it in the notes list, the detail
// and their own stream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, json } from './helpers.mjs';

const CANARY = 'INTERN-7f3a9c: kolla med läkaren om antibiotika';

/** The raw text of an event stream until `until` appears in it (the test's timeout bounds the wait). */
async function streamUntil(res, ctrl, until) {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of res.body) {
    text += decoder.decode(chunk, { stream: true });
    if (text.includes(until)) break;
  }
  ctrl.abort();
  return text;
}

test('an internal note reaches staff only: never a patient response or stream', { timeout: 30_000 }, async () => {
  const t = await start();
  try {
    const p = await t.patient('Astrid Andersson');
    const nurse = await t.staff('Anna Svensson', 'nurse');
    const c = await (await p.as('/conversations', { method: 'POST', body: json({ mode: 'async', reason: 'advice' }) })).json();
    await p.as(`/conversations/${c.id}/messages/k1`, { method: 'PUT', body: json({ text: 'Hej, jag har ont.' }) });

    const patientCtrl = new AbortController();
    const patientStream = await p.as('/events', { signal: patientCtrl.signal });
    assert.equal(patientStream.status, 200);
    const staffCtrl = new AbortController();
    const staffStream = await nurse('/events', { signal: staffCtrl.signal });
    assert.equal(staffStream.status, 200);
    const patientText = streamUntil(patientStream, patientCtrl, 'SLUTMARKÖR');
    const staffText = streamUntil(staffStream, staffCtrl, 'SLUTMARKÖR');

    const res = await nurse(`/conversations/${c.id}/notes`, { method: 'POST', body: json({ text: CANARY }) });
    assert.equal(res.status, 201);
    const note = await res.json();
    assert.equal(note.text, CANARY);
    assert.equal(note.author.name, 'Anna Svensson');
    // a clinic message after the note: when the patient's stream has it, it has had every event before it
    await nurse(`/conversations/${c.id}/messages`, { method: 'POST', body: json({ text: 'SLUTMARKÖR' }) });

    const seenByPatient = await patientText;
    assert.ok(seenByPatient.includes('SLUTMARKÖR'), 'the patient stream ran past the note');
    assert.equal(seenByPatient.includes('INTERN-7f3a9c'), false, 'not in the live patient stream');
    const seenByStaff = await staffText;
    assert.ok(seenByStaff.includes('INTERN-7f3a9c'), 'the staff stream has it (so the search would find it)');
    assert.match(seenByStaff, /"type":"note"/);

    // every patient-facing read, and a patient stream replayed from the start of the log
    const replayCtrl = new AbortController();
    const replay = await p.as('/events', { headers: { 'last-event-id': '0' }, signal: replayCtrl.signal });
    const replayed = await streamUntil(replay, replayCtrl, 'SLUTMARKÖR');
    const reads = [
      ['session', await (await p.as('/session')).text()],
      ['conversation list', await (await p.as('/conversations')).text()],
      ['message page', await (await p.as(`/conversations/${c.id}/messages?limit=200`)).text()],
      ['replayed stream', replayed],
    ];
    for (const [what, text] of reads) {
      assert.ok(text.length > 10, `${what} answered`);
      assert.equal(text.includes('INTERN-7f3a9c'), false, `not in the patient's ${what}`);
    }
    assert.ok(reads[2][1].includes('SLUTMARKÖR'), 'the page has the later message');
    assert.ok(replayed.includes('Hej, jag har ont.'), 'the replay is the whole log');

    // staff: the list, the detail; the note is not a message
    const list = await (await nurse(`/conversations/${c.id}/notes`)).json();
    assert.deepEqual(list.notes.map((n) => n.text), [CANARY]);
    const detail = await (await nurse(`/conversations/${c.id}`)).json();
    assert.deepEqual(detail.notes.map((n) => n.id), [note.id]);
    assert.equal(detail.messages.some((m) => m.text.includes('INTERN-7f3a9c')), false, 'not among the messages');
    const record = await (await nurse(`/conversations/${c.id}/record`)).text();
    assert.equal(record.includes('INTERN-7f3a9c'), false, 'not in the note for the patient record either');
  } finally {
    await t.s.close();
  }
});

test('notes: staff only (a patient session is 401), checked text, 404 for an unknown conversation', async () => {
  const t = await start();
  try {
    const p = await t.patient();
    const nurse = await t.staff();
    const c = await (await p.as('/conversations', { method: 'POST', body: json({ reason: 'advice' }) })).json();
    const asPatient = await t.api(`/console/api/conversations/${c.id}/notes`, { method: 'POST', headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' }, body: json({ text: 'x' }) });
    assert.equal(asPatient.status, 401);
    assert.equal((await t.api(`/console/api/conversations/${c.id}/notes`, { headers: { authorization: `Bearer ${p.token}` } })).status, 401);
    const empty = await nurse(`/conversations/${c.id}/notes`, { method: 'POST', body: json({ text: '   ' }) });
    assert.equal(empty.status, 422);
    assert.equal((await empty.json()).code, 'message-empty');
    assert.equal((await nurse(`/conversations/${c.id}/notes`, { method: 'POST', body: json({ text: 'x'.repeat(4001) }) })).status, 422);
    assert.equal((await nurse('/conversations/nope/notes', { method: 'POST', body: json({ text: 'x' }) })).status, 404);
    assert.equal((await nurse(`/conversations/${c.id}/notes`, { method: 'POST', body: json({ txt: 'x' }) })).status, 400);
    const hostile = '<img src=x onerror=alert(1)>';
    assert.equal((await (await nurse(`/conversations/${c.id}/notes`, { method: 'POST', body: json({ text: hostile }) })).json()).text, hostile, 'kept as text');
  } finally {
    await t.s.close();
  }
});
