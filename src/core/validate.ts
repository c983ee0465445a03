/**
 * Checks for data that comes from a backend, with the protocol's schemas (src/protocol/). Everything
 * from a server is hostile until checked: a malformed item is dropped, the rest of its list is kept,
 * and a warning names where the problem was and what was expected, never the value (it may be
 * patient text). A checked object carries only the fields the protocol declares. The triage
 * questionnaire's check is `validate-questionnaire.ts`, loaded when a questionnaire is fetched.
 */
import * as v from 'valibot';
import { parseWith } from '../protocol/parse.js';
import { Author } from '../protocol/primitives.js';
import { Message as MessageSchema } from '../protocol/message.js';
import {
  BackendEvent as EventSchema, Conversation as ConversationSchema, ConversationList, ConversationSummary as SummarySchema,
  MessagePage as PageSchema, PatientSession as SessionSchema, LoggedOut,
} from '../protocol/resources.js';
import type {
  BackendEvent, Conversation, ConversationSummary, Message, MessagePage, PatientSession,
} from './types.js';

export type Warn = (reason: string) => void;
export const defaultWarn: Warn = (reason) => console.warn(`[vard-chat] ignored malformed data: ${reason}`);
export const tagged = (what: string, warn: Warn): Warn => (reason) => warn(`${what} ${reason}`);

export function parseAuthor(value: unknown): v.InferOutput<typeof Author> | null {
  return parseWith(Author, value);
}

export function parseMessage(value: unknown, warn: Warn = defaultWarn): Message | null {
  return parseWith(MessageSchema, value, tagged('message', warn));
}

export function parseConversation(value: unknown, warn: Warn = defaultWarn): Conversation | null {
  return parseWith(ConversationSchema, value, tagged('conversation', warn));
}

export function parseEvent(value: unknown, warn: Warn = defaultWarn): BackendEvent | null {
  return parseWith(EventSchema, value, tagged('event', warn));
}

export function parseSession(value: unknown, warn: Warn = defaultWarn): PatientSession | null {
  return parseWith(SessionSchema, value, tagged('session', warn));
}

/** GET /session's answer: the patient, `{ loggedIn: false }` (→ `'logged-out'`), or null when malformed. */
export function parseSessionAnswer(value: unknown, warn: Warn = defaultWarn): PatientSession | 'logged-out' | null {
  if (parseWith(LoggedOut, value, () => undefined)) return 'logged-out';
  return parseSession(value, warn);
}

export function parseConversationSummary(value: unknown, warn: Warn = defaultWarn): ConversationSummary | null {
  return parseWith(SummarySchema, value, tagged('conversation', warn));
}

/** The protocol's list envelopes with their items left unchecked, so one bad item drops alone. */
const PageEnvelope = v.object({ ...PageSchema.entries, messages: v.pipe(v.array(v.unknown()), v.maxLength(200)) });
const ListEnvelope = v.object({ ...ConversationList.entries, conversations: v.pipe(v.array(v.unknown()), v.maxLength(1000)) });

/** A page of messages; malformed messages are dropped (with a warning), the rest kept. */
export function parseMessagePage(value: unknown, warn: Warn = defaultWarn): MessagePage | null {
  const page = parseWith(PageEnvelope, value, tagged('message page', warn));
  if (!page) return null;
  const messages = page.messages.map((m) => parseMessage(m, warn)).filter((m): m is Message => m !== null);
  return page.before === undefined ? { messages } : { messages, before: page.before };
}

/** The conversation list; malformed entries are dropped (with a warning), the rest kept. */
export function parseConversationList(value: unknown, warn: Warn = defaultWarn): ConversationSummary[] | null {
  const list = parseWith(ListEnvelope, value, tagged('conversation list', warn));
  return list && list.conversations.map((c) => parseConversationSummary(c, warn)).filter((c): c is ConversationSummary => c !== null);
}
