/**
 * The check of a triage questionnaire from a backend (see validate.ts). A module of its own:
 * only a patient who starts a new chat fetches one, so a session with an open conversation
 * does not download the FHIR schemas.
 */
import { parseWith } from '../protocol/parse.js';
import { Questionnaire as QuestionnaireSchema } from '../protocol/fhir.js';
import type { Questionnaire } from './types.js';
import { defaultWarn, tagged } from './validate.js';

export function parseQuestionnaire(value: unknown, warn = defaultWarn): Questionnaire | null {
  return parseWith(QuestionnaireSchema, value, tagged('questionnaire', warn));
}
