/**
 * Encryption at rest for the outbox (WebCrypto AES-GCM, 256-bit, 96-bit random IV per record).
 * The additional data binds each ciphertext to its partition and clientId, so a record cannot
 * be moved to another patient or entry and still open.
 */
export const ALGO = 'AES-GCM';

/**
 * The partition key stored instead of the subject, hex. With the backend's storage key it is an
 * HMAC-SHA-256 of the subject under that key (nobody without the key can tell which patient a
 * partition belongs to, even knowing the subject); without one a SHA-256 of the subject.
 */
export async function partitionOf(subject: string, storageKey?: string): Promise<string> {
  const data = new TextEncoder().encode(`vard-chat-outbox\u0000${subject}`);
  let digest: ArrayBuffer;
  if (storageKey) {
    const key = await crypto.subtle.importKey('raw', rawKey(storageKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    digest = await crypto.subtle.sign('HMAC', key, data);
  } else {
    digest = await crypto.subtle.digest('SHA-256', data);
  }
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function rawKey(base64: string): Uint8Array<ArrayBuffer> {
  const raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  if (raw.length !== 32) throw new Error('storageKey must be 32 bytes');
  return raw;
}

/** Imports the session's storage key (base64 of 32 raw bytes) as a non-extractable key. */
export async function importStorageKey(base64: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', rawKey(base64), ALGO, false, ['encrypt', 'decrypt']);
}

/** A fresh browser-local key; non-extractable, so script can use it but never read it out. */
export function generateLocalKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: ALGO, length: 256 }, false, ['encrypt', 'decrypt']) as Promise<CryptoKey>;
}

export const aad = (partition: string, clientId: string) => new TextEncoder().encode(`${partition}\u0000${clientId}`);

export async function seal(key: CryptoKey, plain: string, partition: string, clientId: string): Promise<{ iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: ALGO, iv, additionalData: aad(partition, clientId) }, key, new TextEncoder().encode(plain));
  return { iv, data };
}

export async function unseal(key: CryptoKey, iv: Uint8Array<ArrayBuffer>, data: ArrayBuffer, partition: string, clientId: string): Promise<string> {
  const plain = await crypto.subtle.decrypt({ name: ALGO, iv, additionalData: aad(partition, clientId) }, key, data);
  return new TextDecoder().decode(plain);
}
