/**
 * The inbox: the patient's conversations with unread counts and a preview, open ones first.
 * Unread counts clinician-written messages only: system notes (joined, closed) never count.
 * Unread counts start from the backend's summaries and then follow live messages and read marks
 * by message id, so a repeated event never counts twice. Framework-free.
 */
import type { Author, Conversation, ConversationSummary, Message } from './types.js';

export interface InboxEntry {
  conversation: Conversation;
  unreadCount: number;
  lastMessage?: { text: string; createdAt: string; author: Author; kind: string };
}

interface Unread {
  /** Count from the summary, for messages not loaded here. */
  base: number;
  /** The summary's newest message time: a live message not newer is already in `base`. */
  baseAt?: number;
  ids: Set<string>;
}

export class Inbox {
  private readonly unread = new Map<string, Unread>();
  private readonly last = new Map<string, InboxEntry['lastMessage'] & { seq: number }>();

  /** Takes the backend's summaries (counts and previews). */
  fromSummaries(list: readonly ConversationSummary[]): void {
    for (const s of list) {
      const lm = s.lastMessage;
      const at = lm ? Date.parse(lm.createdAt) : NaN;
      this.unread.set(s.id, { base: Math.max(0, Math.floor(Number(s.unreadCount) || 0)), ids: new Set(), ...(Number.isNaN(at) ? {} : { baseAt: at }) });
      if (lm && typeof lm.text === 'string') this.last.set(s.id, { ...lm, kind: 'text', seq: -1 });
    }
  }

  /** A page of the conversation's messages was loaded: unread is now known by id. */
  loaded(conversationId: string, messages: readonly Message[], replace: boolean): void {
    const u = this.entry(conversationId);
    if (replace) {
      u.base = 0;
      delete u.baseAt;
      u.ids.clear();
    }
    let newest: Message | undefined;
    for (const m of messages) {
      if (m.author.role === 'clinician' && !m.readAt) u.ids.add(m.id);
      if (!newest || m.seq > newest.seq) newest = m;
    }
    if (newest) this.message(newest);
  }

  /** A message arrived (or changed). */
  message(m: Message): void {
    const u = this.entry(m.conversationId);
    // an event that arrived while the list loaded may be counted in the summary already
    const inBase = u.base > 0 && u.baseAt !== undefined && Date.parse(m.createdAt) <= u.baseAt;
    if (m.author.role !== 'clinician' || m.readAt) u.ids.delete(m.id);
    else if (!inBase) u.ids.add(m.id);
    const prev = this.last.get(m.conversationId);
    // the preview is the newest message with text (an evaluation request has none)
    if (m.text.trim() && (!prev || prev.seq <= m.seq)) {
      this.last.set(m.conversationId, { text: m.text, createdAt: m.createdAt, author: m.author, kind: m.kind, seq: m.seq });
    }
  }

  /** Marks a message read; returns false when it was not unread. */
  markRead(conversationId: string, messageId: string): boolean {
    const u = this.unread.get(conversationId);
    if (!u?.ids.delete(messageId)) return false;
    return true;
  }

  isUnread(conversationId: string, messageId: string): boolean {
    return this.unread.get(conversationId)?.ids.has(messageId) ?? false;
  }

  count(conversationId: string): number {
    const u = this.unread.get(conversationId);
    return u ? u.base + u.ids.size : 0;
  }

  total(): number {
    let n = 0;
    for (const id of this.unread.keys()) n += this.count(id);
    return n;
  }

  /** Entries in display order: open conversations first, then the most recently updated. */
  entries(conversations: readonly Conversation[]): InboxEntry[] {
    return conversations
      .map((conversation) => {
        const e: InboxEntry = { conversation, unreadCount: this.count(conversation.id) };
        const l = this.last.get(conversation.id);
        if (l) e.lastMessage = { text: l.text, createdAt: l.createdAt, author: l.author, kind: l.kind };
        return e;
      })
      .sort(compareEntries);
  }

  clear(): void {
    this.unread.clear();
    this.last.clear();
  }

  private entry(id: string): Unread {
    let u = this.unread.get(id);
    if (!u) this.unread.set(id, (u = { base: 0, ids: new Set() }));
    return u;
  }
}

const time = (e: InboxEntry) => {
  const t = Date.parse(e.lastMessage?.createdAt ?? e.conversation.updatedAt);
  return Math.max(Number.isNaN(t) ? 0 : t, Date.parse(e.conversation.updatedAt) || 0);
};

export function compareEntries(a: InboxEntry, b: InboxEntry): number {
  const ca = a.conversation.status === 'closed' ? 1 : 0;
  const cb = b.conversation.status === 'closed' ? 1 : 0;
  return ca - cb || time(b) - time(a);
}
