/**
 * Checking a value against a schema with a content-free reason. A module of its own so that a
 * consumer of one schema does not pull in the whole protocol (`index.ts` re-exports this).
 */
import * as v from 'valibot';

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
