/**
 * The conformance suite's schema checks: what a backend returns and delivers, and what the suite
 * hands it, against the protocol (src/protocol/). A problem is described by where it is and what
 * was expected, never by the value (it may be patient text).
 */
import * as v from 'valibot';
import { describeIssue } from '../protocol/index.js';
import { Questionnaire, QuestionnaireResponse } from '../protocol/fhir.js';
import { ActionAnswer, Message, isKindWithPayload, KIND_PAYLOADS } from '../protocol/messages.js';
import {
  BackendEvent, Conversation, ConversationSummary, MessagePage, PatientSession, SendMessageBody, StartConversationBody,
} from '../protocol/api.js';

export interface Violation { reason: string }

export class SchemaViolation extends Error {
  override readonly name = 'ConformanceFailure';
}

/** The schema of what each method resolves with, and of each body the suite sends. */
const RESULTS: Record<string, v.GenericSchema> = {
  getSession: PatientSession,
  getTriage: Questionnaire,
  listConversations: v.array(ConversationSummary),
  startConversation: Conversation,
  getMessages: MessagePage,
  sendMessage: Message,
};
const BODIES: Record<string, v.GenericSchema> = {
  startConversation: StartConversationBody,
  sendMessage: v.object({ clientId: v.string(), ...SendMessageBody.entries }),
  respond: ActionAnswer,
  submitEvaluation: QuestionnaireResponse,
};

function problem(schema: v.GenericSchema, value: unknown): string | null {
  const r = v.safeParse(schema, value, { abortEarly: true });
  return r.success ? null : describeIssue(r.issues[0]);
}

/** Every message inside a value (a message, a page, an event) with a payload that fails its kind. */
function payloadProblems(value: unknown): string[] {
  const messages: unknown[] = [];
  const o = value as { messages?: unknown[]; message?: unknown; kind?: unknown } | null;
  if (o && Array.isArray(o.messages)) messages.push(...o.messages);
  else if (o && o.message) messages.push(o.message);
  else if (o && typeof o.kind === 'string') messages.push(o);
  const out: string[] = [];
  for (const m of messages as { kind: string; payload?: unknown }[]) {
    if (!isKindWithPayload(m.kind)) continue;
    const p = problem(KIND_PAYLOADS[m.kind], m.payload);
    if (p) out.push(`${m.kind} payload ${p}`);
  }
  return out;
}

/** Checks a method's result; throws a SchemaViolation naming the method and the problem. */
export function checkResult<T>(method: string, value: T): T {
  const schema = RESULTS[method];
  const p = schema ? problem(schema, value) : null;
  if (p) throw new SchemaViolation(`${method} returned a value that is not the protocol's: ${p}`);
  const payloads = payloadProblems(value);
  if (payloads.length) throw new SchemaViolation(`${method} returned a message that is not the protocol's: ${payloads.join('; ')}`);
  return value;
}

/** Checks a body before it goes to the backend (the suite holds itself to the contract too). */
export function checkBody<T>(method: string, body: T): T {
  const schema = BODIES[method];
  const p = schema ? problem(schema, body) : null;
  if (p) throw new SchemaViolation(`the body of ${method} is not the protocol's: ${p}`);
  return body;
}

/** A delivered event against the schema (payload included); null when it conforms. */
export function checkMessage(what: string, event: unknown): Violation | null {
  const p = problem(BackendEvent, event) ?? payloadProblems(event)[0] ?? null;
  return p ? { reason: `${what} ${p}` } : null;
}
