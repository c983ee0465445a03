/**
 * Thumbnails (issue #18 point 3): an image may carry a small copy its sender's browser made. Its
 * bytes are a second blob (files beside SQLite, `attachment_blobs` on PostgreSQL) under its own
 * id; the attachment's row keeps that id, the type, the pixels and the SHA-256 (a repeated upload
 * is the same thumbnail when it matches). No thumbnail: all four are null.
 */
import type { Kysely } from 'kysely';

const COLUMNS = [['thumb_id', 'text'], ['thumb_type', 'text'], ['thumb_width', 'integer'], ['thumb_height', 'integer'], ['thumb_sha256', 'text']] as const;

export const thumbnails = {
  async up(db: Kysely<unknown>): Promise<void> {
    // one column a statement: SQLite's ALTER TABLE adds one at a time
    for (const [name, type] of COLUMNS) await db.schema.alterTable('attachments').addColumn(name, type).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const [name] of [...COLUMNS].reverse()) await db.schema.alterTable('attachments').dropColumn(name).execute();
  },
};
