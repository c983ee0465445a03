/** Notifications (server/notify/): channels with their one-time codes, claimed events, dispatches, deliveries, stream presence. */
import type { Kysely, Migration } from 'kysely';

export const notify: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createTable('notify_channels')
      .addColumn('patient', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('confirmed_at', 'text')
      .addColumn('code_hash', 'text')
      .addColumn('code_expires_at', 'bigint')
      .addColumn('code_tries', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('notify_channels_pk', ['patient', 'channel'])
      .execute();
    await db.schema.createTable('notify_events')
      .addColumn('event_id', 'bigint', (c) => c.primaryKey())
      .addColumn('patient', 'text', (c) => c.notNull())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('dispatch_id', 'text')
      .execute();
    await db.schema.createIndex('notify_events_patient').on('notify_events').columns(['patient', 'dispatch_id']).execute();
    await db.schema.createIndex('notify_events_conversation').on('notify_events').columns(['conversation_id']).execute();
    await db.schema.createTable('notify_due')
      .addColumn('patient', 'text', (c) => c.primaryKey())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createTable('notify_deliveries')
      .addColumn('dispatch_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('patient', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .addColumn('error', 'text')
      .addPrimaryKeyConstraint('notify_deliveries_pk', ['dispatch_id', 'channel'])
      .execute();
    await db.schema.createIndex('notify_deliveries_due').on('notify_deliveries').columns(['status', 'next_at']).execute();
    await db.schema.createTable('notify_presence')
      .addColumn('process_id', 'text', (c) => c.notNull())
      .addColumn('patient', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('notify_presence_pk', ['process_id', 'patient'])
      .execute();
    await db.schema.createIndex('notify_presence_patient').on('notify_presence').columns(['patient', 'seen_at']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const t of ['notify_presence', 'notify_deliveries', 'notify_due', 'notify_events', 'notify_channels']) await db.schema.dropTable(t).execute();
  },
};
