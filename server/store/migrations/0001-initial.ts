/** The first schema. Portable column types; the event id column is the one engine-specific part. */
import type { Kysely } from 'kysely';
import type { Engine } from './index.js';

export function initial(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('profession', 'text')
        .addColumn('queue', 'text')
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createTable('logins')
        .addColumn('state', 'text', (c) => c.primaryKey())
        .addColumn('verifier', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('return_url', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createTable('patients')
        .addColumn('subject', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('conversations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('patient', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('initiator', 'text', (c) => c.notNull())
        .addColumn('queue', 'text', (c) => c.notNull())
        .addColumn('assignee', 'text')
        .addColumn('subject', 'text')
        .addColumn('reason', 'text')
        .addColumn('expected_answer_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('ord', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('conversations_patient').on('conversations').columns(['patient', 'ord']).execute();
      await db.schema.createIndex('conversations_queue').on('conversations').columns(['queue', 'status', 'ord']).execute();
      await db.schema.createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('client_id', 'text')
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('author_role', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('payload', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .addUniqueConstraint('messages_client_id', ['conversation_id', 'client_id'])
        .addUniqueConstraint('messages_seq', ['conversation_id', 'seq'])
        .execute();
      await db.schema.createTable('triage')
        .addColumn('conversation_id', 'text', (c) => c.primaryKey())
        .addColumn('questionnaire', 'text', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('red_flags', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('actions')
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('action_id', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('response', 'text')
        .addColumn('answered_at', 'text')
        .addPrimaryKeyConstraint('actions_pk', ['conversation_id', 'action_id'])
        .execute();
      await db.schema.createTable('evaluations')
        .addColumn('conversation_id', 'text', (c) => c.primaryKey())
        .addColumn('questionnaire', 'text', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('queue', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('events')
        .addColumn('id', engine === 'postgres' ? 'bigserial' : 'integer', (c) => (engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('patient', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('conversation_id', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_patient').on('events').columns(['patient', 'id']).execute();
      await db.schema.createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of ['meta', 'events', 'evaluations', 'actions', 'triage', 'messages', 'conversations', 'patients', 'logins', 'sessions']) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}
