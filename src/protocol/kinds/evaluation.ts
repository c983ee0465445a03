import * as v from 'valibot';
import { Questionnaire } from '../fhir.js';

/** `evaluation`: sent after closing; answered at `POST …/evaluation`. Without a questionnaire the widget asks its default. */
export const EvaluationPayload = v.object({ questionnaire: v.optional(Questionnaire) });
export type EvaluationPayload = v.InferOutput<typeof EvaluationPayload>;
