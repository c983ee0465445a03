/**
 * The reply's parts besides its text, framework-free: the files the clinician chose (checked
 * before anything is sent: the allowed types, 10 MB, five at most), the values a template's
 * placeholders are filled with, and the error a refused file turns into.
 */
import { ConsoleApiError } from './api.js';
import { attachmentProblem, MAX_ATTACHMENTS_PER_MESSAGE, type TemplateValues } from './wire.js';

/** A file chosen for the reply: the bytes with their type, and the name shown and sent. */
export interface ReplyFile {
  file: Blob;
  name: string;
}

/** Why a chosen file cannot go, before any upload. */
export type PickProblem = { kind: 'attachment-type' | 'attachment-too-large' | 'attachment-empty'; name: string } | { kind: 'too-many'; name: string };

/** Adds the picked files that may go after the ones chosen; says why each other one may not. */
export function addFiles(chosen: readonly ReplyFile[], picked: readonly File[]): { files: ReplyFile[]; problems: PickProblem[] } {
  const files = [...chosen];
  const problems: PickProblem[] = [];
  for (const f of picked) {
    const problem = attachmentProblem({ type: f.type, size: f.size });
    if (problem) problems.push({ kind: problem, name: f.name });
    else if (files.length >= MAX_ATTACHMENTS_PER_MESSAGE) problems.push({ kind: 'too-many', name: f.name });
    else files.push({ file: f, name: f.name || 'dokument' });
  }
  return { files, problems };
}

/** An upload of the reply's file `index` that failed: the server's answer, and which file. */
export class ReplyFileError extends ConsoleApiError {
  constructor(readonly index: number, cause: ConsoleApiError) {
    super(cause.code, cause.status, cause.serverCode);
    this.name = 'ReplyFileError';
  }
}

/** The server's refusal of a file as the sentence's key: type, size, content, scanner, count; else none. */
export function fileRefusal(e: ReplyFileError): PickProblem['kind'] | 'attachment-invalid' | 'attachment-rejected' | null {
  if (e.status === 415) return 'attachment-type';
  if (e.status === 413) return 'attachment-too-large';
  if (e.serverCode === 'attachment-invalid' || e.serverCode === 'attachment-rejected') return e.serverCode;
  if (e.serverCode === 'too-many-attachments') return 'too-many';
  return null;
}

/** A name's first word ("Astrid" of "Astrid Andersson"), or nothing when there is no name. */
const firstName = (name: string | undefined): string | undefined => name?.trim().split(/\s+/)[0] || undefined;

/** What a template's placeholders are filled with: the patient's first name, the clinic, the clinician, today (in Swedish, as the templates are). */
export function templateValues(o: { patientName?: string; clinicianName?: string; clinicName?: string; now?: Date }): TemplateValues {
  const values: TemplateValues = { today: (o.now ?? new Date()).toLocaleDateString('sv-SE', { day: 'numeric', month: 'long', year: 'numeric' }) };
  const patient = firstName(o.patientName);
  if (patient) values.patientFirstName = patient;
  if (o.clinicianName) values.clinicianName = o.clinicianName;
  if (o.clinicName) values.clinicName = o.clinicName;
  return values;
}
