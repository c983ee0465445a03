/**
 * What the simulated clinician can send besides text, with plausible demo payloads: booking
 * slots, a call-back, a video meeting, an inline questionnaire, a handover and the evaluation.
 * Used by the demo's control panel and by tests.
 */
import type { Author, Questionnaire } from '../../core/types.js';
import type { MemoryBackend } from './memory-backend.js';

const at = (days: number, hour: number, minute = 0) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setHours(hour, minute, 0, 0);
  return d.toISOString();
};

export const PHYSIOTHERAPIST: Author = { role: 'clinician', name: 'Erik Lind', profession: 'fysioterapeut' };

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

export function proposeSlots(b: MemoryBackend) {
  return b.clinicianSend('Här är några tider som passar oss.', {
    kind: 'booking',
    payload: {
      slots: [
        { id: 'slot-1', start: at(1, 9), end: at(1, 9, 30), type: 'visit', label: 'Vårdcentralen Exempel' },
        { id: 'slot-2', start: at(1, 14), end: at(1, 14, 20), type: 'video' },
        { id: 'slot-3', start: at(2, 10, 30), end: at(2, 11), type: 'visit' },
      ],
    },
  });
}

export function askCallback(b: MemoryBackend) {
  return b.clinicianSend('Det är enklast att vi pratar i telefon.', { kind: 'callback', payload: { around: at(0, new Date().getHours() + 1), phoneHint: '12' } });
}

export function sendVideoLink(b: MemoryBackend) {
  return b.clinicianSend('Välkommen till videomötet.', { kind: 'video', payload: { start: at(0, new Date().getHours() + 1), url: 'https://video.example.se/m/demo-123' } });
}

export function sendQuestionnaire(b: MemoryBackend) {
  return b.clinicianSend('Fyll gärna i det här före besöket.', { kind: 'questionnaire', payload: { questionnaire: followUpQuestionnaire } });
}

export function closeWithEvaluation(b: MemoryBackend) {
  return b.closeConversation(undefined, { evaluation: {} });
}
