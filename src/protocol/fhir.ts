/**
 * The FHIR R4 shapes that travel in the protocol: a `Questionnaire` (triage, inline forms,
 * evaluations) and a `QuestionnaireResponse` (the patient's answers). The wire check is
 * structural; the triage engine (src/core/triage/) checks a questionnaire's meaning and the
 * server checks a response against the questionnaire it served.
 */
import * as v from 'valibot';
import { Label, MAX_MESSAGE_LENGTH } from './primitives.js';

const MAX_ITEMS = 200;
const FhirString = v.pipe(v.string(), v.maxLength(MAX_MESSAGE_LENGTH));
const LinkId = v.pipe(v.string(), v.minLength(1), v.maxLength(255));

export const Coding = v.object({
  system: v.optional(v.pipe(v.string(), v.maxLength(500))),
  version: v.optional(Label),
  code: v.optional(v.pipe(v.string(), v.maxLength(255))),
  display: v.optional(Label),
});
export type Coding = v.InferOutput<typeof Coding>;

/** One questionnaire item; the structure only (types, options and conditions: the triage engine). */
export interface QuestionnaireItem {
  linkId: string;
  type: string;
  text?: string;
  item?: QuestionnaireItem[];
  [key: string]: unknown;
}
export const QuestionnaireItem: v.GenericSchema<QuestionnaireItem> = v.looseObject({
  linkId: LinkId,
  type: v.pipe(v.string(), v.maxLength(40)),
  text: v.optional(FhirString),
  item: v.optional(v.pipe(v.array(v.lazy(() => QuestionnaireItem)), v.maxLength(MAX_ITEMS))),
});

/** A FHIR R4 Questionnaire; fields beyond these pass through to the triage engine. */
export interface Questionnaire {
  resourceType: 'Questionnaire';
  id?: string;
  url?: string;
  title?: string;
  status?: string;
  item?: QuestionnaireItem[];
  [key: string]: unknown;
}
export const Questionnaire: v.GenericSchema<Questionnaire> = v.looseObject({
  resourceType: v.literal('Questionnaire'),
  id: v.optional(Label),
  url: v.optional(v.pipe(v.string(), v.maxLength(500))),
  title: v.optional(Label),
  status: v.optional(v.pipe(v.string(), v.maxLength(40))),
  item: v.optional(v.pipe(v.array(QuestionnaireItem), v.maxLength(MAX_ITEMS))),
});

/** One answer: exactly one value[x] of the types our subset uses, and nested items. */
export type QuestionnaireResponseAnswer = (
  | { valueBoolean: boolean }
  | { valueDecimal: number }
  | { valueInteger: number }
  | { valueDate: string }
  | { valueDateTime: string }
  | { valueString: string }
  | { valueCoding: Coding }
) & { item?: QuestionnaireResponseItem[] };

export interface QuestionnaireResponseItem {
  linkId: string;
  text?: string;
  answer?: QuestionnaireResponseAnswer[];
  item?: QuestionnaireResponseItem[];
}

const nested = () => v.optional(v.pipe(v.array(v.lazy(() => QuestionnaireResponseItem)), v.maxLength(MAX_ITEMS)));
const answerWith = <K extends string, S extends v.GenericSchema>(key: K, value: S) =>
  v.strictObject({ [key]: value, item: nested() } as { [P in K]: S } & { item: ReturnType<typeof nested> });

export const QuestionnaireResponseAnswer: v.GenericSchema<QuestionnaireResponseAnswer> = v.union([
  answerWith('valueBoolean', v.boolean()),
  answerWith('valueDecimal', v.pipe(v.number(), v.finite())),
  answerWith('valueInteger', v.pipe(v.number(), v.integer())),
  answerWith('valueDate', v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/))),
  answerWith('valueDateTime', v.pipe(v.string(), v.maxLength(40), v.isoTimestamp())),
  answerWith('valueString', FhirString),
  answerWith('valueCoding', Coding),
]) as v.GenericSchema<QuestionnaireResponseAnswer>;

export const QuestionnaireResponseItem: v.GenericSchema<QuestionnaireResponseItem> = v.object({
  linkId: LinkId,
  text: v.optional(FhirString),
  answer: v.optional(v.pipe(v.array(QuestionnaireResponseAnswer), v.maxLength(MAX_ITEMS))),
  item: nested(),
});

export const QuestionnaireResponseStatus = v.picklist(['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped']);

export interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  status: v.InferOutput<typeof QuestionnaireResponseStatus>;
  /** The canonical URL or id of the questionnaire answered. */
  questionnaire?: string;
  authored?: string;
  item?: QuestionnaireResponseItem[];
}
export const QuestionnaireResponse: v.GenericSchema<QuestionnaireResponse> = v.object({
  resourceType: v.literal('QuestionnaireResponse'),
  status: QuestionnaireResponseStatus,
  questionnaire: v.optional(v.pipe(v.string(), v.maxLength(500))),
  authored: v.optional(v.pipe(v.string(), v.maxLength(40), v.isoTimestamp())),
  item: v.optional(v.pipe(v.array(QuestionnaireResponseItem), v.maxLength(MAX_ITEMS))),
});
