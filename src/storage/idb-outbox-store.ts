/**
 * The outbox's durable store: IndexedDB via `idb`, one partition per patient (SHA-256 of the
 * session's subject), the text encrypted with AES-GCM. Writes that make a message durable use
 * `durability: 'strict'`; acknowledgement deletes use 'relaxed' (a lost delete only causes a
 * resend of the same clientId, which the backend de-duplicates).
 *
 * Stored: the partition hash, clientId, conversation id, times, order, state and failure code,
 * and the ciphertext. Never the subject, a name, a token or an HTTP header.
 *
 * The database is created on the first write only; reading a patient's queue when there is no
 * database creates nothing.
 */
import type { OutboxEntry, OutboxStore } from '../core/outbox/types.js';
import { OUTBOX_DB, OUTBOX_SCHEMA_VERSION, openOutboxDb, outboxDbExists, type OutboxDb, type OutboxRecord } from './outbox-db.js';
import { generateLocalKey, importStorageKey, partitionOf, seal, unseal } from './outbox-crypto.js';
import type { FileMeta } from './outbox-files.js';

/** A message's files (issue #18) are sealed and opened by a module loaded only for an entry that has some. */
const filesModule = () => import('./outbox-files.js');

export interface IdbOutboxStoreOptions {
  subject: string;
  /** The session's storage key (base64, 32 bytes); without it a browser-local key is used. */
  storageKey?: string;
  /** @internal tests: open an older schema version. */
  version?: number;
  /** @internal tests and bench. */
  dbName?: string;
}

export class IdbOutboxStore implements OutboxStore {
  /** How many stored entries could not be decrypted (key changed); they are kept, not shown. */
  unreadable = 0;
  private dbp: Promise<OutboxDb> | undefined;
  private lost = false;
  private localKey: Promise<CryptoKey> | undefined;

  private constructor(
    readonly subject: string,
    readonly partition: string,
    private readonly sessionKey: CryptoKey | undefined,
    private readonly version: number,
    private readonly dbName: string,
  ) {}

  static async open(opts: IdbOutboxStoreOptions): Promise<IdbOutboxStore> {
    if (typeof indexedDB === 'undefined') throw new DOMException('IndexedDB unavailable', 'UnknownError');
    const partition = await partitionOf(opts.subject, opts.storageKey);
    const key = opts.storageKey ? await importStorageKey(opts.storageKey) : undefined;
    return new IdbOutboxStore(opts.subject, partition, key, opts.version ?? OUTBOX_SCHEMA_VERSION, opts.dbName ?? OUTBOX_DB);
  }

  async put(entry: OutboxEntry): Promise<void> {
    this.own(entry.subject);
    const db = (await this.db(true))!;
    const keyId = this.sessionKey ? 'session' : 'local';
    const key = this.sessionKey ?? (await this.local(db));
    const files = entry.attachments?.length ? await (await filesModule()).sealFiles(key, entry.attachments, this.partition, entry.clientId) : undefined;
    // `files` (their names and types) only when there are some: JSON leaves out an undefined field
    const { iv, data } = await seal(key, JSON.stringify({ text: entry.text, files: files?.metas }), this.partition, entry.clientId);
    const record: OutboxRecord = {
      partition: this.partition, clientId: entry.clientId, conversationId: entry.conversationId,
      createdAt: entry.createdAt, touchedAt: entry.touchedAt, order: entry.order, state: entry.state, keyId, iv, data,
    };
    if (entry.error) record.error = entry.error;
    if (files) record.files = files.sealed;
    const tx = db.transaction('entries', 'readwrite', { durability: 'strict' });
    await Promise.all([tx.store.put(record), tx.done]);
  }

  async delete(subject: string, clientId: string): Promise<void> {
    if (subject !== this.subject) return;
    const db = await this.db(false);
    if (!db) return;
    const tx = db.transaction('entries', 'readwrite', { durability: 'relaxed' });
    await Promise.all([tx.store.delete([this.partition, clientId]), tx.done]);
  }

  async deleteMany(subject: string, clientIds: string[]): Promise<void> {
    if (subject !== this.subject || !clientIds.length) return;
    const db = await this.db(false);
    if (!db) return;
    const tx = db.transaction('entries', 'readwrite', { durability: 'relaxed' });
    await Promise.all([...clientIds.map((id) => tx.store.delete([this.partition, id])), tx.done]);
  }

  async list(subject: string): Promise<OutboxEntry[]> {
    if (subject !== this.subject) return []; // never another patient's
    const db = await this.db(false);
    if (!db) return [];
    const range = IDBKeyRange.bound([this.partition, -Infinity], [this.partition, Infinity]);
    const records = await db.getAllFromIndex('entries', 'by-order', range);
    const out: OutboxEntry[] = [];
    let unreadable = 0;
    for (const r of records) {
      try {
        const key = r.keyId === 'session' && this.sessionKey ? this.sessionKey : await this.local(db, false);
        const { text, files } = JSON.parse(await unseal(key, r.iv, r.data, this.partition, r.clientId)) as { text: string; files?: FileMeta[] };
        const e: OutboxEntry = {
          clientId: r.clientId, subject: this.subject, conversationId: r.conversationId, text,
          createdAt: r.createdAt, touchedAt: r.touchedAt, order: r.order, state: r.state,
        };
        if (r.error) e.error = r.error;
        if (files?.length) e.attachments = await (await filesModule()).openFiles(key, files, r.files ?? [], this.partition, r.clientId);
        out.push(e);
      } catch {
        unreadable++;
      }
    }
    this.unreadable = unreadable;
    return out;
  }

  async clear(subject: string): Promise<void> {
    if (subject !== this.subject) return;
    const db = await this.db(false);
    if (!db) return;
    const tx = db.transaction(['entries', 'keys'], 'readwrite', { durability: 'strict' });
    const range = IDBKeyRange.bound([this.partition, ''], [this.partition, '\uffff']);
    await Promise.all([tx.objectStore('entries').delete(range), tx.objectStore('keys').delete(this.partition), tx.done]);
    this.localKey = undefined;
  }

  close(): void {
    const p = this.dbp;
    this.dbp = undefined;
    void p?.then((db) => db.close(), () => undefined);
  }

  private own(subject: string): void {
    if (subject !== this.subject) throw new Error('outbox entry of another patient');
  }

  private async db(create: boolean): Promise<OutboxDb | undefined> {
    if (this.lost) throw new DOMException('the outbox database was upgraded or deleted by another tab', 'VersionChangeError');
    if (!this.dbp) {
      if (!create && !(await outboxDbExists(this.dbName))) return undefined;
      this.dbp ??= openOutboxDb(() => this.handleLost(), this.version, this.dbName);
    }
    return this.dbp;
  }

  private handleLost(): void {
    this.lost = true;
    this.close();
  }

  /** The partition's browser-local key: read, or created once (two tabs racing keep the first). */
  private local(db: OutboxDb, create = true): Promise<CryptoKey> {
    this.localKey ??= (async () => {
      const existing = await db.get('keys', this.partition);
      if (existing) return existing;
      if (!create) throw new Error('no local key');
      const fresh = await generateLocalKey();
      const tx = db.transaction('keys', 'readwrite', { durability: 'strict' });
      const raced = await tx.store.get(this.partition);
      if (!raced) await tx.store.put(fresh, this.partition);
      await tx.done;
      return raced ?? fresh;
    })().catch((err: unknown) => {
      this.localKey = undefined;
      throw err;
    });
    return this.localKey;
  }
}
