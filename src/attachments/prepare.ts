/**
 * A file the patient picked or pasted, made ready to queue (issue #18), in the browser before
 * anything is stored or sent:
 *
 * - the type must be on the allow-list (JPEG, PNG, WebP, PDF; never SVG or HTML), read from the
 *   bytes, not the name or the browser's guess;
 * - images are decoded (`createImageBitmap`) and drawn again (`OffscreenCanvas`, or a canvas)
 *   into a new JPEG: nothing of the original file but its pixels survives — no EXIF (GPS
 *   position, camera, time), no XMP, no comments, nothing appended — scaled to at most
 *   2,048 px on the long side, the EXIF orientation applied first (`imageOrientation`);
 * - a PDF is kept as it is, after checking it starts with `%PDF-` and ends with `%%EOF` (the
 *   server checks it whole again);
 * - size limits after re-encoding (10 MB);
 * - an image larger than 320 px also gets a thumbnail for the thread: a JPEG at most 320 px on
 *   the long side, drawn from the same decoded pixels (a canvas writes no EXIF either), so the
 *   server never decodes an image. A smaller image is its own thumbnail (none is made).
 *
 * A lazy chunk: loaded when the patient first attaches something. Nothing of the file is logged.
 */
import {
  MAX_ATTACHMENT_BYTES, MAX_IMAGE_EDGE, MAX_THUMBNAIL_BYTES, MAX_THUMBNAIL_EDGE, cleanAttachmentName, type AttachmentType,
} from '../protocol/attachments.js';
import type { OutboxFile } from '../core/outbox/types.js';

/** Why a file cannot be attached (the UI says it in the patient's language). */
export type PrepareProblem = 'attachment-type' | 'attachment-too-large' | 'attachment-empty' | 'attachment-unreadable';
export type Prepared = { ok: true; file: OutboxFile } | { ok: false; reason: PrepareProblem };

/** JPEG quality of re-encoded photos: small enough to send on a phone, clear enough to judge a rash. */
const QUALITY = 0.85;
/** A thumbnail's: a bubble in the thread (typically 10–25 kB at 320 px). */
const THUMBNAIL_QUALITY = 0.75;

/** The type from the first bytes; null when it is none we take. */
export function typeOfBytes(head: Uint8Array): AttachmentType | null {
  const b = head;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  const ascii = (at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));
  if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') return 'image/webp';
  if (ascii(0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

/** Checks and re-encodes one file; `name` is the file's own name (hostile text, cleaned here). */
export async function prepareAttachment(blob: Blob, name: string, opts: { alt?: string; maxBytes?: number } = {}): Promise<Prepared> {
  const maxBytes = opts.maxBytes ?? MAX_ATTACHMENT_BYTES;
  if (blob.size === 0) return { ok: false, reason: 'attachment-empty' };
  const type = typeOfBytes(new Uint8Array(await blob.slice(0, 16).arrayBuffer()));
  if (!type) return { ok: false, reason: 'attachment-type' };
  const clean = cleanAttachmentName(name, type === 'application/pdf' ? 'dokument.pdf' : 'bild.jpg');
  const alt = opts.alt?.trim() ? { alt: opts.alt.trim().slice(0, 500) } : {};
  if (type === 'application/pdf') {
    if (blob.size > maxBytes) return { ok: false, reason: 'attachment-too-large' };
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const tail = String.fromCharCode(...bytes.subarray(Math.max(0, bytes.length - 1024)));
    if (!/%%EOF\s*$/.test(tail)) return { ok: false, reason: 'attachment-unreadable' };
    return { ok: true, file: { name: clean, type, size: bytes.length, bytes, ...alt } };
  }
  // an image: decoded and drawn again; a file that does not decode is not an image
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    return { ok: false, reason: 'attachment-unreadable' };
  }
  try {
    const scale = Math.min(1, MAX_IMAGE_EDGE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const out = await encodeJpeg(bitmap, width, height);
    if (out.size > maxBytes) return { ok: false, reason: 'attachment-too-large' };
    const bytes = new Uint8Array(await out.arrayBuffer());
    const thumbnail = await makeThumbnail(bitmap);
    return { ok: true, file: { name: jpegName(clean), type: 'image/jpeg', size: bytes.length, width, height, bytes, ...alt, ...(thumbnail ? { thumbnail } : {}) } };
  } finally {
    bitmap.close();
  }
}

/** The thread's small copy, or undefined when the image is small already (or the copy would be over 64 KB). */
async function makeThumbnail(bitmap: ImageBitmap): Promise<Uint8Array | undefined> {
  const long = Math.max(bitmap.width, bitmap.height);
  if (long <= MAX_THUMBNAIL_EDGE) return undefined;
  const scale = MAX_THUMBNAIL_EDGE / long;
  const out = await encodeJpeg(bitmap, Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale)), THUMBNAIL_QUALITY);
  return out.size <= MAX_THUMBNAIL_BYTES ? new Uint8Array(await out.arrayBuffer()) : undefined;
}

async function encodeJpeg(bitmap: ImageBitmap, width: number, height: number, quality = QUALITY): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d context');
    draw(g, bitmap, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2d context');
  draw(g, bitmap, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode failed'))), 'image/jpeg', quality));
}

function draw(g: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D, bitmap: ImageBitmap, width: number, height: number): void {
  // white under transparent PNG/WebP pixels (JPEG has no alpha)
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  g.imageSmoothingQuality = 'high';
  g.drawImage(bitmap, 0, 0, width, height);
}

/** The name with a .jpg ending (the bytes are JPEG now). */
function jpegName(name: string): string {
  const base = name.replace(/\.(jpe?g|png|webp|heic|heif)$/i, '');
  return `${base || 'bild'}.jpg`.slice(-200);
}

/** Does a JPEG carry an EXIF block (APP1 "Exif")? Walks the marker segments before the scan. */
export function hasExif(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return false;
  let i = 2;
  while (i + 4 <= bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!;
    if (marker === 0xda || marker === 0xd9) return false;
    const len = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (marker === 0xe1 && String.fromCharCode(...bytes.subarray(i + 4, i + 8)) === 'Exif') return true;
    i += 2 + len;
  }
  return false;
}
