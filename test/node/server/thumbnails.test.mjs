// Thumbnails (issue #18 point 3), over real HTTP on real SQLite and once on PostgreSQL: the
// sender's small copy of an image, uploaded after its file and before the message
// (`PUT …/attachments/{clientId}/{index}/thumbnail`), once per file, JPEG or WebP only, at most
// 64 KB and 320 px each side; the message's reference carries `thumbnail`; the download
// (`GET …/attachments/{id}/thumbnail`) follows the file's access rules and headers.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, json } from './helpers.mjs';
import { startPostgres } from '../../support/postgres.mjs';
import { JPEG, PNG, WEBP, PDF, cat, withComment } from '../../support/attachment-fixtures.mjs';
/** The JPEG with its frame header (SOF) saying `width` × `height` (the server reads pixels from it, never decodes). */
function withSize(jpeg, width, height) {
  const b = Buffer.from(jpeg);
  let i = 2;
  while (!(b[i + 1] >= 0xc0 && b[i + 1] <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(b[i + 1]))) i += 2 + b.readUInt16BE(i + 2);
  b.writeUInt16BE(height, i + 5);
  b.writeUInt16BE(width, i + 7);
  return new Uint8Array(b);
}

async function setup(opts) {
  const h = await start({ sendsPerMinute: 10_000, ...opts });
  const p = await h.patient('Test Testsson');
  const conv = await (await p.as('/conversations', { method: 'POST', body: json({ mode: 'async', reason: 'advice' }) })).json(); // → nurse
  const base = (conversationId) => `/conversations/${conversationId}/attachments`;
  const upload = (bytes, { type = 'image/jpeg', clientId = 'k1', index = 0, as = p.as, conversationId = conv.id } = {}) => as(
    `${base(conversationId)}/${clientId}/${index}`,
    { method: 'PUT', headers: { 'content-type': type, 'x-attachment-name': encodeURIComponent('utslag.jpg') }, body: bytes },
  );
  const thumb = (bytes, { type = 'image/jpeg', clientId = 'k1', index = 0, as = p.as, conversationId = conv.id } = {}) => as(
    `${base(conversationId)}/${clientId}/${index}/thumbnail`, { method: 'PUT', headers: { 'content-type': type }, body: bytes },
  );
  const send = (clientId, body) => p.as(`/conversations/${conv.id}/messages/${clientId}`, { method: 'PUT', body: json(body) });
  return { ...h, p, conv, upload, thumb, send, base };
}

const SAFE_HEADERS = {
  'content-security-policy': "default-src 'none'; sandbox",
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, no-store',
};
const headersOf = (res) => Object.fromEntries(Object.keys(SAFE_HEADERS).map((k) => [k, res.headers.get(k)]));

describe('thumbnails on SQLite', () => {
  let h;
  before(async () => { h = await setup(); });
  after(() => h.s.close());

  test('once per file: 201 with the reference carrying `thumbnail`, the same bytes 200, other bytes 409', async () => {
    const file = await (await h.upload(JPEG, { clientId: 'once' })).json();
    assert.equal(file.thumbnail, undefined, 'no thumbnail yet');
    const first = await h.thumb(JPEG, { clientId: 'once' });
    assert.equal(first.status, 201);
    const ref = await first.json();
    assert.deepEqual(ref, { ...file, thumbnail: { width: 16, height: 12 } });
    const again = await h.thumb(JPEG, { clientId: 'once' });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), ref);
    const other = await h.thumb(withComment(JPEG, 'en annan'), { clientId: 'once' });
    assert.equal(other.status, 409);
    assert.equal((await other.json()).code, 'attachment-conflict');
    assert.deepEqual(await (await h.upload(JPEG, { clientId: 'once' })).json(), ref, "the file's repeat answers with its thumbnail");
  });

  test('refusals: over 64 KB 413, over 320 px 422, PNG/PDF/SVG 415, not the type 422, before the file 409, a PDF has none', async () => {
    await h.upload(JPEG, { clientId: 'no' });
    const big = withComment(withComment(JPEG, 'x'.repeat(40_000)), 'y'.repeat(30_000));
    assert.ok(big.length > 64 * 1024);
    const tooBig = await h.thumb(big, { clientId: 'no' });
    assert.equal(tooBig.status, 413);
    assert.equal((await tooBig.json()).code, 'attachment-too-large');
    for (const [w, hgt] of [[321, 200], [200, 321], [2048, 1536]]) {
      const res = await h.thumb(withSize(JPEG, w, hgt), { clientId: 'no' });
      assert.equal(res.status, 422, `${w} × ${hgt}`);
      assert.equal((await res.json()).code, 'thumbnail-too-large');
    }
    assert.equal((await h.thumb(withSize(JPEG, 320, 320), { clientId: 'edge' })).status, 409, 'no file at edge/0 yet');
    for (const [bytes, type] of [[PNG, 'image/png'], [PDF, 'application/pdf'], [cat('<svg/>'), 'image/svg+xml']]) {
      const res = await h.thumb(bytes, { clientId: 'no', type });
      assert.equal(res.status, 415, type);
    }
    const notJpeg = await h.thumb(WEBP, { clientId: 'no', type: 'image/jpeg' });
    assert.equal(notJpeg.status, 422);
    assert.equal((await notJpeg.json()).code, 'attachment-invalid');
    const polyglot = await h.thumb(cat(JPEG, '<html><script>alert(1)</script>'), { clientId: 'no' });
    assert.equal(polyglot.status, 422);
    const before = await h.thumb(JPEG, { clientId: 'no', index: 1 });
    assert.equal(before.status, 409);
    assert.equal((await before.json()).code, 'attachment-missing');
    await h.upload(PDF, { clientId: 'no', index: 2, type: 'application/pdf' });
    assert.equal((await h.thumb(JPEG, { clientId: 'no', index: 2 })).status, 422, 'a PDF has no thumbnail');
    const row = h.s.db.prepare('select thumb_id from attachments where client_id = ? and idx = 0').get('no');
    assert.equal(row.thumb_id, null, 'nothing refused was kept');
    const webp = await h.thumb(WEBP, { clientId: 'no', type: 'image/webp' });
    assert.equal(webp.status, 201, 'WebP is taken');
  });

  test('the message carries `thumbnail`; the download has the file’s headers; another patient 404; staff get it; none 404', async () => {
    const withThumb = await (await h.upload(JPEG, { clientId: 'dl' })).json();
    const plain = await (await h.upload(withComment(JPEG, 'utan'), { clientId: 'dl', index: 1 })).json();
    const tiny = withComment(JPEG, 'tumnagel');
    await h.thumb(tiny, { clientId: 'dl' });
    const m = await (await h.send('dl', { text: 'två bilder', attachmentCount: 2 })).json();
    assert.deepEqual(m.attachments, [{ ...withThumb, thumbnail: { width: 16, height: 12 } }, plain]);
    const page = await (await h.p.as(`/conversations/${h.conv.id}/messages`)).json();
    assert.deepEqual(page.messages.find((x) => x.id === m.id).attachments, m.attachments, 'as the page carries it');

    const path = (id) => `${h.base(h.conv.id)}/${id}/thumbnail`;
    const res = await h.p.as(path(withThumb.id));
    assert.equal(res.status, 200);
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), tiny, 'the thumbnail, not the file');
    assert.equal(res.headers.get('content-type'), 'image/jpeg');
    assert.deepEqual(headersOf(res), SAFE_HEADERS);
    assert.match(res.headers.get('content-disposition'), /^inline; /);
    const none = await h.p.as(path(plain.id));
    assert.equal(none.status, 404, 'a file without a thumbnail');

    const other = await h.patient('Annan Patient');
    const theirs = await other.as(path(withThumb.id));
    assert.equal(theirs.status, 404);
    assert.equal(await theirs.text(), await (await other.as(path('att-none'))).text(), 'as a file that does not exist');
    assert.equal((await h.api(`/api${path(withThumb.id)}`)).status, 401, 'no session');
    assert.equal((await h.thumb(JPEG, { clientId: 'dl', index: 1, as: other.as })).status, 404, "not into another's conversation");

    const staff = await h.staff();
    const asStaff = await staff(path(withThumb.id));
    assert.equal(asStaff.status, 200);
    assert.deepEqual(new Uint8Array(await asStaff.arrayBuffer()), tiny);
    assert.deepEqual(headersOf(asStaff), SAFE_HEADERS);
    assert.equal((await staff(path(plain.id))).status, 404);

    const late = await h.thumb(JPEG, { clientId: 'dl', index: 1 });
    assert.equal(late.status, 409, 'not once the message is sent');
    assert.equal((await late.json()).code, 'message-sent');
    assert.equal((await h.thumb(tiny, { clientId: 'dl' })).status, 200, 'a repeat after the send still answers');
  });

  test('staff: a thumbnail for their own image, sent with the reply, the patient downloads it; not on the patient’s file', async () => {
    const nurse = await h.staff('Anna Svensson', 'nurse');
    const up = (path, bytes) => nurse(`${h.base(h.conv.id)}/${path}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg', 'x-attachment-name': 'bild.jpg' }, body: bytes });
    assert.equal((await up('s1/0', JPEG)).status, 201);
    const t = await up('s1/0/thumbnail', JPEG);
    assert.equal(t.status, 201);
    assert.deepEqual((await t.json()).thumbnail, { width: 16, height: 12 });
    const m = await (await nurse(`/conversations/${h.conv.id}/messages`, { method: 'POST', body: json({ kind: 'text', text: 'Så här', clientId: 's1', attachmentCount: 1 }) })).json();
    assert.deepEqual(m.attachments[0].thumbnail, { width: 16, height: 12 });
    const res = await h.p.as(`${h.base(h.conv.id)}/${m.attachments[0].id}/thumbnail`);
    assert.equal(res.status, 200);
    await h.upload(JPEG, { clientId: 'mine' });
    assert.equal((await up('mine/0/thumbnail', JPEG)).status, 409, "staff cannot add a thumbnail to the patient's file");
  });
});

test('PostgreSQL: upload, idempotent repeat, the reference and the download', async () => {
  const cluster = await startPostgres();
  try {
    const h = await setup({ databaseUrl: await cluster.createDatabase() });
    try {
      const file = await (await h.upload(JPEG)).json();
      assert.equal((await h.thumb(WEBP, { type: 'image/webp' })).status, 201);
      assert.equal((await h.thumb(WEBP, { type: 'image/webp' })).status, 200);
      assert.equal((await h.thumb(JPEG)).status, 409);
      const m = await (await h.send('k1', { text: '', attachmentCount: 1 })).json();
      assert.deepEqual(m.attachments, [{ ...file, thumbnail: { width: 16, height: 12 } }]);
      const res = await h.p.as(`${h.base(h.conv.id)}/${file.id}/thumbnail`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'image/webp');
      assert.deepEqual(new Uint8Array(await res.arrayBuffer()), WEBP);
      assert.deepEqual(new Uint8Array(await (await h.p.as(`${h.base(h.conv.id)}/${file.id}`)).arrayBuffer()), JPEG, 'the file is still the file');
      const other = await h.patient('Annan');
      assert.equal((await other.as(`${h.base(h.conv.id)}/${file.id}/thumbnail`)).status, 404);
    } finally {
      await h.s.close();
    }
  } finally {
    await cluster.stop();
  }
});
