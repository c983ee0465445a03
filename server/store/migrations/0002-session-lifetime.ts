/**
 * Session lifetime (issue #14): sessions keep when they were last used (the sliding idle timeout)
 * and, for staff, every queue of the clinician (from the staff IdP's claims). Session ids are
 * stored hashed from now on, so the rows of before (plain ids) are dropped: everyone logs in again.
 */
import type { Kysely } from 'kysely';

export const sessionLifetime = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.deleteFrom('sessions' as never).execute();
    await db.schema.alterTable('sessions').addColumn('last_seen', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('sessions').addColumn('queues', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('sessions').dropColumn('queues').execute();
    await db.schema.alterTable('sessions').dropColumn('last_seen').execute();
  },
};
