/**
 * Message templates (issue #18.4): the texts a clinic reuses, served to the console, which fills
 * their placeholders from the conversation (`fillTemplate`, src/protocol/templates.ts) and puts
 * the text in the reply box for the clinician to read and edit. Built-in defaults below; a clinic
 * replaces them with its own JSON file named by VARD_TEMPLATES, checked once at start.
 */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { TemplateSet, type MessageTemplate } from '../../src/protocol/templates.js';

const SIGNATURE = 'Vänliga hälsningar\n{clinicianName}\n{clinicName}';

/** The reference clinic's templates (clinic content, in Swedish). */
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
