import * as v from 'valibot';
import { PathKey } from '../primitives.js';
import { Questionnaire } from '../fhir.js';

/** `questionnaire`: an inline form (information before a visit); answered with a QuestionnaireResponse. */
export const QuestionnaireOffer = v.object({ questionnaire: Questionnaire });
export const QuestionnairePayload = v.object({ actionId: PathKey, ...QuestionnaireOffer.entries });
export type QuestionnairePayload = v.InferOutput<typeof QuestionnairePayload>;
