/**
 * Where attachment bytes live, apart from the rows that describe them. An engine hands one to
 * KyselyStore through its hooks:
 *
 * - `DiskBlobs` (SQLite): one file per attachment in a folder beside the database
 *   (`<file>.attachments/`, 0700; files 0600), written to a temporary name and renamed, so a
 *   crash leaves no half file under a real name. `:memory:` databases get a temporary folder,
 *   removed on close.
 * - `TableBlobs` (PostgreSQL): the `attachment_blobs` table (bytea), in the same transaction as
 *   the row, so another process sees both or neither.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface BlobStore {
  put(db: Db, id: string, bytes: Uint8Array): Promise<void>;
  get(db: Db, id: string): Promise<Uint8Array | undefined>;
  delete(db: Db, id: string): Promise<void>;
  close(): Promise<void>;
}

/** Ids are the server's own (`att-<uuid>`); anything else never reaches the file system. */
const SAFE_ID = /^[A-Za-z0-9-]{1,100}$/;
function checked(id: string): string {
  if (!SAFE_ID.test(id)) throw new Error('blob id is not safe as a file name');
  return id;
}

export class DiskBlobs implements BlobStore {
  private constructor(readonly dir: string, private readonly temporary: boolean) {}

  /** The folder beside a SQLite file, or a temporary one for `:memory:`. */
  static forDatabase(file: string): DiskBlobs {
    if (file === ':memory:' || file.startsWith('file:') || file === '') {
      return new DiskBlobs(mkdtempSync(join(tmpdir(), 'vard-attachments-')), true);
    }
    const dir = `${file}.attachments`;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return new DiskBlobs(dir, false);
  }

  async put(_db: Db, id: string, bytes: Uint8Array): Promise<void> {
    const path = join(this.dir, checked(id));
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, path);
  }

  async get(_db: Db, id: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(join(this.dir, checked(id))));
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async delete(_db: Db, id: string): Promise<void> {
    await rm(join(this.dir, checked(id)), { force: true });
  }

  async close(): Promise<void> {
    if (this.temporary) rmSync(this.dir, { recursive: true, force: true });
  }
}

export class TableBlobs implements BlobStore {
  async put(db: Db, id: string, bytes: Uint8Array): Promise<void> {
    await db.insertInto('attachment_blobs').values({ id: checked(id), bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }).execute();
  }

  async get(db: Db, id: string): Promise<Uint8Array | undefined> {
    const r = await db.selectFrom('attachment_blobs').select('bytes').where('id', '=', id).executeTakeFirst();
    return r ? new Uint8Array(r.bytes) : undefined;
  }

  async delete(db: Db, id: string): Promise<void> {
    await db.deleteFrom('attachment_blobs').where('id', '=', id).execute();
  }

  async close(): Promise<void> {}
}
