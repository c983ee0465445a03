/**
 * The protocol, declared once: every request body, response body, event and message-kind
 * payload between the widget, the reference server, the clinician console and the mock
 * backend, as valibot schemas (runtime check, no `eval`) with their TypeScript types.
 * docs/openapi.yaml is generated from these (`npm run check:protocol`).
 */
import * as v from 'valibot';

export * from './primitives.js';
export * from './fhir.js';
export * from './messages.js';
export * from './attachments.js';
export * from './api.js';
export * from './evaluation.js';

/**
 * Checks `input` against `schema`: the clean output, or null. `warn` gets a content-free reason
 * (the path of the first problem and what was expected; never the offending value).
 */
export function parseWith<S extends v.GenericSchema>(schema: S, input: unknown, warn?: (reason: string) => void): v.InferOutput<S> | null {
  const r = v.safeParse(schema, input, { abortEarly: true });
  if (r.success) return r.output;
  warn?.(describeIssue(r.issues[0]));
  return null;
}

/** "message.author.role: expected one of …" without the received value (it may be patient text). */
export function describeIssue(issue: v.BaseIssue<unknown> | undefined): string {
  if (!issue) return 'invalid';
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return `${path || '(root)'}: expected ${issue.expected ?? issue.kind}`;
}
