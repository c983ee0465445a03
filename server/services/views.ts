/** Store records → the protocol's shapes (patient and console views). */
import type { Author, Conversation, Message } from '../../src/protocol/index.js';
import type { ConsoleConversation } from '../../src/protocol/console.js';
import type { AuthorRecord, ConversationRecord, MessageRecord, Store } from '../store/store.js';
import { isQueue } from './queues.js';
import { reasonText } from './triage.js';

export function author(a: AuthorRecord): Author {
  const out: Author = { role: a.role };
  if (typeof a.name === 'string') out.name = a.name;
  if (typeof a.profession === 'string') out.profession = a.profession;
  return out;
}

/** A conversation as the patient sees it (the queue position computed now). */
export async function conversationView(store: Store, r: ConversationRecord): Promise<Conversation> {
  const c: Conversation = { id: r.id, mode: r.mode, status: r.status, initiator: r.initiator, createdAt: r.createdAt, updatedAt: r.updatedAt };
  if (r.assignee) c.assignee = author(r.assignee);
  if (r.subject) c.subject = r.subject;
  if (r.expectedAnswerBy) c.expectedAnswerBy = r.expectedAnswerBy;
  if (r.status === 'queued') {
    const ahead = await store.countQueuedAhead(r.queue, r.ord);
    c.queue = { position: ahead + 1, estimatedWaitMinutes: (ahead + 1) * 4 };
  }
  return c;
}

/** A conversation as staff see it: with its queue, patient and reason. */
export async function consoleConversationView(store: Store, r: ConversationRecord, patientName?: string | null): Promise<ConsoleConversation> {
  const name = patientName === undefined ? (await store.findPatient(r.patient))?.name : patientName;
  const c: ConsoleConversation = {
    ...(await conversationView(store, r)),
    queueName: isQueue(r.queue) ? r.queue : 'nurse',
    patient: { subject: r.patient, name: name ?? r.patient },
  };
  if (r.reason) {
    const text = reasonText(r.reason);
    c.reason = text ? { code: r.reason, text } : { code: r.reason };
  }
  if (r.initiator === 'patient' && (await store.findTriage(r.id))?.redFlags.length) c.redFlag = true;
  return c;
}

export function messageView(r: MessageRecord): Message {
  const m: Message = { id: r.id, conversationId: r.conversationId, seq: r.seq, author: author(r.author), kind: r.kind, text: r.text, createdAt: r.createdAt };
  // the patient's own key only: the console's keys stay between the console and the server
  if (r.clientId !== null && r.author.role === 'patient') m.clientId = r.clientId;
  if (r.readAt !== null) m.readAt = r.readAt;
  if (r.payload !== null && r.payload !== undefined) m.payload = r.payload;
  if (r.attachments?.length) m.attachments = r.attachments as NonNullable<Message['attachments']>;
  return m;
}
