/**
 * What a file is, from its bytes (never from its name or the type the client claims). Each of
 * the allowed types is checked from its first byte to its last, as far as that is cheap without
 * decoding pixels:
 *
 * - JPEG: starts FF D8 FF; the marker segments before the scan are walked (each length inside the
 *   file), a frame header (SOF) gives the size; the file ends with EOI (FF D9).
 * - PNG: the 8-byte signature, then every chunk walked with its CRC-32 checked; IHDR first (the
 *   size), IEND last and nothing after it.
 * - WebP: RIFF whose length is the file's length exactly, form type WEBP, chunks walked to the
 *   end; the size from VP8X, VP8 or VP8L.
 * - PDF: `%PDF-1.x` or `%PDF-2.0` at byte 0 (the format tolerates junk before it; we do not),
 *   `%%EOF` within the last 1 KB with only whitespace after it; no `/JavaScript`, `/JS` or
 *   `/Launch` name outside its streams (actions inside compressed object streams are not seen).
 *
 * And for every type: no HTML, SVG or script markers in the first 1 KB, where a browser that
 * sniffs would look. A polyglot — a valid header with HTML after it — fails the end checks
 * (no EOI, trailing bytes after IEND, RIFF length ≠ file length, no `%%EOF` at the end).
 */
import type { AttachmentType } from '../../src/protocol/index.js';

export interface Sniffed {
  type: AttachmentType;
  width?: number;
  height?: number;
}

/** Why a file was refused (for logs and tests; never shown with the file's content). */
export type SniffResult = { ok: true; file: Sniffed } | { ok: false; reason: string };

const fail = (reason: string): SniffResult => ({ ok: false, reason });

/** What the bytes are, checked whole against `claimed`. */
export function sniff(bytes: Uint8Array, claimed: string): SniffResult {
  if (bytes.length === 0) return fail('empty');
  if (looksLikeMarkup(bytes.subarray(0, 1024))) return fail('markup in the first 1 KB');
  const r = detect(bytes);
  if (!r.ok) return r;
  if (r.file.type !== claimed) return fail(`the bytes are ${r.file.type}, not ${claimed}`);
  return r;
}

function detect(b: Uint8Array): SniffResult {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b);
  if (startsWith(b, PNG_SIGNATURE)) return png(b);
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return webp(b);
  if (ascii(b, 0, 5) === '%PDF-') return pdf(b);
  return fail('not one of the allowed types');
}

// ---- JPEG ----------------------------------------------------------------------------------

function jpeg(b: Uint8Array): SniffResult {
  const n = b.length;
  if (n < 4 || b[n - 2] !== 0xff || b[n - 1] !== 0xd9) return fail('JPEG without EOI at the end');
  let i = 2;
  let size: { width: number; height: number } | undefined;
  for (;;) {
    if (i + 4 > n) return fail('JPEG ends inside its headers');
    if (b[i] !== 0xff) return fail('JPEG marker expected');
    let marker = b[i + 1]!;
    while (marker === 0xff && i + 2 < n) marker = b[++i + 1]!; // fill bytes
    if (marker === 0xd9) return fail('JPEG ends before its image data');
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; } // no length
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2 || i + 2 + len > n) return fail('JPEG segment length outside the file');
    // SOF0–SOF15 except DHT (C4), JPG (C8), DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (len < 7) return fail('JPEG frame header too short');
      size = { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
    }
    if (marker === 0xda) break; // start of scan: entropy-coded data to the EOI
    i += 2 + len;
  }
  if (!size || !size.width || !size.height) return fail('JPEG without a frame size');
  return { ok: true, file: { type: 'image/jpeg', ...size } };
}

// ---- PNG -----------------------------------------------------------------------------------

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function png(b: Uint8Array): SniffResult {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 8;
  let size: { width: number; height: number } | undefined;
  let first = true;
  while (i + 12 <= b.length) {
    const len = view.getUint32(i);
    const type = ascii(b, i + 4, 4);
    if (i + 12 + len > b.length) return fail('PNG chunk outside the file');
    if (crc32(b.subarray(i + 4, i + 8 + len)) !== view.getUint32(i + 8 + len)) return fail(`PNG chunk ${type} CRC`);
    if (first) {
      if (type !== 'IHDR' || len !== 13) return fail('PNG without IHDR first');
      size = { width: view.getUint32(i + 8), height: view.getUint32(i + 12) };
      first = false;
    }
    i += 12 + len;
    if (type === 'IEND') {
      if (i !== b.length) return fail('bytes after PNG IEND');
      if (!size?.width || !size.height) return fail('PNG without a size');
      return { ok: true, file: { type: 'image/png', ...size } };
    }
  }
  return fail('PNG without IEND');
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---- WebP ----------------------------------------------------------------------------------

function webp(b: Uint8Array): SniffResult {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 20 || view.getUint32(4, true) + 8 !== b.length) return fail('WebP RIFF length is not the file length');
  let i = 12;
  let size: { width: number; height: number } | undefined;
  while (i < b.length) {
    if (i + 8 > b.length) return fail('WebP ends inside a chunk header');
    const type = ascii(b, i, 4);
    const len = view.getUint32(i + 4, true);
    const end = i + 8 + len + (len & 1);
    if (end > b.length) return fail('WebP chunk outside the file');
    const d = i + 8;
    if (!size) {
      if (type === 'VP8X' && len >= 10) size = { width: 1 + (b[d + 4]! | (b[d + 5]! << 8) | (b[d + 6]! << 16)), height: 1 + (b[d + 7]! | (b[d + 8]! << 8) | (b[d + 9]! << 16)) };
      else if (type === 'VP8 ' && len >= 10) {
        if (b[d + 3] !== 0x9d || b[d + 4] !== 0x01 || b[d + 5] !== 0x2a) return fail('WebP VP8 without its start code');
        size = { width: view.getUint16(d + 6, true) & 0x3fff, height: view.getUint16(d + 8, true) & 0x3fff };
      } else if (type === 'VP8L' && len >= 5) {
        if (b[d] !== 0x2f) return fail('WebP VP8L without its signature');
        const bits = view.getUint32(d + 1, true);
        size = { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
      } else return fail('WebP without an image chunk first');
    }
    i = end;
  }
  if (!size?.width || !size.height) return fail('WebP without a size');
  return { ok: true, file: { type: 'image/webp', ...size } };
}

// ---- PDF -----------------------------------------------------------------------------------

function pdf(b: Uint8Array): SniffResult {
  if (!/^%PDF-(1\.[0-7]|2\.0)\s/.test(ascii(b, 0, 9))) return fail('PDF header');
  const tail = latin1(b.subarray(Math.max(0, b.length - 1024)));
  if (!/%%EOF\s*$/.test(tail)) return fail('PDF without %%EOF at the end');
  // names outside the (compressed, binary) streams, where a random /JS would be noise
  const text = latin1(b).replace(/stream\r?\n[\s\S]*?endstream/g, '');
  if (/\/(JavaScript|JS|Launch)[^A-Za-z0-9]/.test(text)) return fail('PDF with a script or launch action');
  return { ok: true, file: { type: 'application/pdf' } };
}

// ---- helpers -------------------------------------------------------------------------------

/** The patterns a sniffing browser takes for HTML or XML/SVG, anywhere in the first 1 KB. */
const MARKUP = /<(!doctype|html|head|body|script|iframe|svg|object|embed|meta|title|img|style|table|div|!--)[\s>/]/i;
function looksLikeMarkup(head: Uint8Array): boolean {
  return MARKUP.test(latin1(head));
}

function startsWith(b: Uint8Array, sig: number[]): boolean {
  return sig.every((x, i) => b[i] === x);
}

function ascii(b: Uint8Array, at: number, len: number): string {
  return latin1(b.subarray(at, at + len));
}

/** One character per byte (for finding ASCII markers; offsets stay byte offsets). No Buffer: the
 * same check runs in a browser test on the demo's document. */
const LATIN1 = new TextDecoder('latin1');
function latin1(b: Uint8Array): string {
  return LATIN1.decode(b);
}
