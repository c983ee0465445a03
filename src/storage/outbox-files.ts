/**
 * The files of an outbox entry at rest (issue #18), sealed like its text (AES-GCM under the same
 * key) but each on its own, bound to its partition, its entry and its place in it, so a file
 * cannot be moved to another patient, entry or place and still open. Their names and types go
 * into the entry's sealed text (`FileMeta`). Loaded only for an entry that has files.
 */
import type { OutboxFile } from '../core/outbox/types.js';
import { ALGO, aad } from './outbox-crypto.js';

/** What is sealed with the text: each file's description (its bytes are sealed apart). */
export type FileMeta = Omit<OutboxFile, 'bytes' | 'thumbnail'>;
/** A file's sealed bytes, and its thumbnail's (sealed apart, bound to the same place as a thumbnail). */
export interface SealedBytes { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer; thumbnail?: { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer } }

/** A file's (or its thumbnail's) place in its entry, bound into its seal. */
const fileAad = (partition: string, clientId: string, i: number, what = 'file') => aad(partition, `${clientId}\u0000${what}\u0000${i}`);

async function seal(key: CryptoKey, bytes: Uint8Array, additionalData: BufferSource): Promise<{ iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, data: await crypto.subtle.encrypt({ name: ALGO, iv, additionalData }, key, bytes as Uint8Array<ArrayBuffer>) };
}
const open = async (key: CryptoKey, s: { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }, additionalData: BufferSource): Promise<Uint8Array> =>
  new Uint8Array(await crypto.subtle.decrypt({ name: ALGO, iv: s.iv, additionalData }, key, s.data));

export async function sealFiles(key: CryptoKey, files: readonly OutboxFile[], partition: string, clientId: string): Promise<{ metas: FileMeta[]; sealed: SealedBytes[] }> {
  const metas = files.map(({ bytes: _bytes, thumbnail: _thumbnail, ...meta }) => meta);
  const sealed = await Promise.all(files.map(async (f, i): Promise<SealedBytes> => ({
    ...await seal(key, f.bytes, fileAad(partition, clientId, i)),
    ...(f.thumbnail ? { thumbnail: await seal(key, f.thumbnail, fileAad(partition, clientId, i, 'thumbnail')) } : {}),
  })));
  return { metas, sealed };
}

/** The files back; throws when one is missing or does not open (the entry is then unreadable). */
export async function openFiles(key: CryptoKey, metas: readonly FileMeta[], sealed: readonly SealedBytes[], partition: string, clientId: string): Promise<OutboxFile[]> {
  if (sealed.length !== metas.length) throw new Error('outbox entry without all its files');
  return Promise.all(metas.map(async (meta, i) => {
    const s = sealed[i]!;
    const file: OutboxFile = { ...meta, bytes: await open(key, s, fileAad(partition, clientId, i)) };
    if (s.thumbnail) file.thumbnail = await open(key, s.thumbnail, fileAad(partition, clientId, i, 'thumbnail'));
    return file;
  }));
}
