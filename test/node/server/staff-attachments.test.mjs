// Clinic documents (issue #18.4), over real HTTP on real SQLite and once on a real PostgreSQL: a
// clinician uploads a PDF or an image for a message (the patient's upload rules: types by
// content, polyglots refused, the scanner, 10 MB, once per clientId and place), sends it with
// `clientId` + `attachmentCount`, and the patient gets the message with its references and can
// download the file. Only staff who may see the conversation (403 for another queue's), never
// a patient session; a clinician's file not yet sent is not the patient's to read.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, json } from './helpers.mjs';
import { EICAR } from '../../../dist/server/app.js';
import { startPostgres } from '../../support/postgres.mjs';

const fx = (name) => new Uint8Array(readFileSync(new URL(`../../fixtures/attachments/${name}`, import.meta.url)));
const PDF = fx('tiny.pdf');
const PNG = fx('tiny.png');
const JPEG = fx('tiny.jpg');
const cat = (...parts) => new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));

const DOC = 'Inför operation <script>alert(1)</script>.pdf';

async function setup(opts) {
  const h = await start({ sendsPerMinute: 10_000, ...opts });
  const p = await h.patient('Astrid Andersson');
  const nurse = await h.staff('Anna Svensson', 'nurse');
  const conv = await (await p.as('/conversations', { method: 'POST', body: json({ mode: 'async', reason: 'advice' }) })).json(); // → nurse
  await p.as(`/conversations/${conv.id}/messages/p1`, { method: 'PUT', body: json({ text: 'Vad ska jag tänka på inför operationen?' }) });
  /** A staff upload (defaults: a PDF at place 0 of `k1`, as the nurse). */
  const upload = (bytes, { type = 'application/pdf', clientId = 'k1', index = 0, name = DOC, as = nurse, conversationId = conv.id } = {}) => as(
    `/conversations/${conversationId}/attachments/${clientId}/${index}`,
    { method: 'PUT', headers: { 'content-type': type, ...(name === null ? {} : { 'x-attachment-name': encodeURIComponent(name) }) }, body: bytes },
  );
  const send = (body, as = nurse, conversationId = conv.id) => as(`/conversations/${conversationId}/messages`, { method: 'POST', body: json(body) });
  return { ...h, p, nurse, conv, upload, send };
}

/** Upload, send, and the patient's page, download and all: the promise of #18.4 on one engine. */
async function documentReachesPatient(h) {
  const first = await h.upload(PDF, { clientId: 'doc' });
  assert.equal(first.status, 201);
  const ref = await first.json();
  assert.deepEqual({ ...ref, id: 'x' }, { id: 'x', name: DOC, type: 'application/pdf', size: PDF.length });
  const again = await h.upload(PDF, { clientId: 'doc' });
  assert.equal(again.status, 200, 'a repeated upload answers with the stored one');
  assert.deepEqual(await again.json(), ref);

  const res = await h.send({ text: 'Här är instruktionerna inför operationen.', clientId: 'doc', attachmentCount: 1 });
  assert.equal(res.status, 201);
  const m = await res.json();
  assert.deepEqual(m.attachments, [ref]);
  assert.equal(m.author.role, 'clinician');
  assert.equal(m.clientId, undefined, "the console's key is not on the wire");
  const repeat = await h.send({ text: 'Här är instruktionerna inför operationen.', clientId: 'doc', attachmentCount: 1 });
  assert.equal(repeat.status, 200, 'the same send again: the same message');
  assert.equal((await repeat.json()).id, m.id);

  // the patient: the message with its reference, and the file itself
  const page = await (await h.p.as(`/conversations/${h.conv.id}/messages`)).json();
  const seen = page.messages.filter((x) => x.attachments?.length);
  assert.deepEqual(seen.map((x) => [x.id, x.attachments]), [[m.id, [ref]]], 'once, with its reference');
  const file = await h.p.as(`/conversations/${h.conv.id}/attachments/${ref.id}`);
  assert.equal(file.status, 200);
  assert.deepEqual(new Uint8Array(await file.arrayBuffer()), PDF);
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  assert.match(file.headers.get('content-disposition'), /^attachment; filename="Inf_r operation _script_alert_1___script_.pdf"; filename\*=UTF-8''/);
  assert.equal(file.headers.get('content-security-policy'), "default-src 'none'; sandbox");
  // and staff, through the console's route
  const asStaff = await h.nurse(`/conversations/${h.conv.id}/attachments/${ref.id}`);
  assert.equal(asStaff.status, 200);
  assert.deepEqual(new Uint8Array(await asStaff.arrayBuffer()), PDF);
  return { ref, m };
}

describe('clinic documents on SQLite', () => {
  let h;
  before(async () => { h = await setup(); });
  after(() => h.s.close());

  test('a clinician attaches a PDF: uploaded once, sent once, on the patient’s page and downloadable by the patient', async () => {
    const { ref } = await documentReachesPatient(h);
    assert.equal(h.s.db.prepare("select count(*) as n from attachments where client_id = 'doc'").get().n, 1, 'one row');
    assert.equal(h.s.db.prepare('select uploader_role as r from attachments where id = ?').get(ref.id).r, 'clinician');
    const another = await (await h.p.as('/conversations', { method: 'POST', body: json({ mode: 'async', reason: 'advice' }) })).json();
    assert.equal((await h.p.as(`/conversations/${another.id}/attachments/${ref.id}`)).status, 404, 'not through another conversation');
    const other = await h.patient('Annan Patient');
    assert.equal((await other.as(`/conversations/${h.conv.id}/attachments/${ref.id}`)).status, 404, 'not another patient');
  });

  test('images too, several on one message; the text may be empty with files', async () => {
    const a = await (await h.upload(PNG, { type: 'image/png', clientId: 'imgs', index: 0, name: 'övning 1.png' })).json();
    const b = await (await h.upload(JPEG, { type: 'image/jpeg', clientId: 'imgs', index: 1, name: 'övning 2.jpg' })).json();
    assert.deepEqual([a.width, a.height], [16, 12]);
    const res = await h.send({ text: '', clientId: 'imgs', attachmentCount: 2 });
    assert.equal(res.status, 201);
    assert.deepEqual((await res.json()).attachments, [a, b]);
    assert.equal((await h.send({ text: '' })).status, 422, 'no files, no text: empty');
  });

  test('idempotency and its conflicts: another text or count 409; files not uploaded 409; a count needs a clientId; no new file once sent', async () => {
    await h.upload(PDF, { clientId: 'c1' });
    assert.equal((await h.send({ text: 'Första', clientId: 'c1', attachmentCount: 2 })).status, 409, 'only one of two uploaded');
    assert.equal((await (await h.send({ text: 'Första', clientId: 'c1', attachmentCount: 2 })).json()).code, 'attachments-missing');
    assert.equal((await h.send({ text: 'Första', clientId: 'c1', attachmentCount: 1 })).status, 201);
    const other = await h.send({ text: 'Annan text', clientId: 'c1', attachmentCount: 1 });
    assert.equal(other.status, 409);
    assert.equal((await other.json()).code, 'client-id-conflict');
    assert.equal((await h.send({ text: 'Första', clientId: 'c1' })).status, 409, 'another count');
    const late = await h.upload(PNG, { type: 'image/png', clientId: 'c1', index: 1 });
    assert.equal(late.status, 409);
    assert.equal((await late.json()).code, 'message-sent');
    assert.equal((await h.send({ text: 'Utan nyckel', attachmentCount: 1 })).status, 400, 'attachmentCount without clientId');
    // text alone with a clientId is idempotent too
    const t1 = await (await h.send({ text: 'Bara text', clientId: 't1' })).json();
    const t2 = await h.send({ text: 'Bara text', clientId: 't1' });
    assert.equal(t2.status, 200);
    assert.equal((await t2.json()).id, t1.id);
  });

  test('the upload rules: 415 for other types, 422 for a polyglot or a PDF script, the scanner, 413, a sixth file, a name', async () => {
    for (const type of ['image/svg+xml', 'text/html', 'application/octet-stream']) {
      const res = await h.upload(cat('<svg xmlns="http://www.w3.org/2000/svg"/>'), { type, clientId: 'r415' });
      assert.equal(res.status, 415, type);
      assert.equal((await res.json()).code, 'unsupported-media-type');
    }
    const asJson = await h.nurse(`/conversations/${h.conv.id}/attachments/j/0`, { method: 'PUT', headers: { 'x-attachment-name': 'a' }, body: '{"a":1}' });
    assert.equal(asJson.status, 415, 'JSON is not a file');
    const html = '<!doctype html><html><body><script>alert(1)</script></body></html>';
    for (const [what, bytes, type] of [
      ['HTML with a PDF after it', cat(html, PDF), 'application/pdf'],
      ['a PDF with HTML after %%EOF', cat(PDF, '\n', 'x'.repeat(1500), html), 'application/pdf'],
      ['a PNG with HTML after it', cat(PNG, html), 'image/png'],
      ['a PDF with a JavaScript action', cat(PDF.subarray(0, 9), '1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n', PDF.subarray(9)), 'application/pdf'],
      ['PNG bytes claimed as PDF', PNG, 'application/pdf'],
    ]) {
      const res = await h.upload(bytes, { type, clientId: 'r422' });
      assert.equal(res.status, 422, what);
      assert.equal((await res.json()).code, 'attachment-invalid', what);
    }
    const infected = cat(PDF.subarray(0, 9), `%${EICAR}\n`, PDF.subarray(9));
    const scanned = await h.upload(infected, { clientId: 'eicar' });
    assert.equal(scanned.status, 422);
    assert.equal((await scanned.json()).code, 'attachment-rejected');
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF.subarray(0, 8));
    const tooBig = await h.upload(big, { clientId: 'big' });
    assert.equal(tooBig.status, 413);
    assert.equal((await tooBig.json()).code, 'attachment-too-large');
    assert.equal((await h.upload(PDF, { clientId: 'six', index: 5 })).status, 422);
    assert.equal((await h.upload(PDF, { clientId: 'noname', name: null })).status, 400);
    assert.equal(h.s.db.prepare("select count(*) as n from attachments where client_id in ('r415', 'r422', 'eicar', 'big', 'six', 'noname')").get().n, 0, 'nothing stored');
  });

  test('a patient session is no staff session on the staff routes (401); a patient cannot take over a clinician’s upload', async () => {
    const ref = await (await h.upload(PDF, { clientId: 'draft' })).json();
    const patientAsStaff = (path, init = {}) => h.api('/console/api' + path, { ...init, headers: { authorization: `Bearer ${h.p.token}`, ...(init.headers ?? {}) } });
    assert.equal((await h.upload(PDF, { clientId: 'p-up', as: patientAsStaff })).status, 401, 'upload');
    assert.equal((await patientAsStaff(`/conversations/${h.conv.id}/attachments/${ref.id}`)).status, 401, 'download');
    assert.equal((await h.send({ text: 'Hej', clientId: 'p-send' }, patientAsStaff)).status, 401, 'send');
    // a file a clinician has not sent yet is not the patient's, even by its id
    assert.equal((await h.p.as(`/conversations/${h.conv.id}/attachments/${ref.id}`)).status, 404, 'an unsent clinic file');
    // the patient's own send or upload under the clinician's clientId does not adopt the clinic's file
    const adopt = await h.p.as(`/conversations/${h.conv.id}/messages/draft`, { method: 'PUT', body: json({ text: '', attachmentCount: 1 }) });
    assert.equal(adopt.status, 409);
    assert.equal((await adopt.json()).code, 'attachments-missing');
    const same = await h.p.as(`/conversations/${h.conv.id}/attachments/draft/0`, { method: 'PUT', headers: { 'content-type': 'application/pdf', 'x-attachment-name': 'a.pdf' }, body: PDF });
    assert.equal(same.status, 409, 'the same bytes at the clinician’s place');
    assert.equal((await same.json()).code, 'attachment-conflict');
    // and the other way round: a clinician's send under the patient's clientId is no repeat of the patient's message
    const taken = await h.send({ text: 'Vad ska jag tänka på inför operationen?', clientId: 'p1' });
    assert.equal(taken.status, 409);
  });
});

test('staff without access to the conversation: 403 on upload, send, download and notes, as on the other console routes', async () => {
  const h = await setup();
  try {
    const doctor = await h.staff('Erik Lind', 'doctor');
    const mine = await (await h.upload(PDF, { clientId: 'ok' })).json();
    await h.send({ text: 'Dokumentet', clientId: 'ok', attachmentCount: 1 });
    const calls = [
      ['upload', () => h.upload(PDF, { clientId: 'theirs', as: doctor })],
      ['send', () => h.send({ text: 'Från fel kö', clientId: 'theirs', attachmentCount: 1 }, doctor)],
      ['download', () => doctor(`/conversations/${h.conv.id}/attachments/${mine.id}`)],
      ['notes', () => doctor(`/conversations/${h.conv.id}/notes`)],
      ['add a note', () => doctor(`/conversations/${h.conv.id}/notes`, { method: 'POST', body: json({ text: 'Hej' }) })],
    ];
    for (const [what, call] of calls) {
      const res = await call();
      assert.equal(res.status, 403, what);
      assert.equal((await res.json()).code, 'forbidden', what);
    }
    assert.equal((await doctor(`/conversations/00000000-0000-4000-8000-000000000000/attachments/x/0`, { method: 'PUT', headers: { 'content-type': 'application/pdf', 'x-attachment-name': 'a.pdf' }, body: PDF })).status, 404, 'no such conversation');
    assert.equal(h.s.db.prepare("select count(*) as n from attachments where client_id = 'theirs'").get().n, 0);
  } finally {
    await h.s.close();
  }
});

test('PostgreSQL: a clinician’s PDF reaches the patient, once, and downloads', async () => {
  const cluster = await startPostgres();
  try {
    const h = await setup({ databaseUrl: await cluster.createDatabase() });
    try {
      await documentReachesPatient(h);
      const doctor = await h.staff('Erik Lind', 'doctor');
      assert.equal((await h.upload(PDF, { clientId: 'x', as: doctor })).status, 403);
    } finally {
      await h.s.close();
    }
  } finally {
    await cluster.stop();
  }
});
