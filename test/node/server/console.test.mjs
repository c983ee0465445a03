import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, json, readEvents } from './helpers.mjs';

test('console: take next, hand over, booking/questionnaire/call-back answered by the patient, close with evaluation, clinic-started chat', async () => {
  const t = await start();
  try {
    const p = await t.patient('Astrid Andersson');
    const nurse = await t.staff('Anna Svensson', 'nurse');
    const doctor = await t.staff('Erik Läkare', 'doctor');
    const c = await (await p.as('/conversations', { method: 'POST', body: json({ reason: 'advice' }) })).json();
    assert.equal(c.status, 'queued');
    assert.equal(c.queue.position, 1);
    // take next patient in the nurse queue
    const taken = await (await nurse('/next', { method: 'POST', body: json({ queue: 'nurse' }) })).json();
    assert.equal(taken.id, c.id);
    assert.equal(taken.status, 'active');
    assert.equal(taken.assignee.name, 'Anna Svensson');
    assert.equal((await nurse('/next', { method: 'POST', body: json({ queue: 'nurse' }) })).status, 404, 'queue now empty');
    // hand over to the doctor queue
    const handed = await (await nurse(`/conversations/${c.id}/handover`, { method: 'POST', body: json({ queue: 'doctor' }) })).json();
    assert.equal(handed.status, 'queued');
    assert.equal((await (await doctor('/next', { method: 'POST', body: json({ queue: 'doctor' }) })).json()).id, c.id);
    // action messages: the server assigns each offer its actionId
    const slots = [{ id: 's1', start: '2030-01-01T09:00:00Z', end: '2030-01-01T09:20:00Z', type: 'visit', label: 'Vårdcentralen Solna' }];
    const windows = [{ id: 'w1', start: '2030-01-02T13:00:00Z', end: '2030-01-02T14:00:00Z' }];
    const form = { resourceType: 'Questionnaire', status: 'active', item: [{ linkId: 'allergy', type: 'boolean', text: 'Har du några allergier?', required: true }] };
    const offers = [
      { kind: 'booking', text: 'Välj en tid.', payload: { slots } },
      { kind: 'questionnaire', text: 'Fyll i före besöket.', payload: { questionnaire: form } },
      { kind: 'callback', text: 'Vi ringer upp.', payload: { windows } },
      { kind: 'video', text: 'Videomöte', payload: { url: 'https://video.example/room/1' } },
    ];
    const sent = [];
    for (const offer of offers) {
      const res = await doctor(`/conversations/${c.id}/messages`, { method: 'POST', body: json(offer) });
      assert.equal(res.status, 201, offer.kind);
      sent.push(await res.json());
    }
    const [booking, questionnaire] = sent;
    assert.match(booking.payload.actionId, /^[A-Za-z0-9._:-]{1,100}$/, 'the server assigned an actionId');
    assert.equal(sent[3].payload.actionId, undefined, 'a video link is no action');
    assert.equal((await doctor(`/conversations/${c.id}/messages`, { method: 'POST', body: json({ kind: '<script>', text: 'x' }) })).status, 400, 'unknown kinds refused');
    assert.equal((await doctor(`/conversations/${c.id}/messages`, { method: 'POST', body: json({ kind: 'booking', text: 'x', payload: {} }) })).status, 400, 'an offer without slots refused');
    assert.equal((await p.as(`/conversations/${c.id}/actions/${booking.payload.actionId}`, { method: 'POST', body: json({ response: { slotId: 's1' } }) })).status, 204);
    assert.equal((await p.as(`/conversations/${c.id}/actions/${questionnaire.payload.actionId}`, { method: 'POST', body: json({ response: { resourceType: 'QuestionnaireResponse', status: 'completed', item: [{ linkId: 'allergy', answer: [{ valueBoolean: false }] }] } }) })).status, 204);
    const saved = t.s.db.prepare('SELECT * FROM actions WHERE conversation_id = ? AND response IS NOT NULL ORDER BY created_at').all(c.id);
    assert.deepEqual(saved.map((r) => [r.kind, r.action_id, JSON.parse(r.response).slotId ?? JSON.parse(r.response).resourceType]),
      [['booking', booking.payload.actionId, 's1'], ['questionnaire', questionnaire.payload.actionId, 'QuestionnaireResponse']]);
    // close with evaluation
    const closed = await (await doctor(`/conversations/${c.id}/close`, { method: 'POST', body: json({ evaluation: true }) })).json();
    assert.equal(closed.status, 'closed');
    const page = await (await p.as(`/conversations/${c.id}/messages`)).json();
    const kinds = page.messages.map((m) => m.kind);
    assert.deepEqual(kinds.filter((k) => k !== 'system' && k !== 'text'), ['handover', 'booking', 'questionnaire', 'callback', 'video', 'evaluation']);
    assert.equal(page.messages.find((m) => m.kind === 'handover').payload.toQueue, 'doctor');
    assert.equal(page.messages.find((m) => m.kind === 'evaluation').payload.questionnaire.resourceType, 'Questionnaire');
    // the clinic starts a conversation with the patient
    const started = await nurse('/conversations', { method: 'POST', body: json({ patient: p.subject, mode: 'async', text: 'Hur mår du efter besöket?' }) });
    assert.equal(started.status, 201);
    const list = await (await p.as('/conversations')).json();
    const clinicConv = list.conversations.find((x) => x.initiator === 'clinic');
    assert.equal(clinicConv.status, 'waiting-for-patient');
    assert.equal(clinicConv.lastMessage.text, 'Hur mår du efter besöket?');
    assert.equal(clinicConv.unreadCount, 1);
    // the console needs its own session
    assert.equal((await t.api('/console/api/overview')).status, 401);
    assert.equal((await t.api('/console/api/overview', { headers: { authorization: `Bearer ${p.token}` } })).status, 401, 'a patient session is not a staff session');
  } finally {
    await t.s.close();
  }
});

test('presence: the patient hears the clinician online while the console is open, offline when it closes', async () => {
  const t = await start();
  try {
    const p = await t.patient('Astrid Andersson');
    const nurse = await t.staff('Anna Svensson', 'nurse');
    const c = await (await p.as('/conversations', { method: 'POST', body: json({ reason: 'advice' }) })).json();
    const patientCtrl = new AbortController();
    const patientStream = await p.as('/events', { signal: patientCtrl.signal });
    const seen = readEvents(patientStream, patientCtrl, 100, 2500);
    // the console is opened (its event stream), then the nurse takes the patient
    const consoleCtrl = new AbortController();
    const consoleStream = await nurse('/events', { signal: consoleCtrl.signal });
    assert.equal(consoleStream.status, 200);
    assert.equal((await (await nurse('/next', { method: 'POST', body: json({ queue: 'nurse' }) })).json()).id, c.id);
    await new Promise((r) => setTimeout(r, 200));
    consoleCtrl.abort(); // the console closes
    await consoleStream.body?.cancel().catch(() => undefined);
    const presence = (await seen).filter((e) => e.data?.type === 'presence');
    assert.deepEqual(presence.map((e) => [e.data.conversationId, e.data.online, e.data.author.name]), [
      [c.id, true, 'Anna Svensson'],
      [c.id, false, 'Anna Svensson'],
    ]);
  } finally {
    await t.s.close();
  }
});
