/**
 * One whole message of every kind, and the patient's answer where the kind expects one.
 * docs/openapi.yaml carries them (backend authors copy from there), the mock backend and the
 * tests use them, and a test checks each against its schema.
 */
import type { Message } from './messages.js';
import { EVALUATION_QUESTIONNAIRE } from './evaluation.js';

const conversationId = 'c-3f9a';
const at = '2026-12-03T09:12:00.000Z';
const nurse = { role: 'clinician', name: 'Anna Lind', profession: 'sjuksköterska' } as const;
const system = { role: 'system' } as const;

const evaluationQuestionnaire = EVALUATION_QUESTIONNAIRE;

export interface KindExample {
  message: Message;
  /** The body the patient posts, when the kind expects an answer. */
  answer?: { path: string; body: unknown };
  /** Other valid answers (a decline, a corrected phone number). */
  otherAnswers?: unknown[];
}

const msg = (seq: number, kind: string, author: Message['author'], text: string, payload?: unknown): Message => ({
  id: `m-${seq}`, conversationId, seq, author, kind, text, createdAt: at, ...(payload === undefined ? {} : { payload }),
});

export const KIND_EXAMPLES: Record<string, KindExample> = {
  text: {
    message: { ...msg(1, 'text', { role: 'patient', name: 'Test Testsson' }, 'Hej, jag har ont i halsen sedan tre dagar.'), clientId: 'c1-7d2e' },
  },
  'text (attachments)': {
    message: {
      ...msg(12, 'text', { role: 'patient', name: 'Test Testsson' }, 'Så här ser utslaget ut i dag.'),
      clientId: 'c1-9a41',
      attachments: [
        { id: 'att-5b0c', name: 'utslag.jpg', type: 'image/jpeg', size: 284_113, width: 1536, height: 2048, alt: 'Rött utslag på underarmen' },
        { id: 'att-77e1', name: 'recept.pdf', type: 'application/pdf', size: 48_204 },
      ],
    },
  },
  'system (joined)': {
    message: msg(2, 'system', system, 'Anna Lind (sjuksköterska) anslöt till chatten.', { event: 'joined', author: nurse }),
  },
  'system (closed)': {
    message: msg(9, 'system', system, 'Chatten är avslutad.', { event: 'closed' }),
  },
  'handover (queue)': {
    message: msg(3, 'handover', system, 'Du kopplas vidare till läkare.', { from: nurse, toQueue: 'doctor' }),
  },
  'handover (person)': {
    message: msg(4, 'handover', system, 'Du kopplas vidare till Erik Berg (läkare).', {
      from: nurse, toQueue: 'doctor', to: { role: 'clinician', name: 'Erik Berg', profession: 'läkare' },
    }),
  },
  booking: {
    message: msg(5, 'booking', nurse, 'Här är tider du kan välja mellan.', {
      actionId: 'a-booking-1',
      slots: [
        { id: 's-1', start: '2026-12-04T08:00:00.000Z', end: '2026-12-04T08:20:00.000Z', type: 'visit', label: 'Vårdcentralen Exempel, mottagning 2' },
        { id: 's-2', start: '2026-12-04T13:00:00.000Z', end: '2026-12-04T13:15:00.000Z', type: 'video', label: 'Videomöte med Anna Lind' },
      ],
    }),
    answer: { path: '/conversations/c-3f9a/actions/a-booking-1', body: { response: { slotId: 's-1' } } },
    otherAnswers: [{ response: { declined: true } }],
  },
  callback: {
    message: msg(6, 'callback', nurse, 'Vi ringer upp dig. Välj en tid som passar.', {
      actionId: 'a-callback-1',
      windows: [
        { id: 'w-1', start: '2026-12-03T13:00:00.000Z', end: '2026-12-03T14:00:00.000Z' },
        { id: 'w-2', start: '2026-12-04T07:00:00.000Z', end: '2026-12-04T08:00:00.000Z' },
      ],
      phoneHint: '•••• 12 34',
    }),
    answer: { path: '/conversations/c-3f9a/actions/a-callback-1', body: { response: { windowId: 'w-1' } } },
    otherAnswers: [{ response: { windowId: 'w-2', phone: '070-123 45 67' } }, { response: { declined: true } }],
  },
  video: {
    message: msg(7, 'video', nurse, 'Här är länken till ditt videomöte.', { url: 'https://video.vardcentralen.example.se/m/8f2k', start: '2026-12-04T13:00:00.000Z' }),
  },
  'video (no time)': {
    message: msg(8, 'video', nurse, 'Här är länken till ditt videomöte.', { url: 'https://video.vardcentralen.example.se/m/8f2k' }),
  },
  questionnaire: {
    message: msg(10, 'questionnaire', nurse, 'Svara gärna på några frågor inför ditt besök.', {
      actionId: 'a-form-1',
      questionnaire: {
        resourceType: 'Questionnaire', id: 'before-visit', status: 'active',
        item: [
          { linkId: 'allergy', type: 'boolean', text: 'Har du någon allergi?', required: true },
          { linkId: 'medicines', type: 'string', text: 'Vilka läkemedel tar du?' },
        ],
      },
    }),
    answer: {
      path: '/conversations/c-3f9a/actions/a-form-1',
      body: {
        response: {
          resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'Questionnaire/before-visit',
          item: [
            { linkId: 'allergy', text: 'Har du någon allergi?', answer: [{ valueBoolean: false }] },
            { linkId: 'medicines', text: 'Vilka läkemedel tar du?', answer: [{ valueString: 'Inga' }] },
          ],
        },
      },
    },
  },
  evaluation: {
    message: msg(11, 'evaluation', system, 'Hur nöjd är du med chatten?', { questionnaire: evaluationQuestionnaire }),
    answer: {
      path: '/conversations/c-3f9a/evaluation',
      body: {
        answers: {
          resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'Questionnaire/chat-evaluation',
          item: [{ linkId: 'satisfaction', answer: [{ valueCoding: { code: '5', display: 'Mycket nöjd' } }] }],
        },
      },
    },
  },
};

/** The reference evaluation questionnaire: a five-step scale with its own labels, and a comment. */
export { EVALUATION_QUESTIONNAIRE };
