/**
 * Shape checks for data that comes from a backend. Everything from a server is hostile until
 * checked: a malformed item is dropped (or its optional parts are), and a warning names what
 * was wrong without ever including message content.
 */
import type {
  Author, BackendEvent, Conversation, ConversationSummary, Message, MessagePage, PatientSession, Questionnaire,
} from './types.js';

type Warn = (reason: string) => void;
const defaultWarn: Warn = (reason) => console.warn(`[vard-chat] ignored malformed data: ${reason}`);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const optStr = (v: unknown): string | undefined => (isStr(v) ? v : undefined);
const isDate = (v: unknown): v is string => isStr(v) && !Number.isNaN(Date.parse(v));

const ROLES = new Set(['patient', 'clinician', 'system']);
const MODES = new Set(['sync', 'async']);
const STATUSES = new Set(['queued', 'active', 'waiting-for-clinic', 'waiting-for-patient', 'closed']);

export function parseAuthor(v: unknown): Author | null {
  if (!isObj(v) || !isStr(v.role) || !ROLES.has(v.role)) return null;
  const a: Author = { role: v.role as Author['role'] };
  const name = optStr(v.name);
  const profession = optStr(v.profession);
  if (name !== undefined) a.name = name;
  if (profession !== undefined) a.profession = profession;
  return a;
}

export function parseMessage(v: unknown, warn: Warn = defaultWarn): Message | null {
  if (!isObj(v)) return warn('message is not an object'), null;
  const author = parseAuthor(v.author);
  if (!isStr(v.id) || !v.id) return warn('message without id'), null;
  if (!isStr(v.conversationId)) return warn('message without conversationId'), null;
  if (typeof v.seq !== 'number' || !Number.isFinite(v.seq)) return warn('message without numeric seq'), null;
  if (!author) return warn('message with invalid author'), null;
  if (!isStr(v.kind) || !v.kind) return warn('message without kind'), null;
  if (!isStr(v.text)) return warn('message text is not a string'), null;
  if (!isDate(v.createdAt)) return warn('message with invalid createdAt'), null;
  const m: Message = {
    id: v.id, conversationId: v.conversationId, seq: v.seq, author, kind: v.kind, text: v.text, createdAt: v.createdAt,
  };
  if (isStr(v.clientId)) m.clientId = v.clientId;
  if (isDate(v.readAt)) m.readAt = v.readAt;
  if (v.payload !== undefined) m.payload = v.payload;
  return m;
}

export function parseConversation(v: unknown, warn: Warn = defaultWarn): Conversation | null {
  if (!isObj(v)) return warn('conversation is not an object'), null;
  if (!isStr(v.id) || !v.id) return warn('conversation without id'), null;
  if (!isStr(v.mode) || !MODES.has(v.mode)) return warn('conversation with invalid mode'), null;
  if (!isStr(v.status) || !STATUSES.has(v.status)) return warn('conversation with invalid status'), null;
  if (v.initiator !== 'patient' && v.initiator !== 'clinic') return warn('conversation with invalid initiator'), null;
  if (!isDate(v.createdAt) || !isDate(v.updatedAt)) return warn('conversation with invalid dates'), null;
  const c: Conversation = {
    id: v.id, mode: v.mode as Conversation['mode'], status: v.status as Conversation['status'],
    initiator: v.initiator, createdAt: v.createdAt, updatedAt: v.updatedAt,
  };
  const assignee = parseAuthor(v.assignee);
  if (assignee) c.assignee = assignee;
  if (isObj(v.queue) && typeof v.queue.position === 'number' && v.queue.position >= 0) {
    c.queue = { position: Math.floor(v.queue.position) };
    if (typeof v.queue.estimatedWaitMinutes === 'number' && v.queue.estimatedWaitMinutes >= 0) {
      c.queue.estimatedWaitMinutes = v.queue.estimatedWaitMinutes;
    }
  }
  if (isDate(v.expectedAnswerBy)) c.expectedAnswerBy = v.expectedAnswerBy;
  if (isStr(v.subject)) c.subject = v.subject;
  return c;
}

export function parseEvent(v: unknown, warn: Warn = defaultWarn): BackendEvent | null {
  if (!isObj(v) || !isStr(v.id) || !isStr(v.type)) return warn('event without id or type'), null;
  const id = v.id;
  switch (v.type) {
    case 'message': {
      const message = parseMessage(v.message, warn);
      return message && { type: 'message', id, message };
    }
    case 'conversation': {
      const conversation = parseConversation(v.conversation, warn);
      return conversation && { type: 'conversation', id, conversation };
    }
    case 'typing':
    case 'presence': {
      const author = parseAuthor(v.author);
      if (!isStr(v.conversationId) || !author) return warn(`${v.type} event with invalid fields`), null;
      if (v.type === 'typing') {
        return typeof v.typing === 'boolean' ? { type: 'typing', id, conversationId: v.conversationId, typing: v.typing, author } : null;
      }
      return typeof v.online === 'boolean' ? { type: 'presence', id, conversationId: v.conversationId, online: v.online, author } : null;
    }
    case 'resync':
      return { type: 'resync', id };
    default:
      warn('event of unknown type');
      return null;
  }
}

// ---- response shapes of the HTTP protocol (added for HttpBackend) ----------------------------

export function parseSession(v: unknown, warn: Warn = defaultWarn): PatientSession | null {
  if (!isObj(v) || !isStr(v.subject) || !v.subject || !isStr(v.name)) return warn('session with invalid fields'), null;
  const s: PatientSession = { subject: v.subject, name: v.name };
  if (isDate(v.expiresAt)) s.expiresAt = v.expiresAt;
  return s;
}

export function parseConversationSummary(v: unknown, warn: Warn = defaultWarn): ConversationSummary | null {
  const c = parseConversation(v, warn);
  if (!c || !isObj(v)) return null;
  const s: ConversationSummary = { ...c, unreadCount: typeof v.unreadCount === 'number' && v.unreadCount >= 0 ? Math.floor(v.unreadCount) : 0 };
  const last = v.lastMessage;
  const author = isObj(last) ? parseAuthor(last.author) : null;
  if (isObj(last) && author && isStr(last.text) && isDate(last.createdAt)) s.lastMessage = { text: last.text, createdAt: last.createdAt, author };
  return s;
}

/** A page of messages; malformed messages are dropped (with a warning), the rest kept. */
export function parseMessagePage(v: unknown, warn: Warn = defaultWarn): MessagePage | null {
  if (!isObj(v) || !Array.isArray(v.messages)) return warn('message page without messages'), null;
  const messages = v.messages.map((m) => parseMessage(m, warn)).filter((m): m is Message => m !== null);
  const page: MessagePage = { messages };
  if (isStr(v.before) && v.before) page.before = v.before;
  return page;
}

export function parseQuestionnaire(v: unknown, warn: Warn = defaultWarn): Questionnaire | null {
  if (!isObj(v) || v.resourceType !== 'Questionnaire') return warn('not a FHIR Questionnaire'), null;
  return v as Questionnaire;
}
