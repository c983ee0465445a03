/**
 * The note for the patient record (issue #13 item 4): per conversation a plain-text summary
 * ready to paste (reason, triage answers, messages, next steps taken) and the same as a FHIR R4
 * Bundle (Communication per message, QuestionnaireResponse for the triage and each answered
 * questionnaire). Plain text only: nothing here is HTML, and the patient's words go in as written.
 */
import { randomUUID } from 'node:crypto';
import type { AnswerLine, ActionView, ConversationDetail, FhirBundle, RecordNote } from '../../src/protocol/console.js';
import type { Message } from '../../src/protocol/index.js';
import { parseKindPayload } from '../../src/protocol/index.js';
import { profession } from './queues.js';

const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });
const at = (iso: string): string => stamp.format(new Date(iso));

const STATUS: Record<string, string> = {
  queued: 'i kö', active: 'pågår', 'waiting-for-clinic': 'väntar på vården', 'waiting-for-patient': 'väntar på patienten', closed: 'avslutad',
};

const SUBJECT_SYSTEM = 'https://vardchat.se/fhir/NamingSystem/patient-subject';
const KIND_SYSTEM = 'https://vardchat.se/fhir/CodeSystem/message-kind';

function who(m: Message): string {
  if (m.author.role === 'system') return 'System';
  const name = m.author.name ?? (m.author.role === 'patient' ? 'Patienten' : 'Vården');
  if (m.author.role === 'patient') return `Patienten (${name})`;
  return m.author.profession ? `${name} (${m.author.profession})` : name;
}

/** Continuation lines of a multi-line text are indented so each entry stays one block. */
const indent = (text: string, pad: string): string => text.replace(/\r\n?|\n/g, `\n${pad}`);

function lineText(l: AnswerLine): string {
  const pad = '  '.repeat(l.depth);
  const answer = l.answers.length ? `: ${l.answers.join(', ')}` : '';
  const flag = l.redFlag !== undefined ? ` [RÖD FLAGGA${l.redFlag ? `: ${l.redFlag}` : ''}]` : '';
  return `${pad}- ${indent(l.question + answer, pad + '  ')}${flag}`;
}

/** Next steps taken: bookings and call-backs answered, handovers, questionnaires. */
function nextSteps(d: ConversationDetail): string[] {
  const steps: string[] = [];
  for (const m of d.messages) {
    if (m.kind === 'handover') {
      const p = parseKindPayload('handover', m.payload);
      if (p) steps.push(`${at(m.createdAt)} Överlämnad till ${p.to?.name ? `${p.to.name} (${profession(p.toQueue)})` : profession(p.toQueue)}`);
    } else if (m.kind === 'video') {
      const p = parseKindPayload('video', m.payload);
      if (p) steps.push(`${at(m.createdAt)} Videomöte erbjudet${p.start ? ` (${at(p.start)})` : ''}`);
    }
  }
  const name: Record<ActionView['kind'], string> = { booking: 'Bokning', callback: 'Återuppringning', questionnaire: 'Formulär' };
  for (const a of d.actions) {
    const head = `${at(a.offeredAt)} ${name[a.kind]} erbjuden`;
    if (!a.answeredAt) steps.push(`${head}; inte besvarad`);
    else if (a.kind === 'questionnaire') steps.push(`${head}; besvarad ${at(a.answeredAt)}:\n${a.lines.map((l) => `  ${lineText(l)}`).join('\n')}`);
    else steps.push(`${head}; besvarad ${at(a.answeredAt)}: ${a.lines.map((l) => `${l.question}: ${l.answers.join(', ')}`).join('; ')}`);
  }
  return steps;
}

export function recordText(d: ConversationDetail): string {
  const c = d.conversation;
  const out: string[] = [];
  out.push(`Chatt med vården – ${c.mode === 'sync' ? 'direktchatt' : 'meddelanden'}, ${c.initiator === 'clinic' ? 'startad av vården' : 'startad av patienten'}`);
  out.push(`Patient: ${c.patient.name}`);
  out.push(`Start: ${at(c.createdAt)}. Status: ${STATUS[c.status] ?? c.status}${c.status === 'closed' ? ` (${at(c.updatedAt)})` : ''}.`);
  out.push(`Kö: ${profession(c.queueName)}.${c.assignee?.name ? ` Ansvarig: ${c.assignee.name}${c.assignee.profession ? ` (${c.assignee.profession})` : ''}.` : ''}`);
  if (c.subject) out.push(`Ämne: ${c.subject}`);
  if (c.reason) out.push(`Kontaktorsak: ${c.reason.text ?? c.reason.code}`);
  if (d.triage) {
    out.push('', 'Patientens svar före chatten:');
    for (const l of d.triage.lines) out.push(lineText(l));
    if (d.triage.redFlags.length) out.push('OBS: svaren innehåller röda flaggor (se ovan).');
  }
  out.push('', 'Meddelanden:');
  for (const m of d.messages) out.push(`[${at(m.createdAt)}] ${who(m)}: ${indent(m.text, '    ')}`);
  const steps = nextSteps(d);
  if (steps.length) {
    out.push('', 'Åtgärder:');
    for (const s of steps) out.push(`- ${s}`);
  }
  if (d.evaluation) {
    out.push('', 'Patientens utvärdering:');
    for (const l of d.evaluation.lines) out.push(lineText(l));
  }
  return out.join('\n') + '\n';
}

export function recordBundle(d: ConversationDetail, timestamp = new Date().toISOString()): FhirBundle {
  const c = d.conversation;
  const subject = { identifier: { system: SUBJECT_SYSTEM, value: c.patient.subject }, display: c.patient.name };
  const entry: FhirBundle['entry'] = [];
  const add = (resource: { resourceType: 'Communication' | 'QuestionnaireResponse' } & Record<string, unknown>) =>
    entry.push({ fullUrl: `urn:uuid:${randomUUID()}`, resource });
  const topic = c.reason?.text ?? c.subject;
  for (const m of d.messages) {
    const party = m.author.role === 'patient' ? subject : { display: m.author.role === 'system' ? 'System' : [m.author.name, m.author.profession].filter(Boolean).join(', ') || 'Vården' };
    add({
      resourceType: 'Communication',
      identifier: [{ system: 'https://vardchat.se/fhir/NamingSystem/message', value: m.id }],
      status: 'completed',
      category: [{ coding: [{ system: KIND_SYSTEM, code: m.kind }] }],
      subject,
      ...(topic ? { topic: { text: topic } } : {}),
      sent: m.createdAt,
      ...(m.readAt ? { received: m.readAt } : {}),
      sender: party,
      ...(m.author.role === 'patient' ? {} : { recipient: [subject] }),
      payload: [{ contentString: m.text }],
    });
  }
  if (d.triage) add({ ...d.triage.response, subject });
  for (const a of d.actions) {
    if (a.kind === 'questionnaire' && a.response && 'resourceType' in a.response) add({ ...a.response, subject });
  }
  if (d.evaluation) add({ ...d.evaluation.response, subject });
  return { resourceType: 'Bundle', type: 'collection', timestamp, entry };
}

export function recordNote(d: ConversationDetail): RecordNote {
  return { text: recordText(d), bundle: recordBundle(d) };
}
