/**
 * The files of an outbox entry at rest (issue #18), sealed like its text (AES-GCM under the same
 * key) but each on its own, bound to its partition, its entry and its place in it, so a file
 * cannot be moved to another patient, entry or place and still open. Their names and types go
 * into the entry's sealed text (`FileMeta`). Loaded only for an entry that has files.
 */
import type { OutboxFile } from '../core/outbox/types.js';
import { ALGO, aad } from './outbox-crypto.js';

/** What is sealed with the text: each file's description (its bytes are sealed apart). */
export type FileMeta = Omit<OutboxFile, 'bytes'>;
export interface SealedBytes { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }

/** A file's place in its entry, bound into its seal. */
const fileAad = (partition: string, clientId: string, i: number) => aad(partition, `${clientId}\u0000file\u0000${i}`);

export async function sealFiles(key: CryptoKey, files: readonly OutboxFile[], partition: string, clientId: string): Promise<{ metas: FileMeta[]; sealed: SealedBytes[] }> {
  const metas = files.map(({ bytes: _bytes, ...meta }) => meta);
  const sealed = await Promise.all(files.map(async (f, i) => {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt({ name: ALGO, iv, additionalData: fileAad(partition, clientId, i) }, key, f.bytes as Uint8Array<ArrayBuffer>);
    return { iv, data };
  }));
  return { metas, sealed };
}

/** The files back; throws when one is missing or does not open (the entry is then unreadable). */
export async function openFiles(key: CryptoKey, metas: readonly FileMeta[], sealed: readonly SealedBytes[], partition: string, clientId: string): Promise<OutboxFile[]> {
  if (sealed.length !== metas.length) throw new Error('outbox entry without all its files');
  return Promise.all(metas.map(async (meta, i) => ({
    ...meta,
    bytes: new Uint8Array(await crypto.subtle.decrypt({ name: ALGO, iv: sealed[i]!.iv, additionalData: fileAad(partition, clientId, i) }, key, sealed[i]!.data)),
  })));
}
