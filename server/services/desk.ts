/**
 * The clinician's side: overview, take next, reply and offer, hand over, close, clinic-started
 * conversations, presence, and the conversation detail with the patient's answers.
 */
import { randomUUID } from 'node:crypto';
import type { Author, Conversation, Message } from '../../src/protocol/index.js';
import type { ConsoleSendBody, ConversationDetail, HandoverBody, Overview, StartClinicConversationBody, TriageView } from '../../src/protocol/console.js';
import { ApiError, invalid, notFound } from '../errors.js';
import type { ConversationRecord, MessageRecord, Store } from '../store/store.js';
import { Attachments } from './attachments.js';
import { evaluationView, isActionKind, evaluationQuestionnaire, type Actions } from './actions.js';
import { checkText, now, type Conversations } from './conversations.js';
import { emitConversation, emitPresence, emitTyping } from './events.js';
import { profession, QUEUES, type Queue } from './queues.js';
import { answerLines, loadQuestionnaire } from './triage.js';
import { consoleConversationView, conversationView, messageView } from './views.js';
import { noteView } from './notes.js';

export interface StaffWho {
  name: string;
  profession: string | null;
  queue: string | null;
}

export const clinician = (s: StaffWho): Author & { role: 'clinician'; name: string; profession: string } => ({
  role: 'clinician', name: s.name, profession: s.profession ?? profession(s.queue ?? 'nurse'),
});

export class Desk {
  /** Open console streams per clinician name (presence; this process's streams). */
  private readonly streams = new Map<string, number>();

  constructor(private readonly store: Store, private readonly conversations: Conversations, private readonly actions: Actions) {}

  /** Queues and patients, and the conversations `visible` lets through (the clinician's; all when absent). */
  async overview(visible: (c: ConversationRecord) => boolean = () => true): Promise<Overview> {
    const all = await this.store.listConversations();
    const rows = all.filter(visible);
    const conversations = await Promise.all(rows.map((r) => consoleConversationView(this.store, r, r.patientName)));
    const waitingIn = (q: Queue) => all.filter((r) => r.queue === q && (r.status === 'queued' || (r.status === 'waiting-for-clinic' && !r.assignee)));
    const queues = QUEUES.map((name) => {
      const waiting = waitingIn(name);
      const oldest = waiting.map((r) => r.updatedAt).sort()[0];
      return oldest ? { name, waiting: waiting.length, oldestWaitingSince: oldest } : { name, waiting: 0 };
    });
    const patients = (await this.store.listPatients()).map((p) => ({ subject: p.subject, name: p.name }));
    return { queues, conversations, patients };
  }

  async detail(id: string): Promise<ConversationDetail> {
    const c = await this.conversations.find(id);
    const messages = await this.store.listMessages(c.id);
    const detail: ConversationDetail = {
      conversation: await consoleConversationView(this.store, c),
      messages: messages.map(messageView),
      actions: await this.actions.list(c.id, messages),
    };
    const triage = await this.triage(c.id);
    if (triage) detail.triage = triage;
    const evaluation = await this.store.findEvaluation(c.id);
    if (evaluation) detail.evaluation = evaluationView(evaluation);
    const notes = await this.store.listNotes(c.id);
    if (notes.length) detail.notes = notes.map(noteView);
    // notifications (server/notify/): when the patient was told of new messages
    const notified = await this.store.listNotifiedFor(c.id);
    if (notified.length) detail.notified = notified;
    return detail;
  }

  async triage(conversationId: string): Promise<TriageView | undefined> {
    const t = await this.store.findTriage(conversationId);
    if (!t) return undefined;
    const q = loadQuestionnaire(t.questionnaire, 'triage');
    const response = t.response as TriageView['response'];
    const view: TriageView = { lines: answerLines(q, response, t.redFlags), redFlags: t.redFlags, response };
    if (typeof q.title === 'string') view.title = q.title;
    if (response.authored) view.authored = response.authored;
    return view;
  }

  /** Takes the next conversation of a queue (404 when none waits). */
  async takeNext(staff: StaffWho, queue: Queue | undefined): Promise<Conversation> {
    return this.store.transaction(async (tx) => {
      const next = await tx.nextInQueue(queue ?? (staff.queue as Queue | null) ?? 'nurse');
      if (!next) throw notFound();
      return conversationView(tx, await this.join(tx, staff, next));
    });
  }

  /** The clinic starts a conversation with a patient it knows. */
  async start(staff: StaffWho, body: StartClinicConversationBody): Promise<Conversation> {
    checkText(body.text);
    return this.store.transaction(async (tx) => {
      if (!(await tx.findPatient(body.patient))) throw notFound();
      const mode = body.mode ?? 'async';
      const t = now();
      const c = await tx.insertConversation({
        id: randomUUID(), patient: body.patient, mode, status: mode === 'async' ? 'waiting-for-patient' : 'active', initiator: 'clinic',
        queue: staff.queue ?? 'nurse', assignee: clinician(staff), subject: body.subject || null, reason: null, expectedAnswerBy: null, createdAt: t, updatedAt: t,
      });
      await emitConversation(tx, c);
      await this.conversations.add(tx, c, { author: clinician(staff), kind: 'text', text: body.text });
      return conversationView(tx, c);
    });
  }

  /**
   * A clinician's message or offer; offers get a server-assigned actionId. Text with a clientId
   * is idempotent (the same text and files again → the same message, `created` false; anything
   * else → 409) and may carry the files this clinician uploaded for it (with files the text may
   * be empty).
   */
  async send(staff: StaffWho, id: string, body: ConsoleSendBody): Promise<{ created: boolean; message: Message }> {
    const clientId = body.kind === 'text' ? body.clientId : undefined;
    const count = body.kind === 'text' ? body.attachmentCount ?? 0 : 0;
    if (count === 0 || body.text.trim()) checkText(body.text);
    if (body.kind === 'questionnaire') {
      try {
        loadQuestionnaire(body.payload.questionnaire, 'questionnaire');
      } catch {
        throw invalid('questionnaire: outside the supported FHIR subset');
      }
    }
    const same = (m: MessageRecord) => m.author.role === 'clinician' && m.kind === body.kind && m.text === body.text && (m.attachments?.length ?? 0) === count;
    return this.store.transaction(async (tx) => {
      let c = await this.conversations.find(id, tx);
      if (clientId !== undefined) {
        const existing = await tx.findMessageByClientId(c.id, clientId);
        if (existing) {
          if (!same(existing)) throw new ApiError(409, 'client-id-conflict');
          return { created: false, message: messageView(existing) };
        }
      }
      if (c.status === 'closed') throw new ApiError(409, 'conversation-closed');
      const attachments = clientId !== undefined && count ? await Attachments.forMessage(tx, c.id, clientId, count, 'clinician') : undefined;
      c = await this.join(tx, staff, c);
      const actionId = isActionKind(body.kind) ? `a-${randomUUID()}` : undefined;
      const payload = body.kind === 'text' ? undefined : actionId ? { actionId, ...body.payload } : body.payload;
      const r = await this.conversations.add(tx, c, {
        author: clinician(staff), kind: body.kind, text: body.text, payload,
        ...(clientId !== undefined ? { clientId } : {}), ...(attachments ? { attachments } : {}),
      });
      if (!r.created) {
        if (!same(r.message)) throw new ApiError(409, 'client-id-conflict');
        return { created: false, message: messageView(r.message) };
      }
      if (clientId !== undefined && attachments) await tx.linkAttachments(c.id, clientId, r.message.id);
      if (actionId) await tx.insertAction({ conversationId: c.id, actionId, messageId: r.message.id, kind: body.kind, createdAt: r.message.createdAt });
      await this.conversations.read(tx, c, 'staff');
      if (c.mode === 'async' && c.status !== 'waiting-for-patient') await this.conversations.update(tx, c, { status: 'waiting-for-patient' });
      return { created: r.created, message: messageView(r.message) };
    });
  }

  async typing(staff: StaffWho, id: string, typing: boolean): Promise<void> {
    await this.store.transaction(async (tx) => emitTyping(tx, await this.conversations.find(id, tx), 'patient', clinician(staff), typing));
  }

  async read(id: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      await this.conversations.read(tx, await this.conversations.find(id, tx), 'staff');
    });
  }

  /** Hands over to a queue, or to a named colleague in it (who then has it). */
  async handover(staff: StaffWho, id: string, body: HandoverBody): Promise<Conversation> {
    return this.store.transaction(async (tx) => {
      const c = await this.conversations.find(id, tx);
      if (c.status === 'closed') throw new ApiError(409, 'conversation-closed');
      const to = body.to ? { role: 'clinician' as const, name: body.to, profession: profession(body.queue) } : undefined;
      const text = to ? `Du kopplas vidare till ${to.name} (${to.profession}).` : `Du kopplas vidare till ${profession(body.queue)}.`;
      await this.conversations.add(tx, c, { author: { role: 'system' }, kind: 'handover', text, payload: { from: clinician(staff), toQueue: body.queue, ...(to ? { to } : {}) } });
      const status = to ? (c.status === 'queued' ? (c.mode === 'sync' ? 'active' : 'waiting-for-clinic') : c.status) : c.mode === 'sync' ? 'queued' : 'waiting-for-clinic';
      return conversationView(tx, await this.conversations.update(tx, c, { queue: body.queue, assignee: to ?? null, status }));
    });
  }

  /** Closes, and asks for an evaluation unless told not to. Closing twice changes nothing. */
  async close(id: string, evaluation: boolean): Promise<Conversation> {
    return this.store.transaction(async (tx) => {
      let c = await this.conversations.find(id, tx);
      if (c.status !== 'closed') {
        await this.conversations.add(tx, c, { author: { role: 'system' }, kind: 'system', text: 'Chatten är avslutad.', payload: { event: 'closed' } });
        if (evaluation) {
          await this.conversations.add(tx, c, { author: { role: 'system' }, kind: 'evaluation', text: 'Hur nöjd är du med chatten?', payload: { questionnaire: evaluationQuestionnaire } });
        }
        c = await this.conversations.update(tx, c, { status: 'closed' });
      }
      return conversationView(tx, c);
    });
  }

  /** Joins a conversation on the clinician's first act in it (system note, assignee, status). */
  private async join(tx: Store, staff: StaffWho, c: ConversationRecord): Promise<ConversationRecord> {
    const me = clinician(staff);
    if (c.assignee?.name === me.name && c.status !== 'queued') return c;
    await this.conversations.add(tx, c, { author: { role: 'system' }, kind: 'system', text: `${me.name} (${me.profession}) anslöt till chatten.`, payload: { event: 'joined', author: me } });
    const status = c.mode === 'sync' ? 'active' : c.status === 'queued' ? 'waiting-for-clinic' : c.status;
    const next = await this.conversations.update(tx, c, { assignee: me, status });
    if (this.online(me.name)) await emitPresence(tx, next, me, true);
    return next;
  }

  // ---- presence --------------------------------------------------------------------------

  private online(name: string): boolean {
    return (this.streams.get(name) ?? 0) > 0;
  }

  /** A console stream opened or closed: the patients of this clinician's open conversations hear when presence changes. */
  async streamOpened(staff: StaffWho): Promise<void> {
    const n = (this.streams.get(staff.name) ?? 0) + 1;
    this.streams.set(staff.name, n);
    if (n === 1) await this.announce(staff, true);
  }

  async streamClosed(staff: StaffWho): Promise<void> {
    const n = (this.streams.get(staff.name) ?? 1) - 1;
    if (n > 0) return void this.streams.set(staff.name, n);
    this.streams.delete(staff.name);
    await this.announce(staff, false);
  }

  private async announce(staff: StaffWho, online: boolean): Promise<void> {
    const me = clinician(staff);
    await this.store.transaction(async (tx) => {
      for (const c of await tx.listOpenAssignedTo(me.name)) await emitPresence(tx, c, me, online);
    });
  }
}
