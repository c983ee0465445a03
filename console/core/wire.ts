/**
 * The console API's shapes: re-exported from the protocol module (src/protocol/console.ts and
 * the patient protocol's modules), never declared here. `checked(schema)` turns a schema into
 * the API client's response check (valibot, no eval: fine under the console's strict CSP).
 */
import * as v from 'valibot';
import type { Check } from './api.js';

export {
  ConversationDetail, EvaluationSummary, LoginOptions, Overview, RecordNote, StaffEvent, StaffMe, StaffMeAnswer, StaffSession,
  type ActionView, type AnswerLine, type ConsoleConversation, type ConsoleSendBody, type EvaluationView,
  type HandoverBody, type PatientRef, type QueueSummary, type StartClinicConversationBody, type TriageView,
} from '../../src/protocol/console.js';
export { Conversation } from '../../src/protocol/api.js';
export { Message, parseKindPayload, type BookingSlot, type CallbackWindow } from '../../src/protocol/messages.js';
export { ErrorBody, QUEUES, type Author, type Queue } from '../../src/protocol/primitives.js';
export type { Questionnaire } from '../../src/protocol/fhir.js';
export { AttachmentRef, ATTACHMENT_NAME_HEADER, ATTACHMENT_TYPES, MAX_ATTACHMENTS_PER_MESSAGE, attachmentProblem, isImageType, parseAttachment } from '../../src/protocol/attachments.js';
export { TemplateList, fillTemplate, placeholdersIn, type MessageTemplate, type TemplateValues } from '../../src/protocol/templates.js';

/** A response check from a schema: the parsed value, or a throw (the client reports `response`). */
export function checked<S extends v.GenericSchema>(schema: S): Check<v.InferOutput<S>> {
  return (value) => v.parse(schema, value);
}
