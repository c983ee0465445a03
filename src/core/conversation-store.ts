/**
 * Holds conversations and their threads. It merges a patient's local echo with its server
 * copy by `clientId` (whichever arrives first), ignores duplicate events, and orders every
 * thread by the server's sequence. Local items not yet acknowledged stay after the server
 * items, in the order they were written.
 */
import { Emitter } from './emitter.js';
import type { Author, BackendEvent, Conversation, Message, MessageKind, MessageState } from './types.js';

export interface ThreadItem {
  /** Stable key for rendering: the clientId for patient-written messages, else the server id. */
  key: string;
  id?: string;
  clientId?: string;
  seq?: number;
  conversationId: string;
  author: Author;
  kind: MessageKind;
  text: string;
  createdAt: string;
  /** Delivery state; only for the patient's own messages. */
  state?: MessageState;
  /** Machine-readable reason when failed (a BackendErrorKind or a code). */
  error?: string;
  payload?: unknown;
}

interface Thread {
  server: ThreadItem[]; // sorted by seq
  local: ThreadItem[]; // written here, not yet acknowledged, in creation order
  items: readonly ThreadItem[]; // cached concatenation, replaced on every change
}

export interface StoreEvents extends Record<string, unknown> {
  /** A thread or a conversation changed; the payload is the conversation id. */
  change: string;
}

/** How many event ids are remembered for de-duplication. */
const SEEN_LIMIT = 10_000;

export class ConversationStore extends Emitter<StoreEvents> {
  private readonly threads = new Map<string, Thread>();
  private readonly convs = new Map<string, Conversation>();
  private readonly typingBy = new Map<string, Author | undefined>();
  private readonly seen = new Set<string>();

  conversation(id: string): Conversation | undefined {
    return this.convs.get(id);
  }

  conversations(): Conversation[] {
    return [...this.convs.values()];
  }

  /** The thread in display order. The array is replaced (never mutated) when it changes. */
  items(conversationId: string): readonly ThreadItem[] {
    return this.threads.get(conversationId)?.items ?? [];
  }

  typing(conversationId: string): Author | undefined {
    return this.typingBy.get(conversationId);
  }

  /** Applies a live event once; returns false for a duplicate (already-seen event id). */
  applyEvent(e: BackendEvent): boolean {
    if (this.seen.has(e.id)) return false;
    this.seen.add(e.id);
    if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value as string);
    switch (e.type) {
      case 'message':
        this.upsertMessage(e.message);
        if (e.message.author.role === 'clinician') this.setTyping(e.message.conversationId, undefined);
        break;
      case 'conversation':
        this.upsertConversation(e.conversation);
        break;
      case 'typing':
        this.setTyping(e.conversationId, e.typing ? e.author : undefined);
        break;
      default:
        break;
    }
    return true;
  }

  upsertConversation(c: Conversation): void {
    const old = this.convs.get(c.id);
    if (old && Date.parse(old.updatedAt) > Date.parse(c.updatedAt)) return; // stale update
    this.convs.set(c.id, c);
    this.emit('change', c.id);
  }

  /** Inserts or updates a server message; merges it with a local echo of the same clientId. */
  upsertMessage(m: Message): void {
    this.put(m);
    this.commit(m.conversationId, this.thread(m.conversationId));
  }

  /** Inserts or updates many server messages (a page of history) with one change per thread. */
  upsertMessages(list: readonly Message[]): void {
    const touched = new Set<string>();
    for (const m of list) {
      this.put(m);
      touched.add(m.conversationId);
    }
    for (const id of touched) this.commit(id, this.thread(id));
  }

  private put(m: Message): void {
    const t = this.thread(m.conversationId);
    const item = toItem(m);
    const localIdx = m.clientId ? t.local.findIndex((l) => l.clientId === m.clientId) : -1;
    if (localIdx >= 0) {
      item.key = t.local[localIdx]!.key;
      t.local.splice(localIdx, 1);
    }
    const at = indexBySeq(t.server, m.seq);
    const existing = t.server[at];
    if (existing && existing.seq === m.seq) {
      if (existing.id !== m.id) return; // another message claims this seq: keep the first
      item.key = existing.key;
      // read is final: a late "sent" copy never downgrades it
      if (existing.state === 'read' && item.state === 'sent') item.state = 'read';
      t.server[at] = item;
    } else {
      t.server.splice(at, 0, item);
    }
  }

  /** Adds (or replaces) a patient's local echo. */
  upsertLocal(item: ThreadItem): void {
    const t = this.thread(item.conversationId);
    if (item.clientId && t.server.some((s) => s.clientId === item.clientId)) return; // already acknowledged
    const i = t.local.findIndex((l) => l.key === item.key);
    if (i >= 0) t.local[i] = item;
    else t.local.push(item);
    this.commit(item.conversationId, t);
  }

  setLocalState(conversationId: string, clientId: string, state: MessageState, error?: string): void {
    const t = this.threads.get(conversationId);
    const i = t?.local.findIndex((l) => l.clientId === clientId) ?? -1;
    if (!t || i < 0) return;
    const next: ThreadItem = { ...t.local[i]!, state };
    if (error) next.error = error;
    else delete next.error;
    t.local[i] = next;
    this.commit(conversationId, t);
  }

  removeLocal(conversationId: string, clientId: string): void {
    const t = this.threads.get(conversationId);
    if (!t) return;
    const before = t.local.length;
    t.local = t.local.filter((l) => l.clientId !== clientId);
    if (t.local.length !== before) this.commit(conversationId, t);
  }

  /** Moves local echoes written before a conversation existed (key '') to its real id. */
  adoptLocal(fromId: string, toId: string): void {
    const from = this.threads.get(fromId);
    if (!from || from.local.length === 0) return;
    const moved = from.local.map((l) => ({ ...l, conversationId: toId }));
    from.local = [];
    this.commit(fromId, from);
    for (const l of moved) this.upsertLocal(l);
  }

  /** Forgets everything (logout). */
  clear(): void {
    const ids = [...new Set([...this.threads.keys(), ...this.convs.keys()])];
    this.threads.clear();
    this.convs.clear();
    this.typingBy.clear();
    this.seen.clear();
    for (const id of ids) this.emit('change', id);
  }

  private setTyping(conversationId: string, author: Author | undefined): void {
    if (this.typingBy.get(conversationId) === author) return;
    this.typingBy.set(conversationId, author);
    this.emit('change', conversationId);
  }

  private thread(id: string): Thread {
    let t = this.threads.get(id);
    if (!t) this.threads.set(id, (t = { server: [], local: [], items: [] }));
    return t;
  }

  private commit(id: string, t: Thread): void {
    t.items = t.local.length ? [...t.server, ...t.local] : t.server.slice();
    this.emit('change', id);
  }
}

function toItem(m: Message): ThreadItem {
  const item: ThreadItem = {
    key: m.clientId ?? m.id, id: m.id, seq: m.seq, conversationId: m.conversationId,
    author: m.author, kind: m.kind, text: m.text, createdAt: m.createdAt,
  };
  if (m.clientId) item.clientId = m.clientId;
  if (m.author.role === 'patient') item.state = m.readAt ? 'read' : 'sent';
  if (m.payload !== undefined) item.payload = m.payload;
  return item;
}

/** First index whose seq is >= `seq` (binary search; the list is sorted by seq). */
function indexBySeq(list: ThreadItem[], seq: number): number {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]!.seq ?? 0) < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
