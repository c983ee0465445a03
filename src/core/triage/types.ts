/**
 * The FHIR R4 subset the triage engine understands (see the README, "Pre-chat triage").
 * Framework-free. Shapes follow the R4 JSON; anything not listed here is checked by
 * `checkQuestionnaire` and rejected when it would change the form's meaning.
 */

export interface Coding {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
}

export interface Extension {
  url: string;
  valueString?: string;
  valueBoolean?: boolean;
  valueCode?: string;
  [key: string]: unknown;
}

/** Item types we render; the other R4 types are rejected by the check. */
export const SUPPORTED_TYPES = [
  'group', 'display', 'boolean', 'choice', 'open-choice', 'string', 'text', 'integer', 'decimal', 'date',
] as const;
export type ItemType = (typeof SUPPORTED_TYPES)[number];

export const OPERATORS = ['exists', '=', '!=', '>', '<', '>=', '<='] as const;
export type Operator = (typeof OPERATORS)[number];

export interface EnableWhen {
  question: string;
  operator: Operator;
  answerBoolean?: boolean;
  answerDecimal?: number;
  answerInteger?: number;
  answerDate?: string;
  answerString?: string;
  answerCoding?: Coding;
}

export interface AnswerOption {
  valueCoding?: Coding;
  valueString?: string;
  valueInteger?: number;
  initialSelected?: boolean;
  extension?: Extension[];
}

export interface QuestionnaireItem {
  linkId: string;
  type: ItemType;
  text?: string;
  prefix?: string;
  required?: boolean;
  repeats?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  enableWhen?: EnableWhen[];
  enableBehavior?: 'all' | 'any';
  answerOption?: AnswerOption[];
  initial?: Answer[];
  item?: QuestionnaireItem[];
  extension?: Extension[];
}

export interface Questionnaire {
  resourceType: 'Questionnaire';
  id?: string;
  url?: string;
  version?: string;
  title?: string;
  status?: string;
  language?: string;
  item?: QuestionnaireItem[];
  extension?: Extension[];
  [key: string]: unknown;
}

/** One answer value, as FHIR's QuestionnaireResponse.item.answer (exactly one value[x]). */
export type Answer =
  | { valueBoolean: boolean }
  | { valueDecimal: number }
  | { valueInteger: number }
  | { valueDate: string }
  | { valueString: string }
  | { valueCoding: Coding };

/** The answers so far, by linkId (linkIds are unique within a questionnaire). */
export type Answers = Readonly<Record<string, readonly Answer[]>>;

export interface QuestionnaireResponseItem {
  linkId: string;
  text?: string;
  answer?: Answer[];
  item?: QuestionnaireResponseItem[];
}

export interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  questionnaire?: string;
  status: 'in-progress' | 'completed';
  authored?: string;
  item?: QuestionnaireResponseItem[];
  [key: string]: unknown;
}

/** A problem with the questionnaire itself: `invalid` breaks R4, `unsupported` is outside our subset. */
export interface QuestionnaireIssue {
  code: 'invalid' | 'unsupported';
  /** The item concerned, when there is one. */
  linkId?: string;
  /** What is wrong, e.g. `type "attachment"`, `answerValueSet`, `enableWhen.question "x"`. */
  feature: string;
}

/** A problem with an answer the patient gave. */
export interface AnswerIssue {
  linkId: string;
  code: 'required' | 'max-length' | 'integer' | 'decimal' | 'date' | 'option' | 'boolean';
  /** For max-length: the limit. */
  max?: number;
}

/** Our documented extensions. */
export const RED_FLAG_URL = 'https://vardchat.se/fhir/StructureDefinition/red-flag';
export const CONTACT_REASON_URL = 'https://vardchat.se/fhir/StructureDefinition/contact-reason';
