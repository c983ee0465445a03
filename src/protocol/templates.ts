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

const SIGNATURE = 'Vänliga hälsningar\n{clinicianName}\n{clinicName}';

/**
 * The reference clinic's templates (clinic content, in Swedish): the reference server's default
 * (a clinic replaces them with VARD_TEMPLATES) and the demo clinician's.
 */
export const DEFAULT_TEMPLATES: readonly MessageTemplate[] = [
  {
    id: 'valkommen',
    title: 'Välkommen till chatten',
    text: 'Hej {patientFirstName}!\n\nVälkommen till chatten med {clinicName}. Jag heter {clinicianName} och har läst ditt meddelande. '
      + 'Jag återkommer till dig så snart jag kan.\n\nOm det är akut och livshotande, ring 112.',
  },
  {
    id: 'kostrad-magsjuka',
    title: 'Kostråd vid magsjuka',
    text: 'Hej {patientFirstName}!\n\nHär kommer några råd om mat och dryck när du har magsjuka:\n\n'
      + '- Drick ofta och lite i taget, gärna vätskeersättning från apoteket.\n'
      + '- Ät det du orkar när illamåendet har släppt, till exempel välling, ris, banan eller skorpor.\n'
      + '- Undvik alkohol och fet eller starkt kryddad mat de första dagarna.\n\n'
      + 'Hör av dig igen om du inte kan behålla någon vätska på sex timmar, om du kissar mycket lite eller om du får blod i avföringen. '
      + 'Ring 1177 om du behöver råd när vi har stängt.\n\n' + SIGNATURE,
  },
  {
    id: 'infor-operation',
    title: 'Inför operation',
    text: 'Hej {patientFirstName}!\n\nHär är instruktionerna inför din operation. Läs dem i god tid:\n\n'
      + '- Ät ingenting efter klockan 24 kvällen före operationen. Vatten, saft och kaffe utan mjölk går bra fram till två timmar före.\n'
      + '- Duscha och tvätta håret kvällen före och på morgonen samma dag. Använd inte hudkräm, smink eller nagellack.\n'
      + '- Ta dina vanliga läkemedel med lite vatten om inte läkaren har sagt något annat. Blodförtunnande läkemedel går vi igenom med dig särskilt.\n'
      + '- Ta med legitimation och en lista över de läkemedel du tar.\n\n'
      + 'Skriv till oss här i chatten om du har frågor eller om du blir sjuk före operationen.\n\n' + SIGNATURE,
  },
  {
    id: 'provsvar-utan-anmarkning',
    title: 'Provsvar utan anmärkning',
    text: 'Hej {patientFirstName}!\n\nDina provsvar har kommit ({today}) och de ser bra ut. Du behöver inte göra något mer. '
      + 'Hör av dig igen om besvären inte går över eller blir värre.\n\n' + SIGNATURE,
  },
];


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
