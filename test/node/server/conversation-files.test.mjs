// A conversation's files for its patient (issue #18: "the async thread keeps them findable"):
// GET /conversations/{id}/attachments lists every file on a sent message, the clinic's and the
// patient's, newest message first, with the message, its author and when it was sent; a file
// uploaded for a message not yet sent is not listed (by either side); another patient gets 404.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, json } from './helpers.mjs';

const fx = (name) => new Uint8Array(readFileSync(new URL(`../../fixtures/attachments/${name}`, import.meta.url)));
const PDF = fx('tiny.pdf');
const JPEG = fx('tiny.jpg');
const PNG = fx('tiny.png');
const HOSTILE = '<img src=x onerror=alert(1)>.pdf';

const put = (as, path, bytes, type, name) => as(path, { method: 'PUT', headers: { 'content-type': type, 'x-attachment-name': encodeURIComponent(name) }, body: bytes });

describe('a conversation’s files, for its patient', () => {
  let h, p, nurse, conv, photo, shot, doc;
  const list = (as = p.as, id = conv.id) => as(`/conversations/${id}/attachments`);

  before(async () => {
    h = await start({ sendsPerMinute: 10_000 });
    p = await h.patient('Astrid Andersson');
    nurse = await h.staff('Anna Svensson', 'nurse');
    conv = await (await p.as('/conversations', { method: 'POST', body: json({ mode: 'async', reason: 'advice' }) })).json();
    // the patient: a message with two images (oldest), then one without files
    photo = await (await put(p.as, `/conversations/${conv.id}/attachments/p1/0`, JPEG, 'image/jpeg', 'utslag.jpg')).json();
    shot = await (await put(p.as, `/conversations/${conv.id}/attachments/p1/1`, PNG, 'image/png', 'utslag 2.png')).json();
    assert.equal((await p.as(`/conversations/${conv.id}/messages/p1`, { method: 'PUT', body: json({ text: 'Så här ser det ut', attachmentCount: 2 }) })).status, 201);
    await p.as(`/conversations/${conv.id}/messages/p2`, { method: 'PUT', body: json({ text: 'Det kliar också.' }) });
    // the clinic: a PDF (newest)
    doc = await (await put(nurse, `/conversations/${conv.id}/attachments/n1/0`, PDF, 'application/pdf', HOSTILE)).json();
    assert.equal((await nurse(`/conversations/${conv.id}/messages`, { method: 'POST', body: json({ kind: 'text', text: 'Läs detta före operationen.', clientId: 'n1', attachmentCount: 1 }) })).status, 201);
    // uploaded, never sent: one of each side
    assert.equal((await put(p.as, `/conversations/${conv.id}/attachments/p3/0`, JPEG, 'image/jpeg', 'ej skickad.jpg')).status, 201);
    assert.equal((await put(nurse, `/conversations/${conv.id}/attachments/n2/0`, PDF, 'application/pdf', 'utkast.pdf')).status, 201);
  });
  after(() => h.s.close());

  test('the clinic’s and the patient’s files, newest message first, with message, author and time', async () => {
    const res = await list();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type')?.split(';')[0], 'application/json');
    const { files } = await res.json();
    assert.deepEqual(files.map((f) => f.name), [HOSTILE, 'utslag.jpg', 'utslag 2.png'], 'newest message first, its files in their order');
    const page = await (await p.as(`/conversations/${conv.id}/messages`)).json();
    const byId = new Map(page.messages.map((m) => [m.id, m]));
    for (const f of files) {
      const m = byId.get(f.messageId);
      assert.ok(m, 'the message is on the patient’s page');
      assert.deepEqual(f.author, m.author);
      assert.equal(f.createdAt, m.createdAt);
      const { messageId, author, createdAt, ...ref } = f;
      assert.deepEqual(m.attachments.find((a) => a.id === f.id), ref, 'the reference as the message carries it');
    }
    assert.deepEqual(files[0], { ...doc, messageId: files[0].messageId, author: { role: 'clinician', name: 'Anna Svensson', profession: files[0].author.profession }, createdAt: files[0].createdAt });
    assert.equal(files[0].author.role, 'clinician');
    assert.deepEqual(files.slice(1).map((f) => [f.id, f.author.role]), [[photo.id, 'patient'], [shot.id, 'patient']]);
    assert.equal(files.find((f) => f.name === 'ej skickad.jpg' || f.name === 'utkast.pdf'), undefined, 'no unsent upload');
  });

  test('another patient: 404, as a conversation that does not exist; no session: 401', async () => {
    const other = await h.patient('Annan Patient');
    const theirs = await list(other.as);
    const none = await list(other.as, '00000000-0000-0000-0000-000000000000');
    assert.equal(theirs.status, 404);
    assert.equal(await theirs.text(), await none.text());
    assert.equal((await h.api(`/api/conversations/${conv.id}/attachments`)).status, 401);
  });

  test('a conversation without files: an empty list', async () => {
    const c = await (await p.as('/conversations', { method: 'POST', body: json({ mode: 'async', reason: 'advice' }) })).json();
    assert.deepEqual(await (await list(p.as, c.id)).json(), { files: [] });
  });
});
