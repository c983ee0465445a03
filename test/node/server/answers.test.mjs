// The patient's answers reach the clinician: the triage checked against the questionnaire the
// server served and stored; action answers and evaluations checked against what was offered,
// once each; the console shows them as question → answer, with red flags marked.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, json, readEvents } from './helpers.mjs';

const REASON = 'https://vardchat.se/fhir/CodeSystem/contact-reason';
const SYMPTOM = 'https://vardchat.se/fhir/CodeSystem/symptom';
const QREF = 'https://vardchat.se/fhir/Questionnaire/contact-reason|1.0.0';
const response = (item) => ({ resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: QREF, item });
const reason = (code) => ({ linkId: 'reason', answer: [{ valueCoding: { system: REASON, code } }] });
const symptoms = (codes, extra = []) => ({
  linkId: 'symptoms',
  item: [{ linkId: 'symptom', answer: codes.map((code) => ({ valueCoding: { system: SYMPTOM, code } })) }, { linkId: 'duration', answer: [{ valueString: '1–3 dagar' }] }, ...extra],
});

describe('triage answers', () => {
  let t, p, staff;
  before(async () => {
    t = await start({ sendsPerMinute: 10_000 });
    p = await t.patient('Astrid Andersson');
    staff = await t.staff('Anna Svensson', 'nurse');
  });
  after(() => t.s.close());

  const startWith = (triage) => p.as('/conversations', { method: 'POST', body: json({ triage }) });

  test('answers that do not fit the questionnaire served → 400, nothing stored', async () => {
    const before = t.s.db.prepare('SELECT COUNT(*) n FROM conversations').get().n;
    for (const [why, triage] of [
      ['unknown linkId', response([reason('advice'), { linkId: 'made-up', answer: [{ valueString: 'x' }] }])],
      ['an option that is not offered', response([reason('back-pain')])],
      ['wrong answer type', response([{ linkId: 'reason', answer: [{ valueString: 'advice' }] }])],
      ['required item missing', response([reason('advice'), { linkId: 'symptoms', item: [{ linkId: 'duration', answer: [{ valueString: '1–3 dagar' }] }] }])],
      ['an item that is not enabled', response([reason('booking'), { linkId: 'prescription', item: [{ linkId: 'medicine', answer: [{ valueString: 'x' }] }] }, { linkId: 'visit', item: [{ linkId: 'visit-action', answer: [{ valueCoding: { system: REASON, code: 'book-new' } }] }] }])],
      ['a decimal for an integer', response([reason('prescription'), { linkId: 'prescription', item: [{ linkId: 'medicine', answer: [{ valueString: 'Levaxin' }] }, { linkId: 'days-left', answer: [{ valueDecimal: 2.5 }] }] }])],
      ['a questionnaire this server never served', { ...response([reason('advice')]), questionnaire: 'https://evil.example/Questionnaire/x' }],
    ]) {
      const res = await startWith(triage);
      const body = await res.json();
      assert.deepEqual([res.status, body.code], [400, 'invalid-request'], why);
    }
    assert.equal(t.s.db.prepare('SELECT COUNT(*) n FROM conversations').get().n, before, 'no conversation was created');
  });

  test('valid answers are stored with the conversation and shown as question → answer, red flags marked', async () => {
    const res = await startWith(response([reason('advice'), symptoms(['chest-pain', 'breathing'], [{ linkId: 'description', answer: [{ valueString: '<b>Ont</b> i bröstet' }] }])]));
    assert.equal(res.status, 201);
    const c = await res.json();
    const detail = await (await staff(`/conversations/${c.id}`)).json();
    assert.equal(detail.conversation.queueName, 'nurse');
    assert.deepEqual(detail.conversation.reason, { code: 'advice', text: 'Råd om symtom' });
    const lines = detail.triage.lines.map((l) => [l.depth, l.question, l.answers, l.redFlag !== undefined]);
    assert.deepEqual(lines.slice(0, 1), [[0, 'Vad gäller din kontakt?', ['Råd om symtom'], false]]);
    const symptom = detail.triage.lines.find((l) => l.linkId === 'symptom');
    assert.equal(symptom.depth, 1);
    assert.ok(symptom.answers[0].length > 0 && symptom.answers[0] !== 'chest-pain', 'the option display, not the code');
    assert.ok(detail.triage.redFlags.length >= 1, 'chest pain with breathing trouble raises a red flag');
    assert.equal(detail.conversation.redFlag, true, 'the conversation is marked for staff');
    const listed = (await (await staff('/overview')).json()).conversations;
    assert.equal(listed.find((x) => x.id === c.id).redFlag, true, 'in the overview too');
    assert.ok(listed.filter((x) => x.id !== c.id).every((x) => x.redFlag === undefined), 'and only that one');
    assert.ok(detail.triage.lines.some((l) => l.redFlag !== undefined), 'a line is marked');
    assert.deepEqual(detail.triage.lines.find((l) => l.linkId === 'description').answers, ['<b>Ont</b> i bröstet'], 'the patient text as written (plain text)');
    assert.equal(detail.triage.response.resourceType, 'QuestionnaireResponse');
    const stored = t.s.db.prepare('SELECT * FROM triage WHERE conversation_id = ?').get(c.id);
    assert.equal(JSON.parse(stored.response).item[0].linkId, 'reason');
  });

  test('the English questionnaire is checked as the English one', async () => {
    const en = await (await t.api('/api/triage?locale=en')).json();
    const ref = `${en.url}|${en.version}`;
    const res = await startWith({ ...response([reason('other'), { linkId: 'other-text', answer: [{ valueString: 'A question' }] }]), questionnaire: ref });
    assert.equal(res.status, 201);
  });
});

describe('action answers and evaluations', () => {
  let t, p, nurse, c;
  const slots = [{ id: 's1', start: '2030-01-01T09:00:00Z', end: '2030-01-01T09:20:00Z', type: 'video', label: 'Anna Svensson' }, { id: 's2', start: '2030-01-01T10:00:00Z', end: '2030-01-01T10:20:00Z', type: 'visit' }];
  const windows = [{ id: 'w1', start: '2030-01-02T13:00:00Z', end: '2030-01-02T14:00:00Z' }];
  const form = { resourceType: 'Questionnaire', status: 'active', item: [{ linkId: 'weight', type: 'integer', text: 'Vikt (kg)', required: true }] };
  before(async () => {
    t = await start({ sendsPerMinute: 10_000 });
    p = await t.patient('Astrid Andersson');
    nurse = await t.staff('Anna Svensson', 'nurse');
    c = await (await p.as('/conversations', { method: 'POST', body: json({ reason: 'advice' }) })).json();
  });
  after(() => t.s.close());

  const offer = async (kind, payload, text = kind) => (await (await nurse(`/conversations/${c.id}/messages`, { method: 'POST', body: json({ kind, text, payload }) })).json()).payload.actionId;
  const answer = (actionId, response, conv = c.id, who = p) => who.as(`/conversations/${conv}/actions/${actionId}`, { method: 'POST', body: json({ response }) });

  test('an action must exist in that conversation (else 404); one answer per action (409 after)', async () => {
    const staffCtrl = new AbortController();
    const staffStream = await nurse('/events', { signal: staffCtrl.signal });
    const heard = readEvents(staffStream, staffCtrl, 100, 2500);
    const booking = await offer('booking', { slots }, 'Välj en tid.');
    assert.equal((await answer('a-made-up', { slotId: 's1' })).status, 404, 'unknown action');
    const other = await (await p.as('/conversations', { method: 'POST', body: json({}) })).json();
    assert.equal((await answer(booking, { slotId: 's1' }, other.id)).status, 404, 'an action of another conversation');
    const stranger = await t.patient('B');
    assert.equal((await answer(booking, { slotId: 's1' }, c.id, stranger)).status, 404, "another patient's action");
    assert.deepEqual([(await answer(booking, { slotId: 'nope' })).status], [400], 'a slot that was not offered');
    assert.equal((await answer(booking, { windowId: 'w1' })).status, 400, 'a call-back answer to a booking');
    assert.equal((await answer(booking, { slotId: 's1' })).status, 204);
    const again = await answer(booking, { slotId: 's2' });
    assert.deepEqual([again.status, (await again.json()).code], [409, 'already-answered']);
    const answers = (await heard).filter((e) => e.data?.type === 'answer');
    assert.equal(answers.length, 1, 'staff heard the answer as it arrived');
    assert.equal(answers[0].data.answer.action.actionId, booking);
    assert.equal(answers[0].data.answer.action.lines[0].question, 'Vald tid');
    assert.match(answers[0].data.answer.action.lines[0].answers[0], /videomöte, Anna Svensson/);
  });

  test('call-back with a corrected number, a declined booking, a questionnaire checked against its own form', async () => {
    const callback = await offer('callback', { windows, phoneHint: '•••• 12 34' });
    assert.equal((await answer(callback, { windowId: 'w1', phone: 'ring mig' })).status, 400, 'not a phone number');
    assert.equal((await answer(callback, { windowId: 'w1', phone: '070-123 45 67' })).status, 204);
    const declined = await offer('booking', { slots });
    assert.equal((await answer(declined, { declined: true })).status, 204);
    const q = await offer('questionnaire', { questionnaire: form });
    assert.equal((await answer(q, { resourceType: 'QuestionnaireResponse', status: 'completed', item: [{ linkId: 'weight', answer: [{ valueString: 'sjuttio' }] }] })).status, 400, 'a string for an integer item');
    assert.equal((await answer(q, { resourceType: 'QuestionnaireResponse', status: 'completed', item: [] })).status, 400, 'the required item missing');
    assert.equal((await answer(q, { resourceType: 'QuestionnaireResponse', status: 'completed', item: [{ linkId: 'weight', answer: [{ valueInteger: 72 }] }] })).status, 204);
    const detail = await (await nurse(`/conversations/${c.id}`)).json();
    const byKind = (k) => detail.actions.filter((a) => a.kind === k);
    assert.deepEqual(byKind('callback')[0].lines.map((l) => l.question), ['Ring upp', 'Telefonnummer (rättat av patienten)']);
    assert.deepEqual(byKind('callback')[0].lines[1].answers, ['070-123 45 67']);
    assert.deepEqual(byKind('booking').map((a) => a.lines[0].answers[0]), [byKind('booking')[0].lines[0].answers[0], 'Patienten vill ha andra tider']);
    assert.deepEqual(byKind('questionnaire')[0].lines.map((l) => [l.question, l.answers]), [['Vikt (kg)', ['72']]]);
  });

  test('a questionnaire outside the supported FHIR subset is refused when offered', async () => {
    const res = await nurse(`/conversations/${c.id}/messages`, { method: 'POST', body: json({ kind: 'questionnaire', text: 'x', payload: { questionnaire: { resourceType: 'Questionnaire', item: [{ linkId: 'f', type: 'attachment', text: 'Bild' }] } } }) });
    assert.equal(res.status, 400);
  });

  test('one evaluation per conversation, checked against the questionnaire asked with; the summary counts per answer with the scale labels', async () => {
    await nurse(`/conversations/${c.id}/close`, { method: 'POST', body: json({ evaluation: true }) });
    const evaluation = (code, display) => ({ resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'Questionnaire/chat-evaluation', item: [{ linkId: 'satisfaction', answer: [{ valueCoding: { code, display } }] }] });
    const wrong = await p.as(`/conversations/${c.id}/evaluation`, { method: 'POST', body: json({ answers: evaluation('9', 'Toppen') }) });
    assert.equal(wrong.status, 400, 'an answer outside the scale');
    assert.equal((await p.as(`/conversations/${c.id}/evaluation`, { method: 'POST', body: json({ answers: evaluation('4', 'Nöjd') }) })).status, 204);
    const again = await p.as(`/conversations/${c.id}/evaluation`, { method: 'POST', body: json({ answers: evaluation('5', 'Mycket nöjd') }) });
    assert.deepEqual([again.status, (await again.json()).code], [409, 'already-answered']);
    // a second conversation in the same queue, evaluated too
    const c2 = await (await p.as('/conversations', { method: 'POST', body: json({ reason: 'advice' }) })).json();
    await nurse(`/conversations/${c2.id}/close`, { method: 'POST', body: json({}) });
    assert.equal((await p.as(`/conversations/${c2.id}/evaluation`, { method: 'POST', body: json({ answers: { ...evaluation('4', 'Nöjd'), item: [...evaluation('4', 'Nöjd').item, { linkId: 'comment', answer: [{ valueString: 'Bra' }] }] } }) })).status, 204);
    const detail = await (await nurse(`/conversations/${c.id}`)).json();
    assert.deepEqual(detail.evaluation.lines.map((l) => [l.question, l.answers]), [['Hur nöjd är du med chatten?', ['Nöjd']]]);
    const summary = await (await nurse('/evaluations/summary?queue=nurse')).json();
    assert.deepEqual(summary.queues.map((q) => q.queue), ['nurse']);
    const [nurseQueue] = summary.queues;
    assert.equal(nurseQueue.count, 2);
    const satisfaction = nurseQueue.items.find((i) => i.linkId === 'satisfaction');
    assert.deepEqual(satisfaction.options.map((o) => [o.label, o.count]), [['Mycket missnöjd', 0], ['Missnöjd', 0], ['Varken nöjd eller missnöjd', 0], ['Nöjd', 2], ['Mycket nöjd', 0]]);
    assert.equal(nurseQueue.items.find((i) => i.linkId === 'comment').answered, 1);
    const all = await (await nurse('/evaluations/summary')).json();
    assert.deepEqual(all.queues.map((q) => q.queue), ['nurse'], 'without a filter: every queue of the clinician, no other');
    assert.equal((await nurse('/evaluations/summary?queue=doctor')).status, 403, 'another queue\'s evaluations');
    assert.equal((await nurse('/evaluations/summary?queue=janitor')).status, 400);
  });
});
