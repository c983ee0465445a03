/**
 * Questionnaires the clinic can send in a conversation (information before a visit). Clinic
 * content, not protocol: a clinic edits or adds its own here. Plain FHIR R4 Questionnaires.
 */
import type { Questionnaire } from './wire.js';

export interface QuestionnaireTemplate {
  id: string;
  /** The name the nurse picks from, per language. */
  title: { sv: string; en: string };
  /** The text of the message to the patient (what the patient reads, in Swedish). */
  text: string;
  questionnaire: Questionnaire;
}

export const QUESTIONNAIRE_TEMPLATES: readonly QuestionnaireTemplate[] = [
  {
    id: 'pre-visit',
    title: { sv: 'Inför besöket', en: 'Before the visit' },
    text: 'Fyll gärna i några frågor före besöket.',
    questionnaire: {
      resourceType: 'Questionnaire', id: 'pre-visit', status: 'active', title: 'Inför besöket',
      item: [
        { linkId: 'since', type: 'string', text: 'Sedan när har du haft besvären?', required: true, maxLength: 200 },
        { linkId: 'fever', type: 'boolean', text: 'Har du feber?' },
        { linkId: 'medication', type: 'text', text: 'Vilka läkemedel tar du?', maxLength: 500 },
      ],
    },
  },
  {
    id: 'pain',
    title: { sv: 'Smärta', en: 'Pain' },
    text: 'Berätta gärna lite mer om din smärta.',
    questionnaire: {
      resourceType: 'Questionnaire', id: 'pain', status: 'active', title: 'Smärta',
      item: [
        { linkId: 'where', type: 'string', text: 'Var sitter smärtan?', required: true, maxLength: 200 },
        { linkId: 'level', type: 'integer', text: 'Hur ont har du på en skala från 0 till 10?', required: true },
        { linkId: 'night', type: 'boolean', text: 'Väcks du av smärtan på natten?' },
      ],
    },
  },
];
