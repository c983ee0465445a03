/**
 * Holds what the server said: conversations, their messages ordered by the server's sequence,
 * and typing. It ignores duplicate events and re-delivered messages. It holds nothing the patient
 * wrote and the server has not acknowledged: that is the outbox's (see thread.ts for the join).
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
  /**
   * Files. Sent: the server's references, unchecked here (the attachments chunk checks each where
   * it shows it, `parseAttachment`). Not yet sent: the files waiting in the outbox (`OutboxFile`).
   */
  attachments?: readonly unknown[];
  /** A message with files while it is sent: [files uploaded, files]. */
  upload?: readonly [number, number];
}

interface Thread {
  server: ThreadItem[]; // sorted by seq
  clientIds: Set<string>; // of the patient's messages in `server`
  files: boolean; // whether a message in `server` has files (never unset: files are not taken back)
  items: readonly ThreadItem[]; // a copy of `server`, replaced on every change
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

  /** Whether a server message of the conversation has files (kept, not counted on every change). */
  hasFiles(conversationId: string): boolean {
    return this.threads.get(conversationId)?.files ?? false;
  }

  /** Whether the server's copy of the patient's message `clientId` is in the thread. */
  hasClientId(conversationId: string, clientId: string): boolean {
    return this.threads.get(conversationId)?.clientIds.has(clientId) ?? false;
  }

  /** Inserts or updates a server message (from a page, a live event or an acknowledgement). */
  upsertMessage(m: Message): void {
    this.put(m);
    this.commit(m.conversationId, this.thread(m.conversationId));
  }

  /**
   * Puts server messages in without announcing a change: a long page goes in over several tasks
   * (`insertPage`) and is announced once, complete, by `commitMessages`.
   */
  putMessages(list: readonly Message[]): void {
    for (const m of list) this.put(m);
  }

  /** Announces the messages put into a conversation's thread (see `putMessages`). */
  commitMessages(conversationId: string): void {
    this.commit(conversationId, this.thread(conversationId));
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
    if (m.clientId) t.clientIds.add(m.clientId);
    if (item.attachments) t.files = true;
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
    if (!t) this.threads.set(id, (t = { server: [], clientIds: new Set(), files: false, items: [] }));
    return t;
  }

  private commit(id: string, t: Thread): void {
    t.items = t.server.slice();
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
  if (m.attachments?.length) item.attachments = m.attachments;
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
