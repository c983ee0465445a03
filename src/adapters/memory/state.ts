/**
 * The mock server's state: conversations, messages, the actions awaiting an answer, and the
 * event log that subscribers resume from. Every message it stores is checked against the
 * protocol (the message and its kind's payload): the mock emits exactly the protocol's shapes.
 */
import { parseWith } from '../../protocol/index.js';
import { Message as MessageSchema, isKindWithPayload, parseKindPayload, type AnsweredKind } from '../../protocol/messages.js';
import type { BackendEvent, Conversation, ConversationMode, ConversationSummary, Message, MessagePage, PatientSession } from '../../core/types.js';
import type { Persistence } from './persist.js';

/** An action message awaiting (or holding) the patient's answer. */
export interface ActionRecord {
  conversationId: string;
  messageId: string;
  kind: AnsweredKind;
  answered: boolean;
}

export interface ServerState {
  conversations: Conversation[];
  messages: Message[];
  events: BackendEvent[];
  nextSeq: number;
  nextEvent: number;
  nextId: number;
  session: PatientSession | null;
  /** Storage key per patient subject (see PatientSession.storageKey). */
  storageKeys?: Record<string, string>;
  /** Actions by actionId. */
  actions?: Record<string, ActionRecord>;
  /** Conversations whose evaluation was answered. */
  evaluated?: string[];
}

interface Subscriber {
  onEvent: (e: BackendEvent) => void;
  /** Index into the event log of the next event to deliver; -1: the resume point is gone. */
  cursor: number;
}

const EVENT_LOG_LIMIT = 5000;

export const emptyState = (session: PatientSession | null): ServerState => ({
  conversations: [], messages: [], events: [], nextSeq: 1, nextEvent: 1, nextId: 1, session, actions: {}, evaluated: [],
});

/** A message to add: the server fills in id, seq, conversation and time. */
export type NewMessage = Pick<Message, 'author' | 'kind' | 'text'> & { clientId?: string; payload?: unknown; attachments?: Message['attachments'] };

export class MockState {
  state: ServerState;
  /** While true no events are delivered (they wait in the log). */
  paused = false;
  /** Delay before delivering events, ms. */
  deliveryDelayMs = 0;
  private readonly subscribers = new Set<Subscriber>();

  constructor(session: PatientSession | null, private readonly persistence: Persistence<ServerState> | null) {
    this.state = emptyState(session);
  }

  nextId(prefix: string): string {
    return `${prefix}${this.state.nextId++}`;
  }

  conv(id: string): Conversation | undefined {
    return this.state.conversations.find((c) => c.id === id);
  }

  newestOpen(): Conversation | undefined {
    return [...this.state.conversations].reverse().find((c) => c.status !== 'closed');
  }

  createConversation(mode: ConversationMode, initiator: 'patient' | 'clinic'): Conversation {
    const now = new Date().toISOString();
    const conv: Conversation = {
      id: this.nextId('c'), mode, initiator, createdAt: now, updatedAt: now,
      status: mode === 'sync' ? 'queued' : 'waiting-for-clinic',
    };
    if (mode === 'sync') conv.queue = { position: 1, estimatedWaitMinutes: 2 };
    this.state.conversations.push(conv);
    this.event({ type: 'conversation', id: '', conversation: structuredClone(conv) });
    return conv;
  }

  updateConversation(conv: Conversation, patch: Partial<Conversation>): void {
    Object.assign(conv, patch, { updatedAt: new Date().toISOString() });
    for (const k of Object.keys(patch) as (keyof Conversation)[]) if (patch[k] === undefined) delete conv[k];
    this.event({ type: 'conversation', id: '', conversation: structuredClone(conv) });
  }

  /** Adds a message; throws when it, or its kind's payload, is not the protocol's. */
  addMessage(conv: Conversation, m: NewMessage): Message {
    const msg: Message = {
      id: this.nextId('m'), conversationId: conv.id, seq: this.state.nextSeq++,
      author: m.author, kind: m.kind, text: m.text, createdAt: new Date().toISOString(),
    };
    if (m.clientId) msg.clientId = m.clientId;
    if (m.payload !== undefined) msg.payload = m.payload;
    if (m.attachments?.length) msg.attachments = m.attachments;
    const problem = protocolProblem(msg);
    if (problem) throw new TypeError(`MemoryBackend: not a protocol message (${problem})`);
    this.state.messages.push(msg);
    this.event({ type: 'message', id: '', message: structuredClone(msg) });
    return msg;
  }

  /** Registers the action of an action message (booking, call-back, questionnaire). */
  addAction(actionId: string, record: Omit<ActionRecord, 'answered'>): void {
    (this.state.actions ??= {})[actionId] = { ...record, answered: false };
  }

  action(actionId: string): ActionRecord | undefined {
    const actions = this.state.actions ?? {};
    return Object.prototype.hasOwnProperty.call(actions, actionId) ? actions[actionId] : undefined;
  }

  messagesOf(conversationId: string): Message[] {
    return this.state.messages.filter((m) => m.conversationId === conversationId);
  }

  summaries(): ConversationSummary[] {
    return this.state.conversations.map((c) => {
      const msgs = this.messagesOf(c.id);
      const last = msgs[msgs.length - 1];
      // unread: the clinician's messages only; system notes (joined, closed) never count
      const summary: ConversationSummary = { ...structuredClone(c), unreadCount: msgs.filter((m) => m.author.role === 'clinician' && !m.readAt).length };
      if (last) summary.lastMessage = { text: last.text, createdAt: last.createdAt, author: structuredClone(last.author) };
      return summary;
    });
  }

  page(conversationId: string, page: { before?: string; limit?: number }): MessagePage {
    const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
    const before = page.before ? Number(page.before) : Infinity;
    const all = this.state.messages.filter((m) => m.conversationId === conversationId && m.seq < before);
    const messages = all.slice(-limit);
    const result: MessagePage = { messages: structuredClone(messages) };
    if (all.length > messages.length && messages[0]) result.before = String(messages[0].seq);
    return result;
  }

  /** Appends an event to the log (it gets the next id) and delivers it. */
  event(e: BackendEvent): void {
    const withId = { ...e, id: `e${this.state.nextEvent++}` } as BackendEvent;
    this.state.events.push(withId);
    if (this.state.events.length > EVENT_LOG_LIMIT) {
      const drop = this.state.events.length - EVENT_LOG_LIMIT;
      this.state.events.splice(0, drop);
      for (const s of this.subscribers) s.cursor = Math.max(-1, s.cursor - drop);
    }
    this.save();
    this.flush();
  }

  subscribe(onEvent: (e: BackendEvent) => void, since: string | undefined, signal: AbortSignal): void {
    const at = since ? this.state.events.findIndex((e) => e.id === since) : -1;
    const sub: Subscriber = { onEvent, cursor: since ? (at >= 0 ? at + 1 : -1) : this.state.events.length };
    this.subscribers.add(sub);
    signal.addEventListener('abort', () => this.subscribers.delete(sub), { once: true });
  }

  /** Delivers what each subscriber has not had yet (a resync when its resume point is gone). */
  flush(): void {
    if (this.paused) return;
    for (const s of this.subscribers) {
      if (s.cursor < 0) {
        s.cursor = this.state.events.length;
        const resync: BackendEvent = { type: 'resync', id: `resync-${this.state.nextEvent}` };
        setTimeout(() => s.onEvent(resync), this.deliveryDelayMs);
      }
      const batch = this.state.events.slice(s.cursor).map((e) => structuredClone(e));
      s.cursor = this.state.events.length;
      if (batch.length) setTimeout(() => { if (this.subscribers.has(s)) batch.forEach((e) => s.onEvent(e)); }, this.deliveryDelayMs);
    }
  }

  /** Forgets everything; subscribers start over from the new, empty log. */
  reset(session: PatientSession | null): void {
    this.state = emptyState(session);
    for (const s of this.subscribers) s.cursor = 0;
  }

  dropSubscribers(): void {
    this.subscribers.clear();
  }

  save(): void {
    if (!this.persistence) return;
    void this.persistence.save(this.state).catch(() => undefined);
  }
}

/** Why a message is not the protocol's, or null: the message and its kind's payload. */
export function protocolProblem(msg: Message): string | null {
  let problem: string | null = null;
  const warn = (r: string) => (problem = r);
  if (!parseWith(MessageSchema, msg, warn)) return problem;
  if (isKindWithPayload(msg.kind) && !parseKindPayload(msg.kind, msg.payload)) return `payload of kind ${msg.kind}`;
  return null;
}
