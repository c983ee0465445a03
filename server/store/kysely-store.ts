/**
 * The Store on Kysely, written once for every engine: only the query builder, RETURNING and
 * onConflict, JSON as TEXT parsed here. An engine supplies a `Kysely<Database>` and the few
 * things SQL does not say portably (`EngineHooks`): the newest event id, and how other processes
 * hear of new events. SQLite is in sqlite-store.ts; PostgreSQL builds on this class the same way.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ActionsTable, AttachmentsTable, ConversationsTable, Database, EvaluationsTable, EventsTable, MessagesTable, NotesTable, SessionsTable, TriageTable } from './schema.js';
import type { BlobStore } from './blobs.js';
import type {
  ActionRecord, AuthorRecord, ConversationMode, ConversationPatch, ConversationRecord, ConversationStatus, ConversationWithPatient,
  EvaluationRecord, EventRecord, Initiator, InsertMessageResult, LoginRecord, MessageRecord, NewConversation, NewEvent,
  NewMessage, PatientRecord, Reader, SessionKind, SessionRecord, Store, TriageRecord, Audience,
  AttachmentRecord, AttachmentRefRecord, InsertAttachmentResult, NoteRecord, ThumbnailRecord,
  NotifyChannelName, NotifyChannelPatch, NotifyChannelRecord, NotifyDeliveryPatch, NotifyDeliveryRecord, NotifyEventRecord,
} from './store.js';
import * as N from './notify-store.js';

export interface EngineHooks {
  engine: Store['engine'];
  /** The newest event id ever assigned (AUTOINCREMENT / sequence), 0 when none. */
  headEventId(db: Kysely<Database>): Promise<number>;
  /** Called after a commit that appended events (PostgreSQL: nothing, NOTIFY did it). */
  published?(): void;
  /** Where attachment bytes live (files beside SQLite, a bytea table on PostgreSQL). */
  blobs: BlobStore;
  close(): Promise<void>;
}

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));
const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
const num = (v: number | string | bigint): number => Number(v);
/** `seq` is an INTEGER column (int4 on PostgreSQL): a bound above its range means "all". */
const INT4_MAX = 2_147_483_647;
const seqBound = (n: number): number => Math.min(Math.max(Math.trunc(n), -INT4_MAX), INT4_MAX);

/** Shared between a root store and the transaction stores it hands out. */
export interface Shared {
  hooks: EngineHooks;
  listeners: Set<(lastId?: number) => void>;
}

export class KyselyStore implements Store {
  readonly engine: Store['engine'];
  /** Set while this store is bound to a transaction: events appended in it are announced at commit. */
  private appended = false;

  constructor(
    protected readonly db: Kysely<Database> | Transaction<Database>,
    protected readonly shared: Shared,
    protected readonly inTransaction = false,
  ) {
    this.engine = shared.hooks.engine;
  }

  static create(db: Kysely<Database>, hooks: EngineHooks): KyselyStore {
    return new KyselyStore(db, { hooks, listeners: new Set() });
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    let tx: KyselyStore | undefined;
    const result = await this.db.transaction().execute((trx) => fn((tx = this.fork(trx))));
    if (tx?.appended) this.announce();
    return result;
  }

  /** The store bound to a transaction; an engine that overrides methods returns its own class here. */
  protected fork(trx: Transaction<Database>): KyselyStore {
    return new KyselyStore(trx, this.shared, true);
  }

  private announce(): void {
    this.shared.hooks.published?.();
    for (const l of [...this.shared.listeners]) l();
  }

  // ---- sessions and logins -------------------------------------------------------------

  async insertSession(s: SessionRecord): Promise<void> {
    await this.db.insertInto('sessions').values({
      id: s.id, kind: s.kind, subject: s.subject, name: s.name, profession: s.profession, queue: s.queue, expires_at: s.expiresAt,
      last_seen: s.lastSeenAt ?? 0, queues: json(s.queues ?? null),
    }).execute();
  }

  async findSession(id: string, kind: SessionKind, now: number, idleSince?: number): Promise<SessionRecord | undefined> {
    let q = this.db.selectFrom('sessions').selectAll().where('id', '=', id).where('kind', '=', kind).where('expires_at', '>', now);
    if (idleSince !== undefined) q = q.where('last_seen', '>', idleSince);
    const r = await q.executeTakeFirst();
    return r && sessionOf(r);
  }

  async touchSession(id: string, at: number): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen: at }).where('id', '=', id).execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async insertLogin(l: LoginRecord): Promise<void> {
    await this.db.insertInto('logins').values({ state: l.state, verifier: l.verifier, nonce: l.nonce, return_url: l.returnUrl, method: l.method, expires_at: l.expiresAt }).execute();
  }

  async takeLogin(state: string, now: number): Promise<LoginRecord | undefined> {
    const r = await this.db.deleteFrom('logins').where('state', '=', state).returningAll().executeTakeFirst();
    if (!r || num(r.expires_at) <= now) return undefined;
    return { state: r.state, verifier: r.verifier, nonce: r.nonce, returnUrl: r.return_url, method: r.method, expiresAt: num(r.expires_at) };
  }

  async purgeExpired(now: number, idleSince?: number): Promise<number> {
    const a = await this.db.deleteFrom('sessions')
      .where((eb) => (idleSince === undefined ? eb('expires_at', '<=', now) : eb.or([eb('expires_at', '<=', now), eb('last_seen', '<=', idleSince)])))
      .executeTakeFirst();
    const b = await this.db.deleteFrom('logins').where('expires_at', '<=', now).executeTakeFirst();
    return Number(a.numDeletedRows) + Number(b.numDeletedRows);
  }

  // ---- patients --------------------------------------------------------------------------

  async upsertPatient(p: PatientRecord): Promise<void> {
    await this.db.insertInto('patients').values(p).onConflict((oc) => oc.column('subject').doUpdateSet({ name: p.name })).execute();
  }

  async findPatient(subject: string): Promise<PatientRecord | undefined> {
    return this.db.selectFrom('patients').selectAll().where('subject', '=', subject).executeTakeFirst();
  }

  async listPatients(): Promise<PatientRecord[]> {
    return this.db.selectFrom('patients').selectAll().orderBy('name').orderBy('subject').execute();
  }

  // ---- conversations ---------------------------------------------------------------------

  async insertConversation(c: NewConversation): Promise<ConversationRecord> {
    const r = await this.db.insertInto('conversations').values({
      id: c.id, patient: c.patient, mode: c.mode, status: c.status, initiator: c.initiator, queue: c.queue,
      assignee: json(c.assignee), subject: c.subject, reason: c.reason, expected_answer_by: c.expectedAnswerBy,
      created_at: c.createdAt, updated_at: c.updatedAt,
      ord: (eb) => eb.selectFrom('conversations').select(sql<number>`coalesce(max(ord), 0) + 1`.as('n')),
    }).returningAll().executeTakeFirstOrThrow();
    return conversationOf(r);
  }

  async findConversation(id: string): Promise<ConversationRecord | undefined> {
    const r = await this.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
    return r && conversationOf(r);
  }

  async updateConversation(id: string, patch: ConversationPatch): Promise<ConversationRecord | undefined> {
    const set: Partial<ConversationsTable> = { updated_at: patch.updatedAt };
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.queue !== undefined) set.queue = patch.queue;
    if (patch.assignee !== undefined) set.assignee = json(patch.assignee);
    const r = await this.db.updateTable('conversations').set(set).where('id', '=', id).returningAll().executeTakeFirst();
    return r && conversationOf(r);
  }

  async listConversationsOfPatient(patient: string): Promise<ConversationRecord[]> {
    const rows = await this.db.selectFrom('conversations').selectAll().where('patient', '=', patient).orderBy('ord').execute();
    return rows.map(conversationOf);
  }

  async listConversations(): Promise<ConversationWithPatient[]> {
    const rows = await this.db.selectFrom('conversations as c').leftJoin('patients as p', 'p.subject', 'c.patient')
      .selectAll('c').select('p.name as patient_name').orderBy('c.ord').execute();
    return rows.map((r) => ({ ...conversationOf(r), patientName: r.patient_name }));
  }

  async countQueuedAhead(queue: string, ord: number): Promise<number> {
    const r = await this.db.selectFrom('conversations').select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('status', '=', 'queued').where('queue', '=', queue).where('ord', '<', ord).executeTakeFirstOrThrow();
    return num(r.n);
  }

  async listQueuedBehind(queue: string, ord: number): Promise<ConversationRecord[]> {
    const rows = await this.db.selectFrom('conversations').selectAll().where('status', '=', 'queued').where('queue', '=', queue).where('ord', '>', ord).orderBy('ord').execute();
    return rows.map(conversationOf);
  }

  async nextInQueue(queue: string): Promise<ConversationRecord | undefined> {
    const queued = await this.db.selectFrom('conversations').selectAll().where('status', '=', 'queued').where('queue', '=', queue).orderBy('ord').limit(1).executeTakeFirst();
    const r = queued ?? await this.db.selectFrom('conversations').selectAll().where('status', '=', 'waiting-for-clinic').where('queue', '=', queue)
      .where('assignee', 'is', null).orderBy('ord').limit(1).executeTakeFirst();
    return r && conversationOf(r);
  }

  async listOpenAssignedTo(name: string): Promise<ConversationRecord[]> {
    const rows = await this.db.selectFrom('conversations').selectAll().where('status', '!=', 'closed').where('assignee', 'is not', null).orderBy('ord').execute();
    return rows.map(conversationOf).filter((c) => c.assignee?.name === name);
  }

  // ---- messages --------------------------------------------------------------------------

  async insertMessage(m: NewMessage): Promise<InsertMessageResult> {
    if (m.clientId !== null) {
      const existing = await this.findMessageByClientId(m.conversationId, m.clientId);
      if (existing) return { created: false, message: existing };
    }
    const r = await this.db.insertInto('messages').values({
      id: m.id, conversation_id: m.conversationId, client_id: m.clientId, author: JSON.stringify(m.author), author_role: m.author.role,
      kind: m.kind, text: m.text, payload: json(m.payload), created_at: m.createdAt, read_at: null, attachments: json(m.attachments?.length ? m.attachments : null),
      seq: (eb) => eb.selectFrom('messages').select(sql<number>`coalesce(max(seq), 0) + 1`.as('n')).where('conversation_id', '=', m.conversationId),
    }).onConflict((oc) => oc.columns(['conversation_id', 'client_id']).doNothing()).returningAll().executeTakeFirst();
    if (r) return { created: true, message: messageOf(r) };
    // another writer stored this clientId between the look-up and the insert
    const existing = m.clientId === null ? undefined : await this.findMessageByClientId(m.conversationId, m.clientId);
    if (!existing) throw new Error('insertMessage: conflict without a row');
    return { created: false, message: existing };
  }

  async findMessage(conversationId: string, id: string): Promise<MessageRecord | undefined> {
    const r = await this.db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).where('id', '=', id).executeTakeFirst();
    return r && messageOf(r);
  }

  async findMessageByClientId(conversationId: string, clientId: string): Promise<MessageRecord | undefined> {
    const r = await this.db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).where('client_id', '=', clientId).executeTakeFirst();
    return r && messageOf(r);
  }

  async listMessagesBefore(conversationId: string, before: number | undefined, limit: number): Promise<MessageRecord[]> {
    let q = this.db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
    if (before !== undefined) q = q.where('seq', '<', seqBound(before));
    const rows = await q.orderBy('seq', 'desc').limit(limit).execute();
    return rows.map(messageOf);
  }

  async listMessages(conversationId: string): Promise<MessageRecord[]> {
    const rows = await this.db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).orderBy('seq').execute();
    return rows.map(messageOf);
  }

  async lastMessage(conversationId: string): Promise<MessageRecord | undefined> {
    const r = await this.db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return r && messageOf(r);
  }

  async countUnread(conversationId: string, reader: Reader): Promise<number> {
    const r = await this.db.selectFrom('messages').select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('conversation_id', '=', conversationId).where('read_at', 'is', null)
      .where('author_role', '=', reader === 'patient' ? 'clinician' : 'patient').executeTakeFirstOrThrow();
    return num(r.n);
  }

  async markRead(conversationId: string, reader: Reader, upToSeq: number, at: string): Promise<MessageRecord[]> {
    const rows = await this.db.updateTable('messages').set({ read_at: at })
      .where('conversation_id', '=', conversationId).where('seq', '<=', seqBound(upToSeq)).where('read_at', 'is', null)
      .where('author_role', reader === 'patient' ? '!=' : '=', 'patient').returningAll().execute();
    return rows.map(messageOf).sort((a, b) => a.seq - b.seq);
  }

  // ---- triage, actions, evaluations ------------------------------------------------------

  async insertTriage(t: TriageRecord): Promise<void> {
    await this.db.insertInto('triage').values({
      conversation_id: t.conversationId, questionnaire: JSON.stringify(t.questionnaire), response: JSON.stringify(t.response),
      red_flags: JSON.stringify(t.redFlags), created_at: t.createdAt,
    }).execute();
  }

  async findTriage(conversationId: string): Promise<TriageRecord | undefined> {
    const r = await this.db.selectFrom('triage').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst();
    return r && triageOf(r);
  }

  async insertAction(a: Omit<ActionRecord, 'response' | 'answeredAt'>): Promise<void> {
    await this.db.insertInto('actions').values({
      conversation_id: a.conversationId, action_id: a.actionId, message_id: a.messageId, kind: a.kind, created_at: a.createdAt, response: null, answered_at: null,
    }).execute();
  }

  async findAction(conversationId: string, actionId: string): Promise<ActionRecord | undefined> {
    const r = await this.db.selectFrom('actions').selectAll().where('conversation_id', '=', conversationId).where('action_id', '=', actionId).executeTakeFirst();
    return r && actionOf(r);
  }

  async listActions(conversationId: string): Promise<ActionRecord[]> {
    const rows = await this.db.selectFrom('actions').selectAll().where('conversation_id', '=', conversationId).orderBy('created_at').execute();
    return rows.map(actionOf);
  }

  async answerAction(conversationId: string, actionId: string, response: unknown, at: string): Promise<boolean> {
    const r = await this.db.updateTable('actions').set({ response: JSON.stringify(response), answered_at: at })
      .where('conversation_id', '=', conversationId).where('action_id', '=', actionId).where('answered_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async insertEvaluation(e: EvaluationRecord): Promise<boolean> {
    const r = await this.db.insertInto('evaluations').values({
      conversation_id: e.conversationId, questionnaire: JSON.stringify(e.questionnaire), response: JSON.stringify(e.response), queue: e.queue, created_at: e.createdAt,
    }).onConflict((oc) => oc.column('conversation_id').doNothing()).returning('conversation_id').executeTakeFirst();
    return r !== undefined;
  }

  async findEvaluation(conversationId: string): Promise<EvaluationRecord | undefined> {
    const r = await this.db.selectFrom('evaluations').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst();
    return r && evaluationOf(r);
  }

  async listEvaluations(queue?: string): Promise<EvaluationRecord[]> {
    let q = this.db.selectFrom('evaluations').selectAll();
    if (queue !== undefined) q = q.where('queue', '=', queue);
    return (await q.orderBy('created_at').execute()).map(evaluationOf);
  }

  // ---- attachments and notes -------------------------------------------------------------

  async insertAttachment(a: AttachmentRecord, bytes: Uint8Array): Promise<InsertAttachmentResult> {
    if (!this.inTransaction) return this.transaction((tx) => tx.insertAttachment(a, bytes));
    const existing = await this.findAttachmentByKey(a.conversationId, a.clientId, a.index);
    if (existing) return { created: false, attachment: existing };
    const blobs = this.shared.hooks.blobs;
    await blobs.put(this.db, a.id, bytes);
    const r = await this.db.insertInto('attachments').values({
      id: a.id, conversation_id: a.conversationId, client_id: a.clientId, idx: a.index, uploader_role: a.uploaderRole, name: a.name,
      type: a.type, size: a.size, width: a.width, height: a.height, alt: a.alt, sha256: a.sha256, message_id: a.messageId, created_at: a.createdAt,
    }).onConflict((oc) => oc.columns(['conversation_id', 'client_id', 'idx']).doNothing()).returningAll().executeTakeFirst();
    if (r) return { created: true, attachment: attachmentOf(r) };
    // another writer stored this key between the look-up and the insert: ours goes
    await blobs.delete(this.db, a.id);
    const other = await this.findAttachmentByKey(a.conversationId, a.clientId, a.index);
    if (!other) throw new Error('insertAttachment: conflict without a row');
    return { created: false, attachment: other };
  }

  private async findAttachmentByKey(conversationId: string, clientId: string, index: number): Promise<AttachmentRecord | undefined> {
    const r = await this.db.selectFrom('attachments').selectAll().where('conversation_id', '=', conversationId).where('client_id', '=', clientId)
      .where('idx', '=', index).executeTakeFirst();
    return r && attachmentOf(r);
  }

  async findAttachment(conversationId: string, id: string): Promise<AttachmentRecord | undefined> {
    const r = await this.db.selectFrom('attachments').selectAll().where('conversation_id', '=', conversationId).where('id', '=', id).executeTakeFirst();
    return r && attachmentOf(r);
  }

  async listAttachmentsOfClientId(conversationId: string, clientId: string): Promise<AttachmentRecord[]> {
    const rows = await this.db.selectFrom('attachments').selectAll().where('conversation_id', '=', conversationId).where('client_id', '=', clientId)
      .orderBy('idx').execute();
    return rows.map(attachmentOf);
  }

  async listMessagesWithAttachments(conversationId: string): Promise<MessageRecord[]> {
    const rows = await this.db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).where('attachments', 'is not', null)
      .orderBy('seq', 'desc').execute();
    return rows.map(messageOf);
  }

  async linkAttachments(conversationId: string, clientId: string, messageId: string): Promise<void> {
    await this.db.updateTable('attachments').set({ message_id: messageId }).where('conversation_id', '=', conversationId).where('client_id', '=', clientId).execute();
  }

  async insertAttachmentThumbnail(attachmentId: string, t: ThumbnailRecord, bytes: Uint8Array): Promise<InsertAttachmentResult | undefined> {
    if (!this.inTransaction) return this.transaction((tx) => tx.insertAttachmentThumbnail(attachmentId, t, bytes));
    const find = async () => {
      const r = await this.db.selectFrom('attachments').selectAll().where('id', '=', attachmentId).executeTakeFirst();
      return r && attachmentOf(r);
    };
    const before = await find();
    if (!before) return undefined;
    if (before.thumbnail) return { created: false, attachment: before };
    const blobs = this.shared.hooks.blobs;
    await blobs.put(this.db, t.id, bytes);
    // only while it has none: of two concurrent writers one sets it, the other's blob goes
    const r = await this.db.updateTable('attachments')
      .set({ thumb_id: t.id, thumb_type: t.type, thumb_width: t.width, thumb_height: t.height, thumb_sha256: t.sha256 })
      .where('id', '=', attachmentId).where('thumb_id', 'is', null).returningAll().executeTakeFirst();
    if (r) return { created: true, attachment: attachmentOf(r) };
    await blobs.delete(this.db, t.id);
    const other = await find();
    if (!other) throw new Error('insertAttachmentThumbnail: conflict without a row');
    return { created: false, attachment: other };
  }

  readAttachmentBytes(id: string): Promise<Uint8Array | undefined> {
    return this.shared.hooks.blobs.get(this.db, id);
  }

  async insertNote(n: NoteRecord): Promise<void> {
    await this.db.insertInto('notes').values({ id: n.id, conversation_id: n.conversationId, author: JSON.stringify(n.author), text: n.text, created_at: n.createdAt }).execute();
  }

  async listNotes(conversationId: string): Promise<NoteRecord[]> {
    const rows = await this.db.selectFrom('notes').selectAll().where('conversation_id', '=', conversationId).orderBy('created_at').orderBy('id').execute();
    return rows.map(noteOf);
  }

  // ---- event log -------------------------------------------------------------------------

  async appendEvent(e: NewEvent): Promise<number> {
    const r = await this.db.insertInto('events').values({ patient: e.patient, audience: e.audience, conversation_id: e.conversationId, body: JSON.stringify(e.body) })
      .returning('id').executeTakeFirstOrThrow();
    if (this.inTransaction) this.appended = true;
    else this.announce();
    return num(r.id);
  }

  async eventsAfter(afterId: number, limit: number): Promise<EventRecord[]> {
    const rows = await this.db.selectFrom('events').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
    return rows.map(eventOf);
  }

  async patientEventsAfter(patient: string, afterId: number, limit: number): Promise<EventRecord[]> {
    const rows = await this.db.selectFrom('events').selectAll().where('patient', '=', patient).where('id', '>', afterId)
      .where('audience', 'in', ['both', 'patient']).orderBy('id').limit(limit).execute();
    return rows.map(eventOf);
  }

  async staffEventsAfter(afterId: number, limit: number): Promise<EventRecord[]> {
    const rows = await this.db.selectFrom('events').selectAll().where('id', '>', afterId)
      .where('audience', 'in', ['both', 'staff']).orderBy('id').limit(limit).execute();
    return rows.map(eventOf);
  }

  headEventId(): Promise<number> {
    return this.shared.hooks.headEventId(this.db);
  }

  async pruneEvents(beforeId: number): Promise<void> {
    if (beforeId <= 0) return;
    const next = Math.max(beforeId, await this.prunedBefore());
    await this.db.deleteFrom('events').where('id', '<', beforeId).execute();
    await this.db.insertInto('meta').values({ key: 'pruned_before', value: String(next) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(next) })).execute();
  }

  async prunedBefore(): Promise<number> {
    const r = await this.db.selectFrom('meta').select('value').where('key', '=', 'pruned_before').executeTakeFirst();
    return r ? Number(r.value) : 0;
  }

  // ---- notifications (the SQL is in notify-store.ts) ---------------------------------------

  upsertNotifyChannel(r: NotifyChannelRecord): Promise<void> {
    return N.upsertNotifyChannel(this.db, r);
  }

  findNotifyChannel(patient: string, channel: NotifyChannelName): Promise<NotifyChannelRecord | undefined> {
    return N.findNotifyChannel(this.db, patient, channel);
  }

  listNotifyChannels(patient: string): Promise<NotifyChannelRecord[]> {
    return N.listNotifyChannels(this.db, patient);
  }

  updateNotifyChannel(patient: string, channel: NotifyChannelName, patch: NotifyChannelPatch): Promise<NotifyChannelRecord | undefined> {
    return N.updateNotifyChannel(this.db, patient, channel, patch);
  }

  addNotifyCodeTry(patient: string, channel: NotifyChannelName): Promise<number> {
    return N.addNotifyCodeTry(this.db, patient, channel);
  }

  deleteNotifyChannel(patient: string, channel: NotifyChannelName): Promise<boolean> {
    return N.deleteNotifyChannel(this.db, patient, channel);
  }

  claimNotifyEvent(e: Omit<NotifyEventRecord, 'dispatchId'>): Promise<boolean> {
    return N.claimNotifyEvent(this.db, e);
  }

  scheduleNotify(patient: string, dueAt: number): Promise<void> {
    return N.scheduleNotify(this.db, patient, dueAt);
  }

  takeDueNotify(now: number, limit: number): Promise<{ patient: string; dueAt: number }[]> {
    return N.takeDueNotify(this.db, now, limit);
  }

  dispatchNotifyEvents(patient: string, dispatchId: string, upTo: number): Promise<NotifyEventRecord[]> {
    return N.dispatchNotifyEvents(this.db, patient, dispatchId, upTo);
  }

  insertNotifyDelivery(d: NotifyDeliveryRecord): Promise<void> {
    return N.insertNotifyDelivery(this.db, d);
  }

  leaseNotifyDeliveries(now: number, leaseUntil: number, limit: number): Promise<NotifyDeliveryRecord[]> {
    return N.leaseNotifyDeliveries(this.db, now, leaseUntil, limit);
  }

  updateNotifyDelivery(dispatchId: string, channel: NotifyChannelName, patch: NotifyDeliveryPatch): Promise<void> {
    return N.updateNotifyDelivery(this.db, dispatchId, channel, patch);
  }

  listNotifyDeliveries(patient: string): Promise<NotifyDeliveryRecord[]> {
    return N.listNotifyDeliveries(this.db, patient);
  }

  listNotifiedFor(conversationId: string): Promise<{ at: string; channel: NotifyChannelName }[]> {
    return N.listNotifiedFor(this.db, conversationId);
  }

  setNotifyPresence(processId: string, patients: readonly string[], at: number): Promise<void> {
    return N.setNotifyPresence(this.db, processId, patients, at);
  }

  notifyPresentElsewhere(patient: string, processId: string, since: number): Promise<boolean> {
    return N.notifyPresentElsewhere(this.db, patient, processId, since);
  }

  onEvents(listener: (lastId?: number) => void): () => void {
    this.shared.listeners.add(listener);
    return () => this.shared.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.shared.listeners.clear();
    await this.shared.hooks.close();
    await this.shared.hooks.blobs.close();
  }
}

// ---- rows → records ------------------------------------------------------------------------

function sessionOf(r: Selectable<SessionsTable>): SessionRecord {
  return {
    id: r.id, kind: r.kind as SessionKind, subject: r.subject, name: r.name, profession: r.profession, queue: r.queue, expiresAt: num(r.expires_at),
    lastSeenAt: num(r.last_seen), queues: parse<string[]>(r.queues),
  };
}

function conversationOf(r: Selectable<ConversationsTable>): ConversationRecord {
  return {
    id: r.id, patient: r.patient, mode: r.mode as ConversationMode, status: r.status as ConversationStatus, initiator: r.initiator as Initiator,
    queue: r.queue, assignee: parse<AuthorRecord>(r.assignee), subject: r.subject, reason: r.reason, expectedAnswerBy: r.expected_answer_by,
    createdAt: r.created_at, updatedAt: r.updated_at, ord: num(r.ord),
  };
}

function messageOf(r: Selectable<MessagesTable>): MessageRecord {
  const m: MessageRecord = {
    id: r.id, conversationId: r.conversation_id, seq: num(r.seq), clientId: r.client_id, author: JSON.parse(r.author) as AuthorRecord,
    kind: r.kind, text: r.text, payload: parse<unknown>(r.payload), createdAt: r.created_at, readAt: r.read_at,
  };
  const attachments = parse<AttachmentRefRecord[]>(r.attachments ?? null);
  if (attachments) m.attachments = attachments;
  return m;
}

function attachmentOf(r: Selectable<AttachmentsTable>): AttachmentRecord {
  const n = (x: number | string | null): number | null => (x === null ? null : num(x));
  return {
    id: r.id, conversationId: r.conversation_id, clientId: r.client_id, index: num(r.idx), uploaderRole: r.uploader_role as AttachmentRecord['uploaderRole'],
    name: r.name, type: r.type, size: num(r.size), width: n(r.width), height: n(r.height), alt: r.alt, sha256: r.sha256, messageId: r.message_id,
    createdAt: r.created_at,
    thumbnail: r.thumb_id === null || r.thumb_type === null || r.thumb_sha256 === null ? null
      : { id: r.thumb_id, type: r.thumb_type, width: num(r.thumb_width ?? 0), height: num(r.thumb_height ?? 0), sha256: r.thumb_sha256 },
  };
}

function noteOf(r: Selectable<NotesTable>): NoteRecord {
  return { id: r.id, conversationId: r.conversation_id, author: JSON.parse(r.author) as AuthorRecord, text: r.text, createdAt: r.created_at };
}

function triageOf(r: Selectable<TriageTable>): TriageRecord {
  return {
    conversationId: r.conversation_id, questionnaire: JSON.parse(r.questionnaire) as unknown, response: JSON.parse(r.response) as unknown,
    redFlags: JSON.parse(r.red_flags) as TriageRecord['redFlags'], createdAt: r.created_at,
  };
}

function actionOf(r: Selectable<ActionsTable>): ActionRecord {
  return {
    conversationId: r.conversation_id, actionId: r.action_id, messageId: r.message_id, kind: r.kind, createdAt: r.created_at,
    response: parse<unknown>(r.response), answeredAt: r.answered_at,
  };
}

function evaluationOf(r: Selectable<EvaluationsTable>): EvaluationRecord {
  return {
    conversationId: r.conversation_id, questionnaire: JSON.parse(r.questionnaire) as unknown, response: JSON.parse(r.response) as unknown,
    queue: r.queue, createdAt: r.created_at,
  };
}

function eventOf(r: Selectable<EventsTable>): EventRecord {
  return {
    id: num(r.id), patient: r.patient, audience: r.audience as Audience, conversationId: r.conversation_id,
    body: JSON.parse(r.body) as Record<string, unknown>,
  };
}
