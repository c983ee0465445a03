// The chat domain of the reference server: conversations, messages, queues and the event log.
import { randomUUID } from 'node:crypto';
import { getMeta, setMeta } from './db.js';

export const QUEUES = ['nurse', 'doctor', 'physiotherapist', 'reception'];
const PROFESSION = { nurse: 'sjuksköterska', doctor: 'läkare', physiotherapist: 'fysioterapeut', reception: 'receptionist' };

/** Triage reason → queue. A reason that names a queue is taken as is; anything else → nurse. */
const REASON_QUEUE = {
  advice: 'nurse', symptoms: 'nurse', wound: 'nurse', child: 'nurse',
  medication: 'doctor', prescription: 'doctor', 'test-results': 'doctor', certificate: 'doctor',
  'back-pain': 'physiotherapist', joint: 'physiotherapist', injury: 'physiotherapist', rehab: 'physiotherapist',
  booking: 'reception', cancel: 'reception', 'before-visit': 'nurse', administrative: 'reception', other: 'nurse',
};

/** @param {unknown} reason @param {unknown} triage */
export function queueFor(reason, triage) {
  let r = typeof reason === 'string' ? reason : undefined;
  if (!r && triage && typeof triage === 'object') {
    const item = /** @type {any} */ (triage).item?.find?.((/** @type {any} */ i) => i?.linkId === 'reason');
    const a = item?.answer?.[0];
    r = a?.valueCoding?.code ?? a?.valueString;
  }
  if (r && QUEUES.includes(r)) return r;
  return (r && /** @type {Record<string,string>} */ (REASON_QUEUE)[r]) || 'nurse';
}

const now = () => new Date().toISOString();
const json = (/** @type {unknown} */ v) => (v == null ? null : JSON.stringify(v));

export class Chat {
  /** @param {import('./db.js').Db} db @param {{ onEvent: () => void, eventRetention?: number }} opts */
  constructor(db, opts) {
    this.db = db;
    this.onEvent = opts.onEvent;
    this.eventRetention = opts.eventRetention ?? 50_000;
  }

  // ---- reading ---------------------------------------------------------------------------

  /** @param {string} id */
  row(id) {
    return /** @type {any} */ (this.db.prepare('SELECT * FROM conversations WHERE id = ?').get(id));
  }

  /** A conversation as the protocol shows it (queue position computed now). @param {any} r */
  view(r) {
    /** @type {any} */
    const c = { id: r.id, mode: r.mode, status: r.status, initiator: r.initiator, createdAt: r.created_at, updatedAt: r.updated_at };
    if (r.assignee) c.assignee = JSON.parse(r.assignee);
    if (r.subject) c.subject = r.subject;
    if (r.expected_answer_by) c.expectedAnswerBy = r.expected_answer_by;
    if (r.status === 'queued') {
      const ahead = /** @type {any} */ (this.db.prepare("SELECT COUNT(*) n FROM conversations WHERE status = 'queued' AND queue = ? AND ord < ?").get(r.queue, r.ord)).n;
      c.queue = { position: ahead + 1, estimatedWaitMinutes: (ahead + 1) * 4 };
    }
    return c;
  }

  /** @param {any} r */
  message(r) {
    /** @type {any} */
    const m = { id: r.id, conversationId: r.conversation_id, seq: r.seq, author: JSON.parse(r.author), kind: r.kind, text: r.text, createdAt: r.created_at };
    if (r.client_id) m.clientId = r.client_id;
    if (r.read_at) m.readAt = r.read_at;
    if (r.payload) m.payload = JSON.parse(r.payload);
    return m;
  }

  /** @param {string} patient */
  listFor(patient) {
    const rows = /** @type {any[]} */ (this.db.prepare('SELECT * FROM conversations WHERE patient = ? ORDER BY ord').all(patient));
    return rows.map((r) => {
      const c = this.view(r);
      c.unreadCount = /** @type {any} */ (this.db.prepare("SELECT COUNT(*) n FROM messages WHERE conversation_id = ? AND read_at IS NULL AND json_extract(author, '$.role') != 'patient'").get(r.id)).n;
      const last = /** @type {any} */ (this.db.prepare('SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1').get(r.id));
      if (last) c.lastMessage = { text: last.text, createdAt: last.created_at, author: JSON.parse(last.author) };
      return c;
    });
  }

  /** Staff view: every conversation with its queue and patient. */
  listAll() {
    const rows = /** @type {any[]} */ (this.db.prepare('SELECT c.*, p.name patient_name FROM conversations c LEFT JOIN patients p ON p.subject = c.patient ORDER BY ord').all());
    return rows.map((r) => ({ ...this.view(r), queueName: r.queue, patient: { subject: r.patient, name: r.patient_name ?? r.patient } }));
  }

  /** @param {string} conversationId @param {{ before?: number, limit: number }} page */
  page(conversationId, page) {
    const before = page.before ?? Number.MAX_SAFE_INTEGER;
    const rows = /** @type {any[]} */ (this.db.prepare('SELECT * FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?').all(conversationId, before, page.limit + 1));
    const more = rows.length > page.limit;
    const messages = rows.slice(0, page.limit).reverse().map((r) => this.message(r));
    /** @type {any} */
    const result = { messages };
    if (more && messages[0]) result.before = String(messages[0].seq);
    return result;
  }

  // ---- writing ---------------------------------------------------------------------------

  /** @param {string} subject @param {string} name */
  upsertPatient(subject, name) {
    this.db.prepare('INSERT INTO patients (subject, name) VALUES (?, ?) ON CONFLICT(subject) DO UPDATE SET name = excluded.name').run(subject, name);
  }

  /** @param {{ patient: string, mode: string, initiator: 'patient'|'clinic', queue: string, reason?: string, assignee?: any, subject?: string }} c */
  create(c) {
    const t = now();
    const id = randomUUID();
    const status = c.initiator === 'clinic' ? (c.mode === 'async' ? 'waiting-for-patient' : 'active') : c.mode === 'sync' ? 'queued' : 'waiting-for-clinic';
    const ord = /** @type {any} */ (this.db.prepare('SELECT COALESCE(MAX(ord), 0) + 1 n FROM conversations').get()).n;
    const answerBy = c.mode === 'async' && c.initiator === 'patient' ? new Date(Date.now() + 24 * 3600e3).toISOString() : null;
    this.db.prepare(`INSERT INTO conversations (id, patient, mode, status, initiator, queue, assignee, subject, reason, expected_answer_by, created_at, updated_at, ord)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, c.patient, c.mode, status, c.initiator, c.queue, json(c.assignee), c.subject ?? null, c.reason ?? null, answerBy, t, t, ord);
    this.conversationEvent(id);
    return this.view(this.row(id));
  }

  /** @param {string} id @param {{ status?: string, queue?: string, assignee?: any }} patch */
  update(id, patch) {
    const r = this.row(id);
    const wasQueued = r.status === 'queued';
    this.db.prepare('UPDATE conversations SET status = ?, queue = ?, assignee = ?, updated_at = ? WHERE id = ?').run(
      patch.status ?? r.status, patch.queue ?? r.queue, patch.assignee === undefined ? r.assignee : json(patch.assignee), now(), id);
    this.conversationEvent(id);
    // the others in the queue moved up
    if (wasQueued && patch.status && patch.status !== 'queued') {
      const others = /** @type {any[]} */ (this.db.prepare("SELECT id FROM conversations WHERE status = 'queued' AND queue = ? AND ord > ?").all(r.queue, r.ord));
      for (const o of others) this.conversationEvent(o.id, false);
    }
    return this.view(this.row(id));
  }

  /**
   * Adds a message. Idempotent on clientId: returns { message, created } or { conflict }.
   * @param {string} conversationId @param {{ author: any, kind: string, text: string, clientId?: string, payload?: unknown }} m
   */
  addMessage(conversationId, m) {
    if (m.clientId) {
      const dup = /** @type {any} */ (this.db.prepare('SELECT * FROM messages WHERE conversation_id = ? AND client_id = ?').get(conversationId, m.clientId));
      if (dup) return dup.text === m.text ? { message: this.message(dup), created: false } : { conflict: true };
    }
    const seq = /** @type {any} */ (this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 n FROM messages WHERE conversation_id = ?').get(conversationId)).n;
    const id = `m-${randomUUID()}`;
    this.db.prepare('INSERT INTO messages (id, conversation_id, seq, client_id, author, kind, text, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id, conversationId, seq, m.clientId ?? null, JSON.stringify(m.author), m.kind, m.text, json(m.payload), now());
    const message = this.message(this.db.prepare('SELECT * FROM messages WHERE id = ?').get(id));
    this.emit(this.row(conversationId).patient, 'both', { type: 'message', message });
    return { message, created: true };
  }

  /** Marks messages read by `reader` ('patient' reads clinic messages, 'staff' reads the patient's). @param {string} conversationId @param {'patient'|'staff'} reader @param {string} [upToId] */
  markRead(conversationId, reader, upToId) {
    const upTo = upToId ? /** @type {any} */ (this.db.prepare('SELECT seq FROM messages WHERE id = ? AND conversation_id = ?').get(upToId, conversationId)) : { seq: Number.MAX_SAFE_INTEGER };
    if (!upTo) return false;
    const op = reader === 'patient' ? '!=' : '=';
    const rows = /** @type {any[]} */ (this.db.prepare(`SELECT * FROM messages WHERE conversation_id = ? AND seq <= ? AND read_at IS NULL AND json_extract(author, '$.role') ${op} 'patient'`).all(conversationId, upTo.seq));
    const t = now();
    const patient = this.row(conversationId).patient;
    for (const r of rows) {
      this.db.prepare('UPDATE messages SET read_at = ? WHERE id = ?').run(t, r.id);
      this.emit(patient, 'both', { type: 'message', message: this.message({ ...r, read_at: t }) });
    }
    return true;
  }

  /** @param {string} conversationId @param {'patient'|'staff'} audience @param {any} event */
  ephemeral(conversationId, audience, event) {
    this.emit(this.row(conversationId).patient, audience, { ...event, conversationId });
  }

  /** @param {string} conversationId @param {string} kind @param {string|null} actionId @param {unknown} body */
  saveResponse(conversationId, kind, actionId, body) {
    this.db.prepare('INSERT INTO responses (conversation_id, kind, action_id, body, created_at) VALUES (?, ?, ?, ?, ?)').run(conversationId, kind, actionId, JSON.stringify(body), now());
    this.emit(this.row(conversationId).patient, 'staff', { type: 'response', conversationId, kind, actionId, response: body });
  }

  /** @param {string} id @param {boolean} [notify] */
  conversationEvent(id, notify = true) {
    const r = this.row(id);
    this.emit(r.patient, 'both', { type: 'conversation', conversation: this.view(r) }, notify);
  }

  /** @param {string} patient @param {'both'|'patient'|'staff'} audience @param {any} body @param {boolean} [notify] */
  emit(patient, audience, body, notify = true) {
    const info = this.db.prepare('INSERT INTO events (patient, audience, body) VALUES (?, ?, ?)').run(patient, audience, JSON.stringify(body));
    const id = Number(info.lastInsertRowid);
    if (id % 1000 === 0) this.prune(id - this.eventRetention);
    if (notify) this.onEvent();
  }

  // ---- event log -------------------------------------------------------------------------

  /** Drops events up to `beforeId` (exclusive); a resume from before it gets `resync`. @param {number} beforeId */
  prune(beforeId) {
    if (beforeId <= 0) return;
    this.db.prepare('DELETE FROM events WHERE id < ?').run(beforeId);
    setMeta(this.db, 'pruned_before', String(Math.max(beforeId, this.prunedBefore())));
  }

  prunedBefore() {
    return Number(getMeta(this.db, 'pruned_before') ?? 0);
  }

  /** The newest event id ever assigned (AUTOINCREMENT keeps it even when the log is pruned empty). */
  headId() {
    return /** @type {any} */ (this.db.prepare("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0) n").get()).n;
  }

  /** Events after `afterId` for a patient (or every staff-visible event when patient is null). @param {string|null} patient @param {number} afterId */
  eventsAfter(patient, afterId) {
    const rows = /** @type {any[]} */ (patient
      ? this.db.prepare("SELECT * FROM events WHERE id > ? AND patient = ? AND audience IN ('both', 'patient') ORDER BY id LIMIT 500").all(afterId, patient)
      : this.db.prepare("SELECT * FROM events WHERE id > ? AND audience IN ('both', 'staff') ORDER BY id LIMIT 500").all(afterId));
    return rows.map((r) => ({ id: String(r.id), body: { ...JSON.parse(r.body), id: String(r.id) } }));
  }

  /** @param {string} queue */
  nextInQueue(queue) {
    return /** @type {any} */ (this.db.prepare("SELECT * FROM conversations WHERE status = 'queued' AND queue = ? ORDER BY ord LIMIT 1").get(queue))
      ?? /** @type {any} */ (this.db.prepare("SELECT * FROM conversations WHERE status = 'waiting-for-clinic' AND queue = ? AND assignee IS NULL ORDER BY ord LIMIT 1").get(queue));
  }

  /** @param {string} queue */
  static profession(queue) {
    return /** @type {Record<string,string>} */ (PROFESSION)[queue] ?? 'vårdpersonal';
  }
}
