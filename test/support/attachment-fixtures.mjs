// The attachment test files (test/fixtures/attachments/) and byte helpers, shared by the server's
// attachment and thumbnail tests.
import { readFileSync } from 'node:fs';

export const fx = (name) => new Uint8Array(readFileSync(new URL(`../fixtures/attachments/${name}`, import.meta.url)));
export const JPEG = fx('tiny.jpg'); // 16 × 12
export const PNG = fx('tiny.png');
export const WEBP = fx('tiny.webp');
export const PDF = fx('tiny.pdf');
/** Bytes and latin1 strings, end to end. */
export const cat = (...parts) => new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));
/** A JPEG with a comment segment (COM, FF FE) right after SOI: other bytes, the same picture. */
export const withComment = (jpeg, text) => {
  const body = Buffer.from(text, 'latin1');
  const len = body.length + 2;
  return cat(jpeg.subarray(0, 2), new Uint8Array([0xff, 0xfe, len >> 8, len & 0xff]), body, jpeg.subarray(2));
};
