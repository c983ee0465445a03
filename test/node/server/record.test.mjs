// The console's view of a conversation: overview with waiting times, the detail, and the note
// for the patient record (plain text ready to paste, and a FHIR R4 Bundle to download).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, json } from './helpers.mjs';

test('record note: reason, triage answers, messages and next steps as plain text, and the same as a FHIR Bundle', async () => {
  const t = await start({ sendsPerMinute: 10_000 });
  try {
    const p = await t.patient('Astrid Andersson');
    const nurse = await t.staff('Anna Svensson', 'nurse');
    const triage = { resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'https://vardchat.se/fhir/Questionnaire/contact-reason|1.0.0', item: [
      { linkId: 'reason', answer: [{ valueCoding: { system: 'https://vardchat.se/fhir/CodeSystem/contact-reason', code: 'prescription' } }] },
      { linkId: 'prescription', item: [{ linkId: 'medicine', answer: [{ valueString: 'Levaxin <script>alert(1)</script>' }] }, { linkId: 'days-left', answer: [{ valueInteger: 2 }] }] },
    ] };
    const c = await (await p.as('/conversations', { method: 'POST', body: json({ triage, mode: 'async' }) })).json();

    // overview: the doctor queue has one waiting, since it was created; the nurse sees the count, not the conversation
    assert.equal((await (await nurse('/overview')).json()).conversations.find((x) => x.id === c.id), undefined, 'not in the nurse\'s queues');
    const overview = await (await (await t.staff('Erik Lund', 'doctor'))('/overview')).json();
    const doctorQueue = overview.queues.find((q) => q.name === 'doctor');
    assert.equal(doctorQueue.waiting, 1);
    assert.ok(Date.parse(doctorQueue.oldestWaitingSince) <= Date.now());
    assert.equal(overview.queues.find((q) => q.name === 'reception').oldestWaitingSince, undefined);
    const listed = overview.conversations.find((x) => x.id === c.id);
    assert.deepEqual([listed.patient.name, listed.queueName, listed.reason.text], ['Astrid Andersson', 'doctor', 'Förnya ett recept']);

    await p.as(`/conversations/${c.id}/messages/k1`, { method: 'PUT', body: json({ text: 'Hej!\nJag behöver förnya mitt recept.' }) });
    const doctor = await t.staff('Erik Lund', 'doctor');
    assert.equal((await (await doctor('/next', { method: 'POST', body: json({ queue: 'doctor' }) })).json()).id, c.id);
    const booking = await (await doctor(`/conversations/${c.id}/messages`, { method: 'POST', body: json({ kind: 'booking', text: 'Välj en tid.', payload: { slots: [{ id: 's1', start: '2030-01-01T09:00:00Z', end: '2030-01-01T09:20:00Z', type: 'visit', label: 'Vårdcentralen' }] } }) })).json();
    await p.as(`/conversations/${c.id}/actions/${booking.payload.actionId}`, { method: 'POST', body: json({ response: { slotId: 's1' } }) });
    await doctor(`/conversations/${c.id}/handover`, { method: 'POST', body: json({ queue: 'nurse', to: 'Anna Svensson' }) });
    // handed over: now the nurse's (her queue, assigned to her), no longer the doctor's
    assert.equal((await doctor(`/conversations/${c.id}/record`)).status, 403);

    const res = await nurse(`/conversations/${c.id}/record`);
    assert.equal(res.status, 200);
    const { text, bundle } = await res.json();
    if (process.env.SHOW_NOTE) console.log(text);
    for (const expected of [
      'Patient: Astrid Andersson',
      'Kontaktorsak: Förnya ett recept',
      'Levaxin <script>alert(1)</script>', // the patient's words as written: plain text, never HTML
      'Patienten (Astrid Andersson): Hej!\n    Jag behöver förnya mitt recept.',
      'Erik Lund (läkare) anslöt till chatten.',
      'Bokning erbjuden',
      'Vald tid',
      'Överlämnad till Anna Svensson (sjuksköterska)',
    ]) assert.ok(text.includes(expected), `the note says ${JSON.stringify(expected)}:\n${text}`);
    assert.match(text, /Hur många dagar|dagar/i, 'the integer question is in the note');

    assert.equal(bundle.resourceType, 'Bundle');
    assert.equal(bundle.type, 'collection');
    const kinds = bundle.entry.map((e) => e.resource.resourceType);
    const detail = await (await nurse(`/conversations/${c.id}`)).json();
    assert.equal(kinds.filter((k) => k === 'Communication').length, detail.messages.length, 'one Communication per message');
    assert.equal(kinds.filter((k) => k === 'QuestionnaireResponse').length, 1, 'the triage');
    const patientMsg = bundle.entry.map((e) => e.resource).find((r) => r.resourceType === 'Communication' && r.payload[0].contentString.startsWith('Hej!'));
    assert.deepEqual(patientMsg.sender.identifier, { system: 'https://vardchat.se/fhir/NamingSystem/patient-subject', value: p.subject });
    assert.equal(patientMsg.status, 'completed');
    assert.ok(bundle.entry.every((e) => /^urn:uuid:[0-9a-f-]{36}$/.test(e.fullUrl)));
    const qr = bundle.entry.find((e) => e.resource.resourceType === 'QuestionnaireResponse').resource;
    assert.equal(qr.subject.display, 'Astrid Andersson');
    assert.equal(qr.item[0].linkId, 'reason');

    const download = await nurse(`/conversations/${c.id}/record.fhir.json`);
    assert.match(download.headers.get('content-type'), /^application\/fhir\+json/);
    assert.match(download.headers.get('content-disposition'), /^attachment; filename="chatt-[0-9a-f-]+\.json"$/);
    assert.equal((await download.json()).entry.length, bundle.entry.length);

    assert.equal((await nurse('/conversations/00000000-0000-4000-8000-000000000000/record')).status, 404);
    assert.equal((await t.api(`/console/api/conversations/${c.id}/record`)).status, 401, 'staff only');
    assert.equal((await t.api(`/console/api/conversations/${c.id}/record`, { headers: { authorization: `Bearer ${p.token}` } })).status, 401, 'not with a patient session');
  } finally {
    await t.s.close();
  }
});
