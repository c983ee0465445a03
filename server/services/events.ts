/**
 * What happened, appended to the event log (ids from the database). The patient's streams get
 * the patient's shapes, staff streams the console's (ConsoleConversation, patient answers).
 */
import type { Author } from '../../src/protocol/index.js';
import type { PatientAnswer } from '../../src/protocol/console.js';
import type { ConversationRecord, MessageRecord, Store } from '../store/store.js';
import { consoleConversationView, conversationView, messageView } from './views.js';

export async function emitConversation(store: Store, c: ConversationRecord): Promise<void> {
  await store.appendEvent({ patient: c.patient, audience: 'patient', conversationId: c.id, body: { type: 'conversation', conversation: await conversationView(store, c) } });
  await store.appendEvent({ patient: c.patient, audience: 'staff', conversationId: c.id, body: { type: 'conversation', conversation: await consoleConversationView(store, c) } });
}

export async function emitMessage(store: Store, c: ConversationRecord, m: MessageRecord): Promise<void> {
  await store.appendEvent({ patient: c.patient, audience: 'both', conversationId: c.id, body: { type: 'message', message: messageView(m) } });
}

/** Typing and presence go to the other side only. */
export async function emitTyping(store: Store, c: ConversationRecord, to: 'patient' | 'staff', author: Author, typing: boolean): Promise<void> {
  await store.appendEvent({ patient: c.patient, audience: to, conversationId: c.id, body: { type: 'typing', conversationId: c.id, typing, author } });
}

export async function emitPresence(store: Store, c: ConversationRecord, author: Author, online: boolean): Promise<void> {
  await store.appendEvent({ patient: c.patient, audience: 'patient', conversationId: c.id, body: { type: 'presence', conversationId: c.id, online, author } });
}

export async function emitAnswer(store: Store, c: ConversationRecord, answer: PatientAnswer): Promise<void> {
  await store.appendEvent({ patient: c.patient, audience: 'staff', conversationId: c.id, body: { type: 'answer', conversationId: c.id, answer } });
}
