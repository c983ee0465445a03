/**
 * MemoryBackend's fixtures: the demo's people, its triage questionnaires (JSON data, the same
 * files the reference server serves), and the offers its simulated clinician makes, each built
 * from the protocol's types (and checked against its schemas when the message is added).
 */
import type { Author } from '../../protocol/primitives.js';
import type { BookingSlot, CallbackWindow } from '../../protocol/messages.js';
import type { Questionnaire } from '../../protocol/fhir.js';
import type { PatientSession } from '../../protocol/api.js';
import type { Questionnaire as TriageQuestionnaire } from '../../core/triage/types.js';
import contactReasonSv from './questionnaires/contact-reason.sv.json';
import { TEST_PEOPLE } from './test-people.js';

/** The first test person: who the mock signs in without a pretend e-ID page. */
export const DEMO_PATIENT: PatientSession = { subject: TEST_PEOPLE[0]!.subject, name: TEST_PEOPLE[0]!.name };
export const DEMO_CLINICIAN: Author = { role: 'clinician', name: 'Anna Svensson', profession: 'sjuksköterska' };
export const PHYSIOTHERAPIST: Author = { role: 'clinician', name: 'Erik Lind', profession: 'fysioterapeut' };
export const DOCTOR: Author = { role: 'clinician', name: 'Erik Berg', profession: 'läkare' };


/** A questionnaire both on the wire (the protocol's type) and for the triage engine (its subset). */
export type DemoQuestionnaire = Questionnaire & TriageQuestionnaire;

/** The built-in demo triage in Swedish (contact reason with branching and two red flags). */
export const defaultTriage = contactReasonSv as unknown as DemoQuestionnaire;
/** The same in English, loaded when asked for. */
export const defaultTriageEn = async (): Promise<DemoQuestionnaire> =>
  (await import('./questionnaires/contact-reason.en.json')).default as unknown as DemoQuestionnaire;

/** A time `days` from today at `hour:minute` local time, ISO 8601. */
export function at(days: number, hour: number, minute = 0, now = new Date()): string {
  const d = new Date(now);
  d.setDate(d.getDate() + days);
  d.setHours(hour, minute, 0, 0);
  return d.toISOString();
}

export const demoSlots = (): BookingSlot[] => [
  { id: 'slot-1', start: at(1, 9), end: at(1, 9, 30), type: 'visit', label: 'Vårdcentralen Exempel' },
  { id: 'slot-2', start: at(1, 14), end: at(1, 14, 20), type: 'video' },
  { id: 'slot-3', start: at(2, 10, 30), end: at(2, 11), type: 'visit' },
];

export const demoWindows = (): CallbackWindow[] => [
  { id: 'window-1', start: at(1, 8), end: at(1, 10) },
  { id: 'window-2', start: at(1, 13), end: at(1, 15) },
];

export const DEMO_PHONE_HINT = '•••• 12 34';
export const DEMO_VIDEO_URL = 'https://video.example.se/m/demo-123';

export const followUpQuestionnaire: Questionnaire = {
  resourceType: 'Questionnaire',
  id: 'before-visit',
  title: 'Inför ditt besök',
  status: 'active',
  item: [
    { linkId: 'medication', type: 'string', text: 'Vilka läkemedel tar du just nu?' },
    { linkId: 'allergies', type: 'string', text: 'Har du några allergier?' },
  ],
};

/**
 * A small, valid PDF (one A4 page of Helvetica text, Latin-1) for the demo clinician's document:
 * made here so the demo has no binary file to ship, and checked by the same rules as an upload.
 */
export function demoPdf(title: string, lines: readonly string[]): Uint8Array {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = [`BT /F1 16 Tf 56 780 Td (${esc(title)}) Tj ET`,
    ...lines.map((l, i) => `BT /F1 11 Tf 56 ${748 - i * 18} Td (${esc(l)}) Tj ET`)].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // Latin-1 (WinAnsi for å, ä, ö): one byte per character, so the offsets above are byte offsets
  return Uint8Array.from(out, (c) => (c.charCodeAt(0) <= 0xff ? c.charCodeAt(0) : 0x3f));
}

/** The demo clinician's document before an operation (the text of the 'infor-operation' template, shortened). */
export const PRE_OP_PDF = {
  name: 'Inför operation – Vårdcentralen Exempel.pdf',
  title: 'Instruktioner inför operation',
  lines: [
    'Ät ingenting efter klockan 24 kvällen före operationen.',
    'Vatten, saft och kaffe utan mjölk går bra fram till två timmar före.',
    'Duscha och tvätta håret kvällen före och på morgonen samma dag.',
    'Ta dina vanliga läkemedel med lite vatten om inte läkaren har sagt något annat.',
    'Ta med legitimation och en lista över de läkemedel du tar.',
    '',
    'Vårdcentralen Exempel',
  ],
} as const;
