/**
 * INTERIM: the console API's shapes as today's reference server (server/routes-console.js) sends
 * them, until the protocol module (src/protocol/console.ts, branch `server`) lands. Then this
 * file re-exports that module's types and schemas and declares nothing by hand.
 */
import { isObj, type Check } from './api.js';

export type QueueName = 'nurse' | 'doctor' | 'physiotherapist' | 'reception';
export const QUEUE_NAMES: readonly QueueName[] = ['nurse', 'doctor', 'physiotherapist', 'reception'];

export interface Staff { name: string; profession: string; queue: QueueName }
export interface Author { role: 'patient' | 'clinician' | 'system'; name?: string; profession?: string }
export interface Message {
  id: string; conversationId: string; seq: number; author: Author; kind: string; text: string;
  createdAt: string; readAt?: string; payload?: unknown;
}
export interface ConsoleConversation {
  id: string; mode: 'sync' | 'async'; status: string; initiator: 'patient' | 'clinic';
  createdAt: string; updatedAt: string; assignee?: Author; subject?: string;
  queueName: QueueName; patient: { subject: string; name: string };
}
export interface Overview {
  queues: { name: QueueName; waiting: number }[];
  conversations: ConsoleConversation[];
  patients: { subject: string; name: string }[];
}
export interface MessagePage { messages: Message[] }

const fail = (): never => {
  throw new TypeError('shape');
};
const str = (v: unknown): string => (typeof v === 'string' ? v : fail());

export const checkStaff: Check<Staff> = (v) => (isObj(v) ? { name: str(v.name), profession: str(v.profession), queue: str(v.queue) as QueueName } : fail());
export const checkOverview: Check<Overview> = (v) => (isObj(v) && Array.isArray(v.queues) && Array.isArray(v.conversations) && Array.isArray(v.patients) ? (v as unknown as Overview) : fail());
export const checkConversation: Check<ConsoleConversation> = (v) => (isObj(v) && typeof v.id === 'string' ? (v as unknown as ConsoleConversation) : fail());
export const checkMessage: Check<Message> = (v) => (isObj(v) && typeof v.id === 'string' && typeof v.text === 'string' ? (v as unknown as Message) : fail());
export const checkPage: Check<MessagePage> = (v) => (isObj(v) && Array.isArray(v.messages) ? (v as unknown as MessagePage) : fail());
