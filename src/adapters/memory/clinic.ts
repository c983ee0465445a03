/**
 * The demo's simulated clinic: a clinician who joins, writes, answers automatically, types,
 * comes and goes, hands over, offers times, call-backs, video meetings and questionnaires, and
 * closes with an evaluation. Every payload is the protocol's (src/protocol/messages.ts); an
 * action gets a fresh `actionId` that the patient's answer is posted to.
 */
import type { Author, Queue } from '../../protocol/primitives.js';
import type { AttachmentRef } from '../../protocol/attachment-ref.js';
import type {
  BookingPayload, BookingSlot, CallbackPayload, CallbackWindow, EvaluationPayload, HandoverPayload, QuestionnairePayload,
  VideoPayload,
} from '../../protocol/messages.js';
import { EVALUATION_QUESTIONNAIRE } from '../../protocol/evaluation.js';
import type { Questionnaire } from '../../protocol/fhir.js';
import type { Conversation, ConversationMode, Message } from '../../core/types.js';
import { DEMO_CLINICIAN, DEMO_PHONE_HINT, DEMO_VIDEO_URL, at, demoSlots, demoWindows, followUpQuestionnaire } from './fixtures.js';
import type { MockState } from './state.js';

const QUEUE_TEXT: Record<Queue, string> = {
  nurse: 'sjuksköterska', doctor: 'läkare', physiotherapist: 'fysioterapeut', reception: 'receptionen',
};

export class SimulatedClinic {
  /** The clinician who writes (after a handover to a person: that person). */
  clinician: Author;
  /** The simulated clinician answers patient messages automatically. */
  autoReply: boolean;
  /** How long the simulated clinician takes to answer, ms. */
  replyDelayMs: number;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly s: MockState, opts: { clinician?: Author; autoReply?: boolean; replyDelayMs?: number } = {}) {
    this.clinician = opts.clinician ?? DEMO_CLINICIAN;
    this.autoReply = opts.autoReply ?? true;
    this.replyDelayMs = opts.replyDelayMs ?? 1500;
  }

  /** The conversation asked for, or the newest open one. */
  target(conversationId?: string): Conversation | undefined {
    return conversationId ? this.s.conv(conversationId) : this.s.newestOpen();
  }

  /** The clinician writes (a text, or a message of another kind with its payload). */
  send(conv: Conversation, text: string, kind: string = 'text', payload?: unknown, attachments?: AttachmentRef[]): Message {
    this.join(conv);
    const m = this.s.addMessage(conv, { author: this.clinician, kind, text, payload, ...(attachments?.length ? { attachments } : {}) });
    this.markPatientMessagesRead(conv);
    this.s.updateConversation(conv, conv.mode === 'async' ? { status: 'waiting-for-patient' } : {});
    return m;
  }

  /** An action message: registered under a fresh actionId that the answer goes to. */
  private offer<K extends 'booking' | 'callback' | 'questionnaire'>(conv: Conversation, kind: K, text: string, payload: (actionId: string) => unknown): Message {
    const actionId = this.s.nextId(`a-${kind}-`);
    const m = this.send(conv, text, kind, payload(actionId));
    this.s.addAction(actionId, { conversationId: conv.id, messageId: m.id, kind });
    return m;
  }

  proposeSlots(conv: Conversation, slots: BookingSlot[] = demoSlots()): Message {
    return this.offer(conv, 'booking', 'Här är några tider som passar oss.', (actionId): BookingPayload => ({ actionId, slots }));
  }

  askCallback(conv: Conversation, windows: CallbackWindow[] = demoWindows(), phoneHint: string | undefined = DEMO_PHONE_HINT): Message {
    return this.offer(conv, 'callback', 'Det är enklast att vi pratar i telefon. Välj en tid då vi kan ringa dig.',
      (actionId): CallbackPayload => (phoneHint ? { actionId, windows, phoneHint } : { actionId, windows }));
  }

  sendQuestionnaire(conv: Conversation, questionnaire: Questionnaire = followUpQuestionnaire): Message {
    return this.offer(conv, 'questionnaire', 'Fyll gärna i det här före besöket.', (actionId): QuestionnairePayload => ({ actionId, questionnaire }));
  }

  sendVideoLink(conv: Conversation, opts: { start?: string | null; url?: string } = {}): Message {
    const start = opts.start === undefined ? at(0, new Date().getHours() + 1) : opts.start;
    const payload: VideoPayload = { url: opts.url ?? DEMO_VIDEO_URL, ...(start ? { start } : {}) };
    return this.send(conv, 'Här är länken till videomötet.', 'video', payload);
  }

  /** Hands over to a queue, and to a named person when `to` is given (who then writes). */
  handOver(conv: Conversation, toQueue: Queue, to?: Author): Message {
    const payload: HandoverPayload = { from: this.clinician, toQueue, ...(to ? { to } : {}) };
    const text = to ? `Du kopplas vidare till ${to.name ?? QUEUE_TEXT[toQueue]} (${QUEUE_TEXT[toQueue]}).` : `Du kopplas vidare till ${QUEUE_TEXT[toQueue]}.`;
    const m = this.s.addMessage(conv, { author: { role: 'system' }, kind: 'handover', text, payload });
    if (to) {
      this.clinician = to;
      this.s.updateConversation(conv, { assignee: to });
    } else {
      this.s.updateConversation(conv, conv.mode === 'sync'
        ? { status: 'queued', assignee: undefined, queue: { position: 1, estimatedWaitMinutes: 5 } }
        : { status: 'waiting-for-clinic', assignee: undefined });
    }
    return m;
  }

  /** Closes; with an evaluation payload, the evaluation request follows the closing note. */
  close(conv: Conversation, evaluation?: EvaluationPayload): void {
    this.s.addMessage(conv, { author: { role: 'system' }, kind: 'system', text: 'Chatten är avslutad.', payload: { event: 'closed' } });
    if (evaluation) this.s.addMessage(conv, { author: { role: 'system' }, kind: 'evaluation', text: 'Hur nöjd är du med chatten?', payload: evaluation });
    this.s.updateConversation(conv, { status: 'closed', queue: undefined });
  }

  /** Closes with the reference evaluation (a five-step scale with its own labels), as the reference server does. */
  closeWithEvaluation(conv: Conversation): void {
    this.close(conv, { questionnaire: EVALUATION_QUESTIONNAIRE });
  }

  /** The clinic starts a conversation with the patient (follow-up, rebooking, …). */
  start(text: string, mode: ConversationMode): Conversation {
    const conv = this.s.createConversation(mode, 'clinic');
    this.s.updateConversation(conv, { assignee: this.clinician, status: mode === 'async' ? 'waiting-for-patient' : 'active', queue: undefined });
    this.s.addMessage(conv, { author: this.clinician, kind: 'text', text });
    return conv;
  }

  /** Sync queue: the conversation's position (0 lets the clinician join). */
  setQueue(conv: Conversation, position: number, estimatedWaitMinutes: number): void {
    if (position <= 0) this.join(conv);
    else this.s.updateConversation(conv, { status: 'queued', assignee: undefined, queue: { position, estimatedWaitMinutes } });
  }

  typing(conv: Conversation, typing: boolean): void {
    this.s.event({ type: 'typing', id: '', conversationId: conv.id, typing, author: this.clinician });
  }

  presence(conv: Conversation, online: boolean): void {
    this.s.event({ type: 'presence', id: '', conversationId: conv.id, online, author: this.clinician });
  }

  /** The clinician joins a queued or unassigned conversation (a system note, then active). */
  join(conv: Conversation): void {
    if (conv.status !== 'queued' && conv.assignee) return;
    const who = [this.clinician.name, this.clinician.profession && `(${this.clinician.profession})`].filter(Boolean).join(' ');
    this.s.addMessage(conv, { author: { role: 'system' }, kind: 'system', text: `${who} anslöt till chatten.`, payload: { event: 'joined', author: this.clinician } });
    this.s.updateConversation(conv, { assignee: this.clinician, status: conv.mode === 'sync' ? 'active' : conv.status, queue: undefined });
  }

  /** After a patient message: typing, then a short answer (when autoReply is on). */
  patientWrote(conversationId: string): void {
    if (!this.autoReply) return;
    this.later(this.replyDelayMs, () => {
      const conv = this.s.conv(conversationId);
      if (!conv || conv.status === 'closed') return;
      this.typing(conv, true);
      this.later(Math.min(800, this.replyDelayMs), () => {
        const c = this.s.conv(conversationId);
        if (c && c.status !== 'closed') this.send(c, 'Tack för ditt meddelande. Jag läser det nu och svarar så snart jag kan.');
      });
    });
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private markPatientMessagesRead(conv: Conversation): void {
    const now = new Date().toISOString();
    for (const m of this.s.messagesOf(conv.id)) {
      if (m.author.role === 'patient' && !m.readAt) {
        m.readAt = now;
        this.s.event({ type: 'message', id: '', message: structuredClone(m) });
      }
    }
  }
}
