// A ChatBackend with one conversation and a long generated history, paged like a server.
// Used by the long-history tests and the bench page.
import type { ChatBackend } from '../src/core/backend.js';
import type { BackendEvent, Conversation, Message, MessagePage } from '../src/core/types.js';

export function makeMessages(n: number, conversationId = 'c1', start = Date.now() - n * 60_000): Message[] {
  const out: Message[] = [];
  for (let i = 0; i < n; i++) {
    const clinician = i % 2 === 1;
    out.push({
      id: `m${i + 1}`, conversationId, seq: i + 1, kind: 'text',
      author: clinician ? { role: 'clinician', name: 'Anna Svensson', profession: 'sjuksköterska' } : { role: 'patient' },
      text: `Meddelande ${i + 1}${i % 7 === 0 ? ' med lite längre text som bryts över flera rader i panelen för att likna en verklig chatt.' : ''}`,
      createdAt: new Date(start + i * 60_000).toISOString(), readAt: new Date(start).toISOString(),
    });
  }
  return out;
}

export class HistoryBackend implements ChatBackend {
  readonly conversation: Conversation;
  readonly pages: { before?: string; limit?: number }[] = [];
  private listener: ((e: BackendEvent) => void) | undefined;
  private nextEvent = 1;

  /** The messages as JSON, so a page is parsed like an HTTP response body. */
  private readonly json: string[];

  constructor(public messages: Message[], private readonly firstPage = 50) {
    this.json = messages.map((m) => JSON.stringify(m));
    const now = new Date().toISOString();
    this.conversation = { id: 'c1', mode: 'async', status: 'waiting-for-clinic', initiator: 'patient', createdAt: now, updatedAt: now };
  }

  async getSession() { return { subject: 's1', name: 'Testa' }; }
  async getTriage() { return { resourceType: 'Questionnaire' as const }; }
  async listConversations() { return [{ ...this.conversation, unreadCount: 0 }]; }
  async startConversation() { return this.conversation; }
  async getMessages(_id: string, page: { before?: string; limit?: number } = {}): Promise<MessagePage> {
    this.pages.push(page);
    const before = page.before ? Number(page.before) : Infinity;
    const limit = page.before || page.limit ? page.limit ?? 50 : this.firstPage;
    let end = this.messages.length;
    while (end > 0 && this.messages[end - 1]!.seq >= before) end--;
    const start = Math.max(0, end - limit);
    // fresh objects parsed from JSON, as an HTTP adapter would get them
    const messages = JSON.parse(`[${this.json.slice(start, end).join(',')}]`) as Message[];
    return start > 0 ? { messages, before: String(messages[0]!.seq) } : { messages };
  }
  async sendMessage(): Promise<Message> { throw new Error('not used'); }
  async markRead() {}
  async setTyping() {}
  async respond(_c: string, _a: string, _r: unknown): Promise<void> {}
  async submitEvaluation() {}
  subscribe(onEvent: (e: BackendEvent) => void) { this.listener = onEvent; }

  /** Pushes a new clinician message as a live event. */
  push(text: string): Message {
    const last = this.messages[this.messages.length - 1];
    const m: Message = { id: `live${this.nextEvent}`, conversationId: 'c1', seq: (last?.seq ?? 0) + 1, kind: 'text',
      author: { role: 'clinician', name: 'Anna Svensson' }, text, createdAt: new Date().toISOString() };
    this.messages.push(m);
    this.json.push(JSON.stringify(m));
    this.listener?.({ type: 'message', id: `e${this.nextEvent++}`, message: m });
    return m;
  }
}
