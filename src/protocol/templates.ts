/**
 * Message templates (issue #18.4): texts a clinic reuses (diet advice, instructions before an
 * operation, a welcome), with placeholders the console fills from the conversation before the
 * clinician reads, edits and sends the text as any reply. Console API only. Every string is
 * plain text; `fillTemplate` puts values in as text and never reads them as placeholders.
 */
import * as v from 'valibot';

/** The placeholders a template may use, each `{name}` in its text. */
export const TEMPLATE_PLACEHOLDERS = ['patientFirstName', 'clinicName', 'clinicianName', 'today'] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];
export type TemplateValues = Partial<Record<TemplatePlaceholder, string>>;

/** Longest template text (a message is at most 4,000 characters once filled). */
export const MAX_TEMPLATE_TEXT = 4000;

export const MessageTemplate = v.object({
  /** Stable id, lowercase letters, digits and dashes. */
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an id of lowercase letters, digits and dashes (at most 64)')),
  /** What the clinician picks from. */
  title: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80), v.check((s) => !/[\u0000-\u001f\u007f]/.test(s), 'a title without control characters')),
  /** The text, with `{placeholders}`. */
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TEMPLATE_TEXT), v.check((s) => s.trim().length > 0, 'a text that is not blank')),
});
export type MessageTemplate = v.InferOutput<typeof MessageTemplate>;

/** A clinic's set of templates: 1–100, each id once. */
export const TemplateSet = v.pipe(
  v.array(MessageTemplate), v.minLength(1), v.maxLength(100),
  v.check((list) => new Set(list.map((t) => t.id)).size === list.length, 'each template id once'),
);

/** GET /console/api/templates: the templates, and the clinic's name for `{clinicName}` when the server knows it. */
export const TemplateList = v.object({
  templates: TemplateSet,
  clinicName: v.optional(v.pipe(v.string(), v.maxLength(100))),
});
export type TemplateList = v.InferOutput<typeof TemplateList>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/**
 * The text with each known placeholder replaced by its value, in one pass: a value is text and
 * is never read for placeholders or replacement patterns (`$&`). A placeholder that is unknown,
 * or known without a value (or with a blank one), stays as it is, visibly, for the clinician to
 * fill in by hand.
 */
export function fillTemplate(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)) return whole;
    const value = values[name as TemplatePlaceholder];
    return value !== undefined && value.trim() ? value : whole;
  });
}

/** The placeholders left in a text (after filling): what the clinician still has to write. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[0]))];
}
