// Attachments on the reference server (issue #18), over real HTTP on real SQLite (and one run on
// a real PostgreSQL): the idempotent upload keyed by clientId and index, type checked by content
// (polyglots refused), size and count limits, the scanner hook (EICAR), the message that carries
// the files, and the download: only to the conversation's patient and staff, with its headers.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from './helpers.mjs';
import { ruleScanner, EICAR, sniff } from '../../../dist/server/app.js';
import { startPostgres } from '../../support/postgres.mjs';
import { JPEG, PNG, WEBP, PDF, cat, withComment } from '../../support/attachment-fixtures.mjs';

/** The same files made larger than 1 KB (a filler comment or chunk), so what follows them is past the first-KB markup check. */
const filler = 'x'.repeat(2000);
const pngChunk = (type, data) => {
  const body = cat(type, data);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  Buffer.from(body).copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
};
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) { c ^= b; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; }
  return (c ^ 0xffffffff) >>> 0;
}
const BIG_JPEG = withComment(JPEG, filler);
const BIG_PNG = cat(PNG.subarray(0, 33), pngChunk('tEXt', cat('Comment\0', filler)), PNG.subarray(33));
const BIG_WEBP = (() => {
  const extra = cat('XTRA', new Uint8Array([filler.length & 0xff, filler.length >> 8, 0, 0]), filler);
  const b = Buffer.from(cat(WEBP, extra));
  b.writeUInt32LE(b.length - 8, 4);
  return new Uint8Array(b);
})();
const BIG_PDF = cat(PDF.subarray(0, 9), `%${filler}\n`, PDF.subarray(9));

const NAME = 'Utslag på armen <img src=x onerror=alert(1)>.jpg';

async function setup(opts) {
  const h = await start(opts);
  const p = await h.patient('Test Testsson');
  const conv = await (await p.as('/conversations', { method: 'POST', body: JSON.stringify({ mode: 'async', reason: 'advice' }) })).json();
  const upload = (bytes, { type = 'image/jpeg', clientId = 'k1', index = 0, name = NAME, alt, as = p.as, conversationId = conv.id } = {}) => as(
    `/conversations/${conversationId}/attachments/${clientId}/${index}`,
    { method: 'PUT', headers: { 'content-type': type, ...(name === null ? {} : { 'x-attachment-name': encodeURIComponent(name) }), ...(alt ? { 'x-attachment-alt': encodeURIComponent(alt) } : {}) }, body: bytes },
  );
  const send = (clientId, body) => p.as(`/conversations/${conv.id}/messages/${clientId}`, { method: 'PUT', body: JSON.stringify(body) });
  return { ...h, p, conv, upload, send };
}

describe('attachments on SQLite', () => {
  let h;
  before(async () => { h = await setup(); });
  after(() => h.s.close());

  test('an upload is stored once per (clientId, index): 201, then 200 with the same reference; other bytes 409', async () => {
    const first = await h.upload(JPEG, { clientId: 'once', alt: 'Rött utslag' });
    assert.equal(first.status, 201);
    const ref = await first.json();
    assert.deepEqual({ ...ref, id: 'x' }, { id: 'x', name: NAME, type: 'image/jpeg', size: JPEG.length, width: 16, height: 12, alt: 'Rött utslag' });
    const again = await h.upload(JPEG, { clientId: 'once', alt: 'Rött utslag' });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), ref, 'a retried upload answers with the stored one');
    const other = await h.upload(withComment(JPEG, 'annan bild'), { clientId: 'once' });
    assert.equal(other.status, 409);
    assert.equal((await other.json()).code, 'attachment-conflict');
    assert.equal(h.s.db.prepare('select count(*) as n from attachments where client_id = ?').get('once').n, 1, 'one row');
  });

  test('each allowed type is found in its bytes, with its size in pixels', async () => {
    for (const [i, [bytes, type, dims]] of [[PNG, 'image/png', [16, 12]], [WEBP, 'image/webp', [16, 12]], [PDF, 'application/pdf', null]].entries()) {
      const res = await h.upload(bytes, { type, clientId: 'types', index: i, name: `fil-${i}` });
      assert.equal(res.status, 201, type);
      const ref = await res.json();
      assert.equal(ref.type, type);
      assert.deepEqual(dims ? [ref.width, ref.height] : [ref.width, ref.height], dims ?? [undefined, undefined]);
    }
  });

  test('refused by content: wrong claimed type, polyglots (image or PDF with HTML), broken ends, PDF scripts', async () => {
    const html = '<!doctype html><html><body><script>alert(1)</script></body></html>';
    const cases = [
      ['PNG bytes claimed as JPEG', PNG, 'image/jpeg'],
      // HTML in the first KB, where a sniffing browser looks
      ['a JPEG header with HTML after it', cat(JPEG.subarray(0, 200), html), 'image/jpeg'],
      ['a JPEG with HTML in a comment at its start', withComment(JPEG, html), 'image/jpeg'],
      ['HTML with a PDF after it', cat(html, PDF), 'application/pdf'],
      // HTML after a whole file larger than 1 KB: the end checks
      ['a whole JPEG with HTML after its EOI', cat(BIG_JPEG, html), 'image/jpeg'],
      ['a JPEG cut short (no EOI)', BIG_JPEG.subarray(0, BIG_JPEG.length - 2), 'image/jpeg'],
      ['a PNG with HTML after IEND', cat(BIG_PNG, html), 'image/png'],
      ['a PNG with a chunk whose CRC is wrong', (() => { const b = PNG.slice(); b[30] ^= 0xff; return b; })(), 'image/png'],
      ['a WebP with HTML after its RIFF', cat(BIG_WEBP, html), 'image/webp'],
      ['a PDF with HTML after %%EOF', cat(BIG_PDF, html), 'application/pdf'],
      ['a PDF without %%EOF', BIG_PDF.subarray(0, BIG_PDF.length - 7), 'application/pdf'],
      ['a PDF with a JavaScript action', cat(BIG_PDF.subarray(0, 9), '1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n', BIG_PDF.subarray(9)), 'application/pdf'],
      ['a PDF whose header is not at byte 0', cat(' ', PDF), 'application/pdf'],
      ['plain text claimed as PDF', cat('hej hej'), 'application/pdf'],
    ];
    for (const [bytes, type] of [[BIG_JPEG, 'image/jpeg'], [BIG_PNG, 'image/png'], [BIG_WEBP, 'image/webp'], [BIG_PDF, 'application/pdf']]) {
      assert.ok(bytes.length > 2000);
      const ok = await h.upload(bytes, { type, clientId: `big-${type.replace('/', '-')}` });
      assert.equal(ok.status, 201, `the padded ${type} itself is valid`);
    }
    for (const [what, bytes, type] of cases) {
      const res = await h.upload(bytes, { type, clientId: 'refused' });
      assert.equal(res.status, 422, what);
      assert.equal((await res.json()).code, 'attachment-invalid', what);
    }
    assert.equal(h.s.db.prepare("select count(*) as n from attachments where client_id = 'refused'").get().n, 0, 'nothing stored');
  });

  test('types outside the allow-list are 415 (SVG, HTML, JSON, octet-stream)', async () => {
    for (const type of ['image/svg+xml', 'text/html', 'application/octet-stream', 'image/gif']) {
      const res = await h.upload(cat('<svg xmlns="http://www.w3.org/2000/svg"/>'), { type, clientId: 'types415' });
      assert.equal(res.status, 415, type);
      assert.equal((await res.json()).code, 'unsupported-media-type');
    }
    const asJson = await h.p.as(`/conversations/${h.conv.id}/attachments/j/0`, { method: 'PUT', headers: { 'x-attachment-name': 'a' }, body: '{"a":1}' });
    assert.equal(asJson.status, 415, 'JSON is not a file');
  });

  test('limits: over 10 MB is 413 attachment-too-large; a sixth file is 422; a name is required and plain', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(JPEG.subarray(0, 4));
    const res = await h.upload(big, { clientId: 'big' });
    assert.equal(res.status, 413);
    assert.equal((await res.json()).code, 'attachment-too-large');
    const sixth = await h.upload(JPEG, { clientId: 'many', index: 5 });
    assert.equal(sixth.status, 422);
    assert.equal((await sixth.json()).code, 'too-many-attachments');
    assert.equal((await h.upload(JPEG, { clientId: 'noname', name: null })).status, 400);
    assert.equal((await h.upload(JPEG, { clientId: 'ctrl', name: 'a\u0000b.jpg' })).status, 400);
    assert.equal((await h.upload(JPEG, { clientId: 'long', name: 'x'.repeat(201) })).status, 400);
    const badPct = await h.p.as(`/conversations/${h.conv.id}/attachments/pct/0`, { method: 'PUT', headers: { 'content-type': 'image/jpeg', 'x-attachment-name': '%E0%A4%A' }, body: JPEG });
    assert.equal(badPct.status, 400);
  });

  test('the scanner hook: the reference rejects the EICAR test file (422), and nothing is kept', async () => {
    const infected = withComment(JPEG, EICAR);
    const res = await h.upload(infected, { clientId: 'eicar' });
    assert.equal(res.status, 422);
    assert.equal((await res.json()).code, 'attachment-rejected');
    assert.equal(h.s.db.prepare("select count(*) as n from attachments where client_id = 'eicar'").get().n, 0);
    assert.equal((await h.upload(JPEG, { clientId: 'eicar' })).status, 201, 'the place is still free');
  });

  test('a message carries the uploaded files; empty text is allowed with files; repeats and late uploads', async () => {
    const a = await (await h.upload(JPEG, { clientId: 'msg', index: 0, name: 'arm.jpg' })).json();
    const b = await (await h.upload(PDF, { clientId: 'msg', index: 1, type: 'application/pdf', name: 'intyg.pdf' })).json();
    const res = await h.send('msg', { text: '', attachmentCount: 2 });
    assert.equal(res.status, 201);
    const m = await res.json();
    assert.deepEqual(m.attachments, [a, b]);
    const again = await h.send('msg', { text: '', attachmentCount: 2 });
    assert.equal(again.status, 200);
    assert.equal((await again.json()).id, m.id);
    assert.equal((await h.send('msg', { text: '', attachmentCount: 1 })).status, 409, 'another count is another body');
    const late = await h.upload(PNG, { clientId: 'msg', index: 2, type: 'image/png' });
    assert.equal(late.status, 409);
    assert.equal((await late.json()).code, 'message-sent');
    assert.equal((await h.upload(JPEG, { clientId: 'msg', index: 0, name: 'arm.jpg' })).status, 200, 'a retried upload of a sent file still answers');
    const page = await (await h.p.as(`/conversations/${h.conv.id}/messages`)).json();
    assert.deepEqual(page.messages.find((x) => x.id === m.id).attachments, [a, b], 'the page shows them');
    const missing = await h.send('missing', { text: 'se bild', attachmentCount: 1 });
    assert.equal(missing.status, 409);
    assert.equal((await missing.json()).code, 'attachments-missing');
    assert.equal((await h.send('notext', { text: '' })).status, 422, 'no files, no text: still empty');
  });

  test('the download: the patient gets the bytes with safe headers; another patient 404; staff get it too', async () => {
    const img = await (await h.upload(JPEG, { clientId: 'dl', index: 0, name: 'bild "x".jpg' })).json();
    const pdf = await (await h.upload(PDF, { clientId: 'dl', index: 1, type: 'application/pdf', name: 'Inför operation.pdf' })).json();
    await h.send('dl', { text: 'två filer', attachmentCount: 2 });
    const path = (id) => `/conversations/${h.conv.id}/attachments/${id}`;
    const res = await h.p.as(path(img.id));
    assert.equal(res.status, 200);
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), JPEG);
    assert.equal(res.headers.get('content-type'), 'image/jpeg');
    assert.equal(res.headers.get('content-security-policy'), "default-src 'none'; sandbox");
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    assert.match(res.headers.get('content-disposition'), /^inline; filename="bild _x_.jpg"; filename\*=UTF-8''bild%20%22x%22.jpg$/);
    const doc = await h.p.as(path(pdf.id));
    assert.equal(doc.status, 200);
    assert.equal(doc.headers.get('content-type'), 'application/pdf');
    assert.match(doc.headers.get('content-disposition'), /^attachment; filename="Inf_r operation.pdf"; filename\*=UTF-8''Inf%C3%B6r%20operation.pdf$/);
    assert.equal(doc.headers.get('content-security-policy'), "default-src 'none'; sandbox");

    const other = await h.patient('Annan Patient');
    const theirs = await other.as(path(img.id));
    const none = await other.as(`/conversations/${h.conv.id}/attachments/att-00000000-0000-0000-0000-000000000000`);
    assert.equal(theirs.status, 404);
    assert.equal(await theirs.text(), await none.text(), "another patient's file is indistinguishable from none");
    assert.equal((await h.api(`/api${path(img.id)}`)).status, 401, 'no session');
    const staff = await h.staff();
    const asStaff = await staff(path(img.id));
    assert.equal(asStaff.status, 200);
    assert.deepEqual(new Uint8Array(await asStaff.arrayBuffer()), JPEG);
    assert.equal(asStaff.headers.get('content-security-policy'), "default-src 'none'; sandbox");
    assert.equal((await staff(`/conversations/${h.conv.id}/attachments/att-none`)).status, 404);
  });

  test("another patient cannot upload into a conversation that is not theirs (404)", async () => {
    const other = await h.patient('Tredje Patient');
    const res = await h.upload(JPEG, { clientId: 'x', as: other.as });
    assert.equal(res.status, 404);
  });
});

test('a clinic scanner plugged in through startServer sees each file and can refuse it', async () => {
  const seen = [];
  const h = await setup({ scanner: { async scan(bytes, meta) { seen.push({ size: bytes.length, ...meta }); return bytes.length > 600 ? { ok: false, reason: 'too big for this rule' } : { ok: true }; } } });
  try {
    assert.equal((await h.upload(PNG, { type: 'image/png' })).status, 201);
    const res = await h.upload(JPEG, { clientId: 'k2' });
    assert.equal(res.status, 422);
    assert.equal((await res.json()).code, 'attachment-rejected');
    assert.deepEqual(seen, [
      { size: PNG.length, type: 'image/png', conversationId: h.conv.id },
      { size: JPEG.length, type: 'image/jpeg', conversationId: h.conv.id },
    ]);
  } finally {
    await h.s.close();
  }
});

test('the reference scanner: rejects EICAR anywhere, passes anything else; sniff refuses a polyglot', async () => {
  const s = ruleScanner();
  assert.deepEqual(await s.scan(new TextEncoder().encode(EICAR), { type: 'application/pdf', size: 68, conversationId: 'c' }), { ok: false, reason: 'EICAR test file' });
  assert.deepEqual(await s.scan(cat('prefix ', EICAR, ' suffix'), { type: 'application/pdf', size: 82, conversationId: 'c' }), { ok: false, reason: 'EICAR test file' });
  assert.deepEqual(await s.scan(JPEG, { type: 'image/jpeg', size: JPEG.length, conversationId: 'c' }), { ok: true });
  assert.deepEqual(await ruleScanner({ eicar: false }).scan(new TextEncoder().encode(EICAR), { type: 'x', size: 68, conversationId: 'c' }), { ok: true });
  assert.equal(sniff(JPEG, 'image/jpeg').ok, true);
  assert.equal(sniff(cat(JPEG, '<html>'), 'image/jpeg').ok, false);
});

test('SQLite: the bytes are files beside the database, not in it; they survive a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vard-att-'));
  const file = join(dir, 'chat.sqlite');
  try {
    const h = await setup({ db: file });
    const ref = await (await h.upload(PDF, { type: 'application/pdf', name: 'remiss.pdf' })).json();
    await h.send('k1', { text: 'remissen', attachmentCount: 1 });
    assert.deepEqual(readdirSync(`${file}.attachments`), [ref.id]);
    assert.deepEqual(new Uint8Array(readFileSync(join(`${file}.attachments`, ref.id))), PDF);
    const stored = Buffer.concat([file, `${file}-wal`].map((f) => { try { return readFileSync(f); } catch { return Buffer.alloc(0); } }));
    assert.ok(stored.includes(Buffer.from('remissen')), 'the message is in the database (or its WAL)');
    assert.equal(stored.includes(Buffer.from('Tf 20 50 Td')), false, "the PDF's bytes are not");
    const token = h.p.token;
    await h.s.close();
    const h2 = await start({ db: file });
    try {
      const res = await h2.api(`/api/conversations/${h.conv.id}/attachments/${ref.id}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200, 'after a restart');
      assert.deepEqual(new Uint8Array(await res.arrayBuffer()), PDF);
    } finally {
      await h2.s.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('PostgreSQL: the same upload, message and download, the bytes in a bytea table', async () => {
  const cluster = await startPostgres();
  try {
    const h = await setup({ databaseUrl: await cluster.createDatabase() });
    try {
      const ref = await (await h.upload(WEBP, { type: 'image/webp', name: 'sår.webp' })).json();
      assert.equal((await h.upload(WEBP, { type: 'image/webp', name: 'sår.webp' })).status, 200, 'idempotent');
      const m = await (await h.send('k1', { text: '', attachmentCount: 1 })).json();
      assert.deepEqual(m.attachments, [ref]);
      const res = await h.p.as(`/conversations/${h.conv.id}/attachments/${ref.id}`);
      assert.deepEqual(new Uint8Array(await res.arrayBuffer()), WEBP);
      const other = await h.patient('Annan');
      assert.equal((await other.as(`/conversations/${h.conv.id}/attachments/${ref.id}`)).status, 404);
    } finally {
      await h.s.close();
    }
  } finally {
    await cluster.stop();
  }
});
