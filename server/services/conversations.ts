/**
 * Conversations and messages: the rules (who sees what, idempotent sends, statuses, queue
 * positions, read receipts). Knows nothing of HTTP; throws ApiError where a rule says no.
 */
import { randomUUID } from 'node:crypto';
import { messageTextProblem, type Author, type Conversation, type ConversationSummary, type MessagePage, type StartConversationBody } from '../../src/protocol/index.js';
import { ApiError, notFound } from '../errors.js';
import type { AttachmentRefRecord, AuthorRecord, ConversationPatch, ConversationRecord, InsertMessageResult, MessageRecord, NewMessage, Store } from '../store/store.js';
import { emitConversation, emitMessage, emitTyping } from './events.js';
import { queueFor } from './queues.js';
import { checkResponse, servedTriage } from './triage.js';
import { author, conversationView, messageView } from './views.js';
import { Attachments } from './attachments.js';

export const now = (): string => new Date().toISOString();

/** The 422 codes of message text (empty, too long). */
export function checkText(text: string): void {
  const problem = messageTextProblem(text);
  if (problem) throw new ApiError(422, problem);
}

export interface PatientWho {
  subject: string;
  name: string;
}

export class Conversations {
  constructor(private readonly store: Store) {}

  /** The patient's own conversation, or 404 (never 403: another patient's must not be revealed). */
  async own(patient: PatientWho, id: string, store: Store = this.store): Promise<ConversationRecord> {
    const c = await store.findConversation(id);
    if (!c || c.patient !== patient.subject) throw notFound();
    return c;
  }

  async find(id: string, store: Store = this.store): Promise<ConversationRecord> {
    const c = await store.findConversation(id);
    if (!c) throw notFound();
    return c;
  }

  async list(patient: PatientWho): Promise<ConversationSummary[]> {
    const out: ConversationSummary[] = [];
    for (const r of await this.store.listConversationsOfPatient(patient.subject)) {
      const c: ConversationSummary = { ...(await conversationView(this.store, r)), unreadCount: await this.store.countUnread(r.id, 'patient') };
      const last = await this.store.lastMessage(r.id);
      if (last) c.lastMessage = { text: last.text, createdAt: last.createdAt, author: author(last.author) };
      out.push(c);
    }
    return out;
  }

  /**
   * A patient starts a conversation: routed by the triage's coded reason (or `reason`), the
   * triage answers checked against the questionnaire served and stored with the conversation.
   */
  async start(patient: PatientWho, body: StartConversationBody): Promise<Conversation> {
    const checked = body.triage ? checkResponse(servedTriage(body.triage), body.triage, 'triage') : undefined;
    const given = typeof body.reason === 'string' ? body.reason : body.reason?.code;
    const reason = given ?? checked?.reason;
    const mode = body.mode ?? 'sync';
    return this.store.transaction(async (tx) => {
      await tx.upsertPatient({ subject: patient.subject, name: patient.name });
      const t = now();
      const c = await tx.insertConversation({
        id: randomUUID(), patient: patient.subject, mode, status: mode === 'sync' ? 'queued' : 'waiting-for-clinic', initiator: 'patient',
        queue: queueFor(reason), assignee: null, subject: null, reason: reason ?? null,
        expectedAnswerBy: mode === 'async' ? new Date(Date.now() + 24 * 3600e3).toISOString() : null, createdAt: t, updatedAt: t,
      });
      if (body.triage && checked) {
        await tx.insertTriage({ conversationId: c.id, questionnaire: servedTriage(body.triage), response: body.triage, redFlags: checked.flags, createdAt: t });
      }
      await emitConversation(tx, c);
      return conversationView(tx, c);
    });
  }

  async page(patient: PatientWho, id: string, page: { before?: number; limit: number }): Promise<MessagePage> {
    const c = await this.own(patient, id);
    return this.pageOf(c.id, page);
  }

  async pageOf(conversationId: string, page: { before?: number; limit: number }): Promise<MessagePage> {
    const rows = await this.store.listMessagesBefore(conversationId, page.before, page.limit + 1);
    const more = rows.length > page.limit;
    const messages = rows.slice(0, page.limit).reverse().map(messageView);
    const result: MessagePage = { messages };
    if (more && messages[0]) result.before = String(messages[0].seq);
    return result;
  }

  /**
   * The patient sends: idempotent on clientId (same text → the same message, other text → 409).
   * With `attachmentCount` the message carries the files uploaded for its clientId (then the
   * text may be empty); the count is part of what a repeat must match.
   */
  async send(patient: PatientWho, id: string, clientId: string, text: string, attachmentCount = 0): Promise<{ created: boolean; message: ReturnType<typeof messageView> }> {
    if (attachmentCount === 0 || text.trim()) checkText(text);
    const same = (m: MessageRecord) => m.author.role === 'patient' && m.text === text && (m.attachments?.length ?? 0) === attachmentCount;
    return this.store.transaction(async (tx) => {
      const c = await this.own(patient, id, tx);
      const existing = await tx.findMessageByClientId(c.id, clientId);
      if (existing) {
        if (!same(existing)) throw new ApiError(409, 'client-id-conflict');
        return { created: false, message: messageView(existing) };
      }
      if (c.status === 'closed') throw new ApiError(409, 'conversation-closed');
      const attachments = attachmentCount ? await Attachments.forMessage(tx, c.id, clientId, attachmentCount) : undefined;
      const r = await this.add(tx, c, { author: { role: 'patient', name: patient.name }, kind: 'text', text, clientId, ...(attachments ? { attachments } : {}) });
      if (!r.created && !same(r.message)) throw new ApiError(409, 'client-id-conflict');
      if (r.created && attachments) await tx.linkAttachments(c.id, clientId, r.message.id);
      if (r.created && c.mode === 'async' && c.status !== 'waiting-for-clinic') await this.update(tx, c, { status: 'waiting-for-clinic' });
      return { created: r.created, message: messageView(r.message) };
    });
  }

  /** The patient has read the clinic's messages up to `messageId`. */
  async markRead(patient: PatientWho, id: string, messageId: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      const c = await this.own(patient, id, tx);
      const upTo = await tx.findMessage(c.id, messageId);
      if (!upTo) throw notFound();
      await this.read(tx, c, 'patient', upTo.seq);
    });
  }

  async typing(patient: PatientWho, id: string, typing: boolean): Promise<void> {
    await this.store.transaction(async (tx) => {
      const c = await this.own(patient, id, tx);
      await emitTyping(tx, c, 'staff', { role: 'patient', name: patient.name }, typing);
    });
  }

  // ---- shared steps (run inside a transaction) -------------------------------------------

  /** Adds a message and tells both sides. */
  async add(tx: Store, c: ConversationRecord, m: { author: AuthorRecord | Author; kind: string; text: string; clientId?: string; payload?: unknown; attachments?: AttachmentRefRecord[] }): Promise<InsertMessageResult> {
    const record: NewMessage = {
      id: `m-${randomUUID()}`, conversationId: c.id, clientId: m.clientId ?? null, author: { ...m.author }, kind: m.kind, text: m.text,
      payload: m.payload ?? null, createdAt: now(), ...(m.attachments?.length ? { attachments: m.attachments } : {}),
    };
    const r = await tx.insertMessage(record);
    if (r.created) await emitMessage(tx, c, r.message);
    return r;
  }

  /** Changes a conversation and tells both sides; the others in its queue move up when it leaves. */
  async update(tx: Store, c: ConversationRecord, patch: Omit<ConversationPatch, 'updatedAt'>): Promise<ConversationRecord> {
    const next = await tx.updateConversation(c.id, { ...patch, updatedAt: now() });
    if (!next) throw notFound();
    await emitConversation(tx, next);
    const leftQueue = c.status === 'queued' && (next.status !== 'queued' || next.queue !== c.queue);
    if (leftQueue) for (const o of await tx.listQueuedBehind(c.queue, c.ord)) await emitConversation(tx, o);
    return next;
  }

  /** Marks the messages to `reader` read up to `upToSeq` and sends them again with readAt. */
  async read(tx: Store, c: ConversationRecord, reader: 'patient' | 'staff', upToSeq = Number.MAX_SAFE_INTEGER): Promise<MessageRecord[]> {
    const rows = await tx.markRead(c.id, reader, upToSeq, now());
    for (const m of rows) await emitMessage(tx, c, m);
    return rows;
  }
}
