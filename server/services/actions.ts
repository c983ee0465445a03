/**
 * Actions and evaluations: what a clinician offers (booking slots, call-back windows, a
 * questionnaire; the server assigns the actionId), the patient's one answer to each, and the one
 * evaluation per conversation — all checked against what was offered, stored, and shown to staff
 * as question → answer lines.
 */
import * as v from 'valibot';
import {
  BookingAnswer, CallbackAnswer, KIND_ANSWERS, parseKindPayload, QuestionnaireResponse,
  type ActionAnswer, type BookingPayload, type CallbackPayload, type QuestionnairePayload,
} from '../../src/protocol/index.js';
import { EVALUATION_QUESTIONNAIRE } from '../../src/protocol/examples.js';
import type { ActionKind, ActionView, AnswerLine, EvaluationSummary, EvaluationView } from '../../src/protocol/console.js';
import { ApiError, invalid, notFound } from '../errors.js';
import type { ActionRecord, EvaluationRecord, MessageRecord, Store } from '../store/store.js';
import { now, type Conversations, type PatientWho } from './conversations.js';
import { emitAnswer } from './events.js';
import { QUEUES } from './queues.js';
import { answerLines, answerText, checkResponse, loadQuestionnaire, type Questionnaire } from './triage.js';

/** The evaluation the server asks for after closing: a five-step scale with its own labels, and a comment. */
export const evaluationQuestionnaire: Questionnaire = loadQuestionnaire(EVALUATION_QUESTIONNAIRE, 'evaluation questionnaire');

export const isActionKind = (k: string): k is ActionKind => k === 'booking' || k === 'callback' || k === 'questionnaire';

const when = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
const clock = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' });
/** "tisdag 3 december 09:00–09:20" */
export const span = (start: string, end: string): string => `${when.format(new Date(start))}–${clock.format(new Date(end))}`;

export class Actions {
  constructor(private readonly store: Store, private readonly conversations: Conversations) {}

  /** The patient answers an action of their conversation, once. */
  async answer(patient: PatientWho, conversationId: string, actionId: string, response: ActionAnswer): Promise<void> {
    await this.store.transaction(async (tx) => {
      const c = await this.conversations.own(patient, conversationId, tx);
      const action = await tx.findAction(c.id, actionId);
      if (!action || !isActionKind(action.kind)) throw notFound();
      const message = await tx.findMessage(c.id, action.messageId);
      if (!message) throw notFound();
      if (action.answeredAt !== null) throw new ApiError(409, 'already-answered');
      checkAnswer(action.kind, message, response);
      if (!(await tx.answerAction(c.id, actionId, response, now()))) throw new ApiError(409, 'already-answered');
      const answered = await tx.findAction(c.id, actionId);
      if (answered) await emitAnswer(tx, c, { kind: 'action', action: actionView(answered, message) });
    });
  }

  /** The patient's evaluation, checked against the questionnaire the server asked with; once. */
  async evaluate(patient: PatientWho, conversationId: string, response: QuestionnaireResponse): Promise<void> {
    await this.store.transaction(async (tx) => {
      const c = await this.conversations.own(patient, conversationId, tx);
      const q = await askedEvaluation(tx, c.id);
      checkResponse(q, response, 'evaluation');
      const record: EvaluationRecord = { conversationId: c.id, questionnaire: q, response, queue: c.queue, createdAt: now() };
      if (!(await tx.insertEvaluation(record))) throw new ApiError(409, 'already-answered');
      await emitAnswer(tx, c, { kind: 'evaluation', evaluation: evaluationView(record) });
    });
  }

  /** Every action of a conversation, with its answer (console detail). */
  async list(conversationId: string, messages: readonly MessageRecord[]): Promise<ActionView[]> {
    const byId = new Map(messages.map((m) => [m.id, m]));
    const out: ActionView[] = [];
    for (const a of await this.store.listActions(conversationId)) {
      const m = byId.get(a.messageId);
      if (m && isActionKind(a.kind)) out.push(actionView(a, m));
    }
    return out;
  }

  /** Evaluations per queue: counts per answer option with the scale's own labels. */
  async summary(queue?: string): Promise<EvaluationSummary> {
    const all = await this.store.listEvaluations(queue);
    const queues = QUEUES.filter((q) => queue === undefined || q === queue);
    return {
      queues: queues.map((q) => {
        const mine = all.filter((e) => e.queue === q);
        return {
          queue: q,
          count: mine.length,
          items: (evaluationQuestionnaire.item ?? []).filter((i) => i.type !== 'display' && i.type !== 'group').map((item) => {
            const answersOf = (e: EvaluationRecord) => ((e.response as QuestionnaireResponse).item ?? []).filter((i) => i.linkId === item.linkId).flatMap((i) => i.answer ?? []);
            const options = (item.answerOption ?? []).map((o) => {
              const code = o.valueCoding?.code ?? String(o.valueInteger ?? o.valueString ?? '');
              const label = o.valueCoding?.display ?? code;
              const count = mine.filter((e) => answersOf(e).some((a) => answerText(item, a) === label)).length;
              return { code, label, count };
            });
            return { linkId: item.linkId, question: item.text ?? item.linkId, options, answered: mine.filter((e) => answersOf(e).length > 0).length };
          }),
        };
      }),
    };
  }
}

/** The questionnaire of the conversation's last evaluation request, else the server's own. */
export async function askedEvaluation(store: Store, conversationId: string): Promise<Questionnaire> {
  const messages = await store.listMessages(conversationId);
  const asked = messages.filter((m) => m.kind === 'evaluation').at(-1);
  const payload = asked ? parseKindPayload('evaluation', asked.payload) : null;
  return payload?.questionnaire ? loadQuestionnaire(payload.questionnaire, 'evaluation') : evaluationQuestionnaire;
}

/** The answer fits the kind and what was offered (a slot or window that was offered; a response to that questionnaire). */
function checkAnswer(kind: ActionKind, message: MessageRecord, response: ActionAnswer): void {
  if (!v.is(KIND_ANSWERS[kind], response)) throw invalid(`the answer does not fit a ${kind}`);
  if (kind === 'booking') {
    const offer = parseKindPayload('booking', message.payload);
    const a = v.parse(BookingAnswer, response);
    if ('slotId' in a && !offer?.slots.some((s) => s.id === a.slotId)) throw invalid('booking: slotId was not offered');
  } else if (kind === 'callback') {
    const offer = parseKindPayload('callback', message.payload);
    const a = v.parse(CallbackAnswer, response);
    if ('windowId' in a && !offer?.windows.some((w) => w.id === a.windowId)) throw invalid('callback: windowId was not offered');
  } else {
    const offer = parseKindPayload('questionnaire', message.payload);
    if (!offer) throw invalid('questionnaire: the offer is gone');
    checkResponse(loadQuestionnaire(offer.questionnaire, 'questionnaire'), v.parse(QuestionnaireResponse, response), 'questionnaire');
  }
}

export function actionView(a: ActionRecord, message: MessageRecord): ActionView {
  const kind = a.kind as ActionKind;
  const view: ActionView = { actionId: a.actionId, kind, messageId: a.messageId, offeredAt: a.createdAt, lines: [] };
  if (a.answeredAt === null || a.response === null) return view;
  view.answeredAt = a.answeredAt;
  view.response = a.response as ActionAnswer;
  view.lines = actionLines(kind, message.payload, a.response as ActionAnswer);
  return view;
}

/** An answer as text: the chosen slot or window, a decline, or each question → answer. */
export function actionLines(kind: ActionKind, payload: unknown, response: ActionAnswer): AnswerLine[] {
  const line = (question: string, answers: string[]): AnswerLine => ({ linkId: kind, question, answers, depth: 0 });
  if (kind === 'booking') {
    const offer = parseKindPayload('booking', payload) as BookingPayload | null;
    if ('declined' in response) return [line('Bokning', ['Patienten vill ha andra tider'])];
    const slot = 'slotId' in response ? offer?.slots.find((s) => s.id === response.slotId) : undefined;
    if (!slot) return [line('Bokning', ['Okänd tid'])];
    const type = slot.type === 'video' ? 'videomöte' : 'besök';
    return [line('Vald tid', [`${span(slot.start, slot.end)} (${type}${slot.label ? `, ${slot.label}` : ''})`])];
  }
  if (kind === 'callback') {
    const offer = parseKindPayload('callback', payload) as CallbackPayload | null;
    if ('declined' in response) return [line('Återuppringning', ['Patienten vill inte bli uppringd'])];
    const w = 'windowId' in response ? offer?.windows.find((x) => x.id === response.windowId) : undefined;
    const lines = [line('Ring upp', [w ? span(w.start, w.end) : 'Okänd tid'])];
    if ('phone' in response && response.phone) lines.push(line('Telefonnummer (rättat av patienten)', [response.phone]));
    return lines;
  }
  const offer = parseKindPayload('questionnaire', payload) as QuestionnairePayload | null;
  const r = v.safeParse(QuestionnaireResponse, response);
  if (!r.success) return [];
  let q: Questionnaire | undefined;
  try {
    q = offer ? loadQuestionnaire(offer.questionnaire, 'questionnaire') : undefined;
  } catch {
    q = undefined;
  }
  return answerLines(q, r.output);
}

export function evaluationView(e: EvaluationRecord): EvaluationView {
  const response = e.response as QuestionnaireResponse;
  let q: Questionnaire | undefined;
  try {
    q = loadQuestionnaire(e.questionnaire, 'evaluation');
  } catch {
    q = undefined;
  }
  return { createdAt: e.createdAt, lines: answerLines(q, response), response };
}
