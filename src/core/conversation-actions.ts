/**
 * What the patient does in and around a conversation beyond sending text: switching between
 * conversations, loading older pages, marking clinician messages read, the typing signal,
 * answering an action (booking, call-back, questionnaire) once, and the evaluation.
 * Part of ChatClient (client.actions); framework-free.
 */
import type { ChatBackend, StartConversationRequest } from './backend.js';
import type { ConversationStore } from './conversation-store.js';
import type { Inbox } from './inbox.js';
import { TypingThrottle } from './typing.js';
import { inSlices, type SliceOptions } from './slices.js';
import type { BackendEvent, Conversation, Message, MessagePage, QuestionnaireResponse } from './types.js';

export interface ActionsDeps {
  backend: ChatBackend;
  store: ConversationStore;
  inbox: Inbox;
  active(): string | undefined;
  activate(id: string): void;
  startRequest(): StartConversationRequest;
  changed(): void;
  /** How a long page is put in over several tasks (tests inject the clock and the yield). */
  slices?: SliceOptions;
  /** Whether the device has a network: offline, nothing is sent that would only fail (and be logged by the browser). */
  isOnline(): boolean;
}

interface Paging { before?: string; loading: boolean; loaded: boolean }

/** Size of one page of older messages. */
export const PAGE_SIZE = 50;

export class ConversationActions {
  /** Clinician presence per conversation, from live events: who, and whether they are online. */
  readonly presence = new Map<string, { online: boolean; name: string | undefined }>();
  /** The patient's answers to actions, by the payload's actionId (an action is answered once). */
  readonly responses = new Map<string, unknown>();
  /** Counts the changes to `responses`: what was rendered from them is stale when it moves. */
  responsesVersion = 0;
  /** Conversations whose evaluation was submitted ('submitted') or skipped ('skipped'). */
  readonly evaluated = new Map<string, 'submitted' | 'skipped'>();
  private readonly paging = new Map<string, Paging>();
  private readonly typing: TypingThrottle;
  /** Read marks not yet sent (offline, or the request failed): the newest per conversation. */
  private readonly unsentReads = new Map<string, string>();

  constructor(private readonly d: ActionsDeps) {
    this.typing = new TypingThrottle({
      send: (typing) => {
        const id = d.active();
        // offline a typing signal only fails: it is a hint for the clinician, never resent
        if (id && d.isOnline()) void d.backend.setTyping(id, typing).catch(() => undefined);
      },
    });
  }

  /** Shows another conversation; loads its newest page the first time. */
  async open(conversationId: string): Promise<void> {
    this.typing.stop();
    this.d.activate(conversationId);
    this.d.changed();
    const p = this.paging.get(conversationId);
    if (p?.loaded || p?.loading) return;
    await this.load(conversationId, true);
  }

  /** Starts a new conversation straight away (the triage form plugs in before this). */
  async start(req: StartConversationRequest = {}): Promise<Conversation> {
    const conv = await this.d.backend.startConversation({ ...this.d.startRequest(), ...req });
    this.d.store.upsertConversation(conv);
    this.paging.set(conv.id, { loading: false, loaded: true });
    this.d.activate(conv.id);
    this.d.changed();
    return conv;
  }

  /** Whether older messages can be loaded for the conversation. */
  hasOlder(conversationId: string | undefined): boolean {
    const p = conversationId ? this.paging.get(conversationId) : undefined;
    return !!p?.before;
  }

  isLoading(conversationId: string | undefined): boolean {
    return !!(conversationId && this.paging.get(conversationId)?.loading);
  }

  /** Loads the page before the oldest loaded message of the active conversation. */
  async loadOlder(): Promise<void> {
    const id = this.d.active();
    const p = id ? this.paging.get(id) : undefined;
    if (!id || !p?.before || p.loading) return;
    await this.load(id, false);
  }

  /**
   * Puts a loaded page into the store (also used by ChatClient for the first page). A long page
   * goes in slices, yielding to the main thread whenever one task has worked for half a frame
   * (`inSlices`), and the thread changes once, complete, at the end: no single task blocks the
   * page (a 10,000-message history would otherwise be one long task) and no partial history is
   * rendered on the way.
   */
  async insertPage(conversationId: string, page: MessagePage, newest: boolean): Promise<void> {
    const msgs = isAscending(page.messages) ? page.messages : [...page.messages].sort((a, b) => a.seq - b.seq);
    let first = true;
    await inSlices(msgs, (batch) => {
      this.d.store.putMessages(batch);
      this.d.inbox.loaded(conversationId, batch, newest && first);
      first = false;
    }, this.d.slices);
    this.d.store.commitMessages(conversationId);
    const p: Paging = { loading: false, loaded: true };
    if (page.before) p.before = page.before;
    this.paging.set(conversationId, p);
  }

  /** A clinician message was seen in the open panel: mark it read once. */
  markRead(messageId: string): void {
    const id = this.d.active();
    if (!id || !this.d.inbox.markRead(id, messageId)) return;
    this.d.changed();
    this.sendRead(id, messageId);
  }

  /** Sends the read marks that waited (called when the live stream opens again). */
  flushReads(): void {
    if (!this.d.isOnline()) return;
    const waiting = [...this.unsentReads];
    this.unsentReads.clear();
    for (const [conversationId, messageId] of waiting) this.sendRead(conversationId, messageId);
  }

  private sendRead(conversationId: string, messageId: string): void {
    // a read mark covers the messages before it: only the newest per conversation waits
    if (!this.d.isOnline()) return void this.unsentReads.set(conversationId, messageId);
    void this.d.backend.markRead(conversationId, messageId).catch(() => {
      if (!this.unsentReads.has(conversationId)) this.unsentReads.set(conversationId, messageId);
    });
  }

  isUnread(messageId: string): boolean {
    const id = this.d.active();
    return !!id && this.d.inbox.isUnread(id, messageId);
  }

  /** The patient typed in the composer (throttled before it reaches the backend). */
  typingInput(): void {
    this.typing.input();
  }

  typingStopped(): void {
    this.typing.stop();
  }

  /**
   * Answers an action (booking slot, call-back, questionnaire) at the payload's `actionId`, never
   * the message id. Each action is answered once: a second call returns false without reaching
   * the backend. On failure the answer is
   * forgotten so the patient can try again, and the error is rethrown.
   */
  async respond(actionId: string, response: unknown): Promise<boolean> {
    const id = this.d.active();
    if (!id || this.responses.has(actionId)) return false;
    this.responses.set(actionId, response);
    this.responsesVersion++;
    this.d.changed();
    try {
      await this.d.backend.respond(id, actionId, response);
      return true;
    } catch (err) {
      this.responses.delete(actionId);
      this.responsesVersion++;
      this.d.changed();
      throw err;
    }
  }

  /** Submits the evaluation of the active conversation, or skips it (null). */
  async submitEvaluation(answers: QuestionnaireResponse | null): Promise<void> {
    const id = this.d.active();
    if (!id || this.evaluated.has(id)) return;
    if (!answers) {
      this.evaluated.set(id, 'skipped');
      return this.d.changed();
    }
    this.evaluated.set(id, 'submitted');
    this.d.changed();
    try {
      await this.d.backend.submitEvaluation(id, answers);
    } catch (err) {
      this.evaluated.delete(id);
      this.d.changed();
      throw err;
    }
  }

  /** Follows live events the store has accepted (called once per new event). */
  handleEvent(e: BackendEvent): void {
    if (e.type === 'message') this.d.inbox.message(e.message);
    if (e.type === 'presence') {
      this.presence.set(e.conversationId, { online: e.online, name: e.author.name });
      this.d.changed();
    }
  }

  private async load(conversationId: string, newest: boolean): Promise<void> {
    const prev = this.paging.get(conversationId);
    this.paging.set(conversationId, { ...prev, loading: true, loaded: prev?.loaded ?? false });
    this.d.changed();
    try {
      const page = await this.d.backend.getMessages(conversationId, newest ? { limit: PAGE_SIZE } : { before: prev?.before!, limit: PAGE_SIZE });
      await this.insertPage(conversationId, page, newest);
    } catch {
      this.paging.set(conversationId, { ...prev, loading: false, loaded: prev?.loaded ?? false });
    }
    this.d.changed();
  }
}

const isAscending = (list: readonly Message[]) => list.every((m, i) => i === 0 || list[i - 1]!.seq < m.seq);
