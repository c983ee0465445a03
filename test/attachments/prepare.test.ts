import { expect } from '@open-wc/testing';
import { hasExif, prepareAttachment, typeOfBytes } from '../../src/attachments/prepare.js';

/** A real JPEG from a canvas. */
async function canvasJpeg(width: number, height: number): Promise<Uint8Array> {
  const c = new OffscreenCanvas(width, height);
  const g = c.getContext('2d')!;
  g.fillStyle = '#c33';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#36c';
  g.fillRect(0, 0, width / 2, height / 2);
  return new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
}

/** An EXIF block (big-endian TIFF) with a GPS position: 59° 20′ 12.34″ N. */
function exifWithGps(): Uint8Array {
  const tiff = new DataView(new ArrayBuffer(80));
  let o = 0;
  const u16 = (v: number) => { tiff.setUint16(o, v); o += 2; };
  const u32 = (v: number) => { tiff.setUint32(o, v); o += 4; };
  u16(0x4d4d); u16(42); u32(8);
  // IFD0: one entry, the GPS IFD pointer
  u16(1); u16(0x8825); u16(4); u32(1); u32(26); u32(0);
  // GPS IFD at 26: latitude ref and latitude
  u16(2);
  u16(1); u16(2); u32(2); u32(0x4e000000);
  u16(2); u16(5); u32(3); u32(56);
  u32(0);
  // at 56: 59/1, 20/1, 1234/100
  for (const [n, d] of [[59, 1], [20, 1], [1234, 100]]) { u32(n!); u32(d!); }
  const body = new Uint8Array([...new TextEncoder().encode('Exif'), 0, 0, ...new Uint8Array(tiff.buffer, 0, o)]);
  const len = body.length + 2;
  return new Uint8Array([0xff, 0xe1, len >> 8, len & 0xff, ...body]);
}

const withExif = (jpeg: Uint8Array) => new Uint8Array([...jpeg.subarray(0, 2), ...exifWithGps(), ...jpeg.subarray(2)]);
const contains = (hay: Uint8Array, needle: Uint8Array) => {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
};
const blob = (bytes: Uint8Array, type = '') => new Blob([bytes as Uint8Array<ArrayBuffer>], { type });

describe('prepareAttachment (in the browser, before anything is stored)', () => {
  it('a photo with GPS EXIF comes out re-encoded with no EXIF at all', async () => {
    const input = withExif(await canvasJpeg(64, 48));
    expect(hasExif(input), 'the input has EXIF').to.equal(true);
    const gps = new Uint8Array([0, 0, 0, 59, 0, 0, 0, 1, 0, 0, 0, 20]);
    expect(contains(input, gps), 'and its GPS latitude').to.equal(true);
    const r = await prepareAttachment(blob(input, 'image/jpeg'), 'IMG_2041.JPG');
    if (!r.ok) throw new Error(r.reason);
    expect(r.file.type).to.equal('image/jpeg');
    expect(hasExif(r.file.bytes), 'no APP1 Exif').to.equal(false);
    expect(contains(r.file.bytes, new TextEncoder().encode('Exif')), "no 'Exif' anywhere").to.equal(false);
    expect(contains(r.file.bytes, gps), 'no GPS latitude').to.equal(false);
    expect([r.file.width, r.file.height]).to.deep.equal([64, 48]);
    expect(r.file.name).to.equal('IMG_2041.jpg');
    const back = await createImageBitmap(blob(r.file.bytes, 'image/jpeg'));
    expect([back.width, back.height], 'it decodes').to.deep.equal([64, 48]);
  });

  it('scales to at most 2,048 px on the long side', async () => {
    const c = new OffscreenCanvas(3000, 1500);
    c.getContext('2d')!.fillRect(0, 0, 10, 10);
    const png = new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer());
    const r = await prepareAttachment(blob(png), 'skärmbild.png');
    if (!r.ok) throw new Error(r.reason);
    expect([r.file.width, r.file.height]).to.deep.equal([2048, 1024]);
    expect(r.file.name).to.equal('skärmbild.jpg');
    const back = await createImageBitmap(blob(r.file.bytes));
    expect([back.width, back.height]).to.deep.equal([2048, 1024]);
  });

  it('refuses by content: SVG, HTML named .jpg, HTML before a PDF; a JPEG with HTML after it loses the HTML', async () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    expect(await prepareAttachment(blob(svg, 'image/svg+xml'), 'bild.svg')).to.deep.equal({ ok: false, reason: 'attachment-type' });
    const html = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');
    expect(await prepareAttachment(blob(html, 'image/jpeg'), 'bild.jpg')).to.deep.equal({ ok: false, reason: 'attachment-type' });
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    expect(await prepareAttachment(blob(new Uint8Array([...html, ...pdf])), 'a.pdf')).to.deep.equal({ ok: false, reason: 'attachment-type' });
    const polyglot = new Uint8Array([...(await canvasJpeg(32, 32)), ...html]);
    const r = await prepareAttachment(blob(polyglot, 'image/jpeg'), 'x.jpg');
    if (!r.ok) throw new Error(r.reason);
    expect(contains(r.file.bytes, new TextEncoder().encode('<script')), 'the HTML is not carried over').to.equal(false);
  });

  it('limits: an empty file, a PDF over the size limit, a PDF without its end, bytes that do not decode', async () => {
    expect(await prepareAttachment(new Blob([]), 'tom.pdf')).to.deep.equal({ ok: false, reason: 'attachment-empty' });
    const pdf = new TextEncoder().encode(`%PDF-1.4\n%${'x'.repeat(2000)}\n%%EOF\n`);
    expect(await prepareAttachment(blob(pdf), 'stor.pdf', { maxBytes: 1000 })).to.deep.equal({ ok: false, reason: 'attachment-too-large' });
    expect(await prepareAttachment(blob(pdf.subarray(0, 100)), 'trasig.pdf')).to.deep.equal({ ok: false, reason: 'attachment-unreadable' });
    expect(await prepareAttachment(blob(new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3])), 'trasig.jpg')).to.deep.equal({ ok: false, reason: 'attachment-unreadable' });
    const ok = await prepareAttachment(blob(pdf), 'Inför <b>op</b>.pdf', { alt: '  ' });
    expect(ok.ok && [ok.file.name, ok.file.type, ok.file.size, 'alt' in ok.file]).to.deep.equal(['Inför <b>op<_b>.pdf', 'application/pdf', pdf.length, false], 'markup kept as text, the path separator replaced');
  });

  it('an image over 320 px gets a thumbnail: a JPEG at most 320 px, no EXIF, no GPS; a small image none', async () => {
    const gps = new Uint8Array([0, 0, 0, 59, 0, 0, 0, 1, 0, 0, 0, 20]);
    const r = await prepareAttachment(blob(withExif(await canvasJpeg(1200, 900)), 'image/jpeg'), 'IMG_2042.JPG');
    if (!r.ok) throw new Error(r.reason);
    const thumb = r.file.thumbnail;
    if (!thumb) throw new Error('no thumbnail');
    expect(typeOfBytes(thumb)).to.equal('image/jpeg');
    expect(hasExif(thumb), 'no APP1 Exif').to.equal(false);
    expect(contains(thumb, new TextEncoder().encode('Exif')), "no 'Exif' anywhere").to.equal(false);
    expect(contains(thumb, gps), 'no GPS latitude').to.equal(false);
    expect(thumb.length).to.be.below(64 * 1024);
    expect(thumb.length).to.be.below(r.file.bytes.length / 2, 'much smaller than the file');
    const back = await createImageBitmap(blob(thumb, 'image/jpeg'));
    expect([back.width, back.height]).to.deep.equal([320, 240]);
    back.close();
    const tall = await prepareAttachment(blob(await canvasJpeg(300, 900), 'image/jpeg'), 'hög.jpg');
    if (!tall.ok || !tall.file.thumbnail) throw new Error('no thumbnail of a tall image');
    const tb = await createImageBitmap(blob(tall.file.thumbnail, 'image/jpeg'));
    expect([tb.width, tb.height]).to.deep.equal([107, 320]);
    tb.close();
    const small = await prepareAttachment(blob(await canvasJpeg(320, 200), 'image/jpeg'), 'liten.jpg');
    expect(small.ok && small.file.thumbnail, 'an image of 320 px is its own thumbnail').to.equal(undefined);
    const pdf = await prepareAttachment(blob(new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')), 'a.pdf');
    expect(pdf.ok && pdf.file.thumbnail).to.equal(undefined);
  });

  it('typeOfBytes reads the signature, not the name or the claimed type', () => {
    expect(typeOfBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).to.equal('image/png');
    expect(typeOfBytes(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).to.equal('image/webp');
    expect(typeOfBytes(new TextEncoder().encode('GIF89a'))).to.equal(null);
  });
});
