/**
 * Attachments and internal notes (issue #18): file records (the bytes apart: files beside the
 * SQLite database, `attachment_blobs` as bytea on PostgreSQL), the references a message carries,
 * and staff-only notes in a table of their own (never among the messages).
 */
import type { Kysely } from 'kysely';
import type { Engine } from './index.js';

export function attachments(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('messages').addColumn('attachments', 'text').execute();
      await db.schema.createTable('attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('uploader_role', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('width', 'integer')
        .addColumn('height', 'integer')
        .addColumn('alt', 'text')
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('attachments_key', ['conversation_id', 'client_id', 'idx'])
        .execute();
      if (engine === 'postgres') {
        await db.schema.createTable('attachment_blobs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('bytes', 'bytea', (c) => c.notNull())
          .execute();
      }
      await db.schema.createTable('notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('notes_conversation').on('notes').columns(['conversation_id', 'created_at']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('notes').execute();
      if (engine === 'postgres') await db.schema.dropTable('attachment_blobs').execute();
      await db.schema.dropTable('attachments').execute();
      await db.schema.alterTable('messages').dropColumn('attachments').execute();
    },
  };
}
