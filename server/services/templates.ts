/**
 * Message templates (issue #18.4): the texts a clinic reuses, served to the console, which fills
 * their placeholders from the conversation (`fillTemplate`, src/protocol/templates.ts) and puts
 * the text in the reply box for the clinician to read and edit. Built-in defaults below; a clinic
 * replaces them with its own JSON file named by VARD_TEMPLATES, checked once at start.
 */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { DEFAULT_TEMPLATES, TemplateSet, type MessageTemplate } from '../../src/protocol/templates.js';

export { DEFAULT_TEMPLATES };

/** The file's shape: `{ "templates": [...] }` (or the list itself). */
const TemplateFile = v.object({ templates: TemplateSet });

/** Reads and checks a templates file; throws naming the variable and the file, and what is wrong. */
export function loadTemplatesFile(file: string, variable = 'VARD_TEMPLATES'): MessageTemplate[] {
  const where = `${variable} (${file})`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${where} cannot be read: ${(err as NodeJS.ErrnoException).code ?? 'unknown error'}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not valid JSON`);
  }
  const r = v.safeParse(TemplateFile, Array.isArray(json) ? { templates: json } : json);
  if (!r.success) {
    const issue = r.issues[0];
    const path = v.getDotPath(issue);
    throw new Error(`${where}: ${path ? `${path}: ` : ''}${issue.message} (see docs/attachments.md#templates)`);
  }
  return r.output.templates;
}

/** VARD_TEMPLATES: the clinic's templates file, read and checked at start; the defaults when unset. */
export function readTemplatesEnv(env: NodeJS.ProcessEnv): MessageTemplate[] | undefined {
  const file = env.VARD_TEMPLATES;
  return file ? loadTemplatesFile(file) : undefined;
}
