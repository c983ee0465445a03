/**
 * The notification tables (server/notify/), on Kysely for every engine: KyselyStore delegates its
 * notify* methods here. Claims are single statements (insert … on conflict do nothing; delete …
 * returning; update … where the row is still as read) so two processes never take the same
 * event, due patient or delivery.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, NotifyChannelsTable, NotifyDeliveriesTable, NotifyEventsTable } from './schema.js';
import type {
  NotifyChannelName, NotifyChannelPatch, NotifyChannelRecord, NotifyDeliveryPatch, NotifyDeliveryRecord, NotifyDeliveryStatus, NotifyEventRecord,
} from './store.js';

type Db = Kysely<Database> | Transaction<Database>;
const num = (v: number | string | bigint): number => Number(v);
const numOrNull = (v: number | string | null): number | null => (v === null ? null : Number(v));

export async function upsertNotifyChannel(db: Db, r: NotifyChannelRecord): Promise<void> {
  const row = {
    patient: r.patient, channel: r.channel, address: r.address, confirmed_at: r.confirmedAt, code_hash: r.codeHash,
    code_expires_at: r.codeExpiresAt, code_tries: r.codeTries, updated_at: r.updatedAt,
  };
  await db.insertInto('notify_channels').values(row).onConflict((oc) => oc.columns(['patient', 'channel']).doUpdateSet({
    address: row.address, confirmed_at: row.confirmed_at, code_hash: row.code_hash, code_expires_at: row.code_expires_at, code_tries: row.code_tries, updated_at: row.updated_at,
  })).execute();
}

export async function findNotifyChannel(db: Db, patient: string, channel: NotifyChannelName): Promise<NotifyChannelRecord | undefined> {
  const r = await db.selectFrom('notify_channels').selectAll().where('patient', '=', patient).where('channel', '=', channel).executeTakeFirst();
  return r && channelOf(r);
}

export async function listNotifyChannels(db: Db, patient: string): Promise<NotifyChannelRecord[]> {
  const rows = await db.selectFrom('notify_channels').selectAll().where('patient', '=', patient).orderBy('channel').execute();
  return rows.map(channelOf);
}

export async function updateNotifyChannel(db: Db, patient: string, channel: NotifyChannelName, patch: NotifyChannelPatch): Promise<NotifyChannelRecord | undefined> {
  const set: Partial<NotifyChannelsTable> = { updated_at: patch.updatedAt };
  if (patch.confirmedAt !== undefined) set.confirmed_at = patch.confirmedAt;
  if (patch.codeHash !== undefined) set.code_hash = patch.codeHash;
  if (patch.codeExpiresAt !== undefined) set.code_expires_at = patch.codeExpiresAt;
  if (patch.codeTries !== undefined) set.code_tries = patch.codeTries;
  const r = await db.updateTable('notify_channels').set(set).where('patient', '=', patient).where('channel', '=', channel).returningAll().executeTakeFirst();
  return r && channelOf(r);
}

export async function addNotifyCodeTry(db: Db, patient: string, channel: NotifyChannelName): Promise<number> {
  const r = await db.updateTable('notify_channels').set((eb) => ({ code_tries: eb('code_tries', '+', 1) }))
    .where('patient', '=', patient).where('channel', '=', channel).returning('code_tries').executeTakeFirst();
  return r ? num(r.code_tries) : 0;
}

export async function deleteNotifyChannel(db: Db, patient: string, channel: NotifyChannelName): Promise<boolean> {
  const r = await db.deleteFrom('notify_channels').where('patient', '=', patient).where('channel', '=', channel).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function claimNotifyEvent(db: Db, e: Omit<NotifyEventRecord, 'dispatchId'>): Promise<boolean> {
  const r = await db.insertInto('notify_events').values({ event_id: e.eventId, patient: e.patient, conversation_id: e.conversationId, message_id: e.messageId, at: e.at, dispatch_id: null })
    .onConflict((oc) => oc.column('event_id').doNothing()).returning('event_id').executeTakeFirst();
  return r !== undefined;
}

export async function scheduleNotify(db: Db, patient: string, dueAt: number): Promise<void> {
  await db.insertInto('notify_due').values({ patient, due_at: dueAt }).onConflict((oc) => oc.column('patient').doNothing()).execute();
}

export async function takeDueNotify(db: Db, now: number, limit: number): Promise<{ patient: string; dueAt: number }[]> {
  const rows = await db.deleteFrom('notify_due')
    .where('patient', 'in', (eb) => eb.selectFrom('notify_due').select('patient').where('due_at', '<=', now).orderBy('due_at').limit(limit))
    .where('due_at', '<=', now)
    .returningAll().execute();
  return rows.map((r) => ({ patient: r.patient, dueAt: num(r.due_at) }));
}

export async function dispatchNotifyEvents(db: Db, patient: string, dispatchId: string, upTo: number): Promise<NotifyEventRecord[]> {
  const rows = await db.updateTable('notify_events').set({ dispatch_id: dispatchId })
    .where('patient', '=', patient).where('dispatch_id', 'is', null).where('at', '<=', upTo).returningAll().execute();
  return rows.map(eventOf).sort((a, b) => a.eventId - b.eventId);
}

export async function insertNotifyDelivery(db: Db, d: NotifyDeliveryRecord): Promise<void> {
  await db.insertInto('notify_deliveries').values({
    dispatch_id: d.dispatchId, channel: d.channel, patient: d.patient, status: d.status, attempts: d.attempts, next_at: d.nextAt, sent_at: d.sentAt, error: d.error,
  }).onConflict((oc) => oc.columns(['dispatch_id', 'channel']).doNothing()).execute();
}

export async function leaseNotifyDeliveries(db: Db, now: number, leaseUntil: number, limit: number): Promise<NotifyDeliveryRecord[]> {
  const due = await db.selectFrom('notify_deliveries').selectAll().where('status', '=', 'pending').where('next_at', '<=', now).orderBy('next_at').limit(limit).execute();
  const out: NotifyDeliveryRecord[] = [];
  for (const d of due) {
    // taken only if no one else moved it since it was read
    const r = await db.updateTable('notify_deliveries').set({ next_at: leaseUntil })
      .where('dispatch_id', '=', d.dispatch_id).where('channel', '=', d.channel).where('status', '=', 'pending').where('next_at', '=', d.next_at)
      .returningAll().executeTakeFirst();
    if (r) out.push(deliveryOf(r));
  }
  return out;
}

export async function updateNotifyDelivery(db: Db, dispatchId: string, channel: NotifyChannelName, patch: NotifyDeliveryPatch): Promise<void> {
  const set: Partial<NotifyDeliveriesTable> = {};
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.attempts !== undefined) set.attempts = patch.attempts;
  if (patch.nextAt !== undefined) set.next_at = patch.nextAt;
  if (patch.sentAt !== undefined) set.sent_at = patch.sentAt;
  if (patch.error !== undefined) set.error = patch.error;
  if (!Object.keys(set).length) return;
  await db.updateTable('notify_deliveries').set(set).where('dispatch_id', '=', dispatchId).where('channel', '=', channel).execute();
}

export async function listNotifyDeliveries(db: Db, patient: string): Promise<NotifyDeliveryRecord[]> {
  const rows = await db.selectFrom('notify_deliveries').selectAll().where('patient', '=', patient).orderBy('next_at').orderBy('channel').execute();
  return rows.map(deliveryOf);
}

export async function listNotifiedFor(db: Db, conversationId: string): Promise<{ at: string; channel: NotifyChannelName }[]> {
  const rows = await db.selectFrom('notify_deliveries as d')
    .where('d.status', '=', 'sent').where('d.sent_at', 'is not', null)
    .where('d.dispatch_id', 'in', (eb) => eb.selectFrom('notify_events').select('dispatch_id').where('conversation_id', '=', conversationId).where('dispatch_id', 'is not', null).$narrowType<{ dispatch_id: string }>())
    .select(['d.sent_at', 'd.channel']).orderBy('d.sent_at').orderBy('d.channel').execute();
  return rows.map((r) => ({ at: r.sent_at as string, channel: r.channel as NotifyChannelName }));
}

export async function setNotifyPresence(db: Db, processId: string, patients: readonly string[], at: number): Promise<void> {
  await db.deleteFrom('notify_presence').where('process_id', '=', processId).execute();
  for (let i = 0; i < patients.length; i += 500) {
    const rows = patients.slice(i, i + 500).map((patient) => ({ process_id: processId, patient, seen_at: at }));
    await db.insertInto('notify_presence').values(rows).onConflict((oc) => oc.columns(['process_id', 'patient']).doUpdateSet({ seen_at: at })).execute();
  }
}

export async function notifyPresentElsewhere(db: Db, patient: string, processId: string, since: number): Promise<boolean> {
  const r = await db.selectFrom('notify_presence').select('patient').where('patient', '=', patient).where('process_id', '!=', processId).where('seen_at', '>=', since).limit(1).executeTakeFirst();
  return r !== undefined;
}

function channelOf(r: Selectable<NotifyChannelsTable>): NotifyChannelRecord {
  return {
    patient: r.patient, channel: r.channel as NotifyChannelName, address: r.address, confirmedAt: r.confirmed_at, codeHash: r.code_hash,
    codeExpiresAt: numOrNull(r.code_expires_at), codeTries: num(r.code_tries), updatedAt: r.updated_at,
  };
}

function eventOf(r: Selectable<NotifyEventsTable>): NotifyEventRecord {
  return { eventId: num(r.event_id), patient: r.patient, conversationId: r.conversation_id, messageId: r.message_id, at: num(r.at), dispatchId: r.dispatch_id };
}

function deliveryOf(r: Selectable<NotifyDeliveriesTable>): NotifyDeliveryRecord {
  return {
    dispatchId: r.dispatch_id, channel: r.channel as NotifyChannelName, patient: r.patient, status: r.status as NotifyDeliveryStatus,
    attempts: num(r.attempts), nextAt: num(r.next_at), sentAt: r.sent_at, error: r.error,
  };
}
