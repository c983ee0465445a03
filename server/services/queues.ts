/** Queues: which queue a contact reason goes to, and each queue's profession (in Swedish, as the clinic writes it). */
import { QUEUES, type Queue } from '../../src/protocol/index.js';

export { QUEUES, type Queue };

const PROFESSION: Record<Queue, string> = { nurse: 'sjuksköterska', doctor: 'läkare', physiotherapist: 'fysioterapeut', reception: 'receptionist' };

/** Triage reason → queue. A reason that names a queue is taken as is; anything else → nurse. */
const REASON_QUEUE: Record<string, Queue> = {
  advice: 'nurse', symptoms: 'nurse', wound: 'nurse', child: 'nurse',
  medication: 'doctor', prescription: 'doctor', 'test-results': 'doctor', certificate: 'doctor',
  'back-pain': 'physiotherapist', joint: 'physiotherapist', injury: 'physiotherapist', rehab: 'physiotherapist',
  booking: 'reception', cancel: 'reception', 'before-visit': 'nurse', administrative: 'reception', other: 'nurse',
};

export const isQueue = (q: unknown): q is Queue => typeof q === 'string' && (QUEUES as readonly string[]).includes(q);

export function queueFor(reason: string | undefined): Queue {
  if (reason && isQueue(reason)) return reason;
  return (reason && REASON_QUEUE[reason]) || 'nurse';
}

export function profession(queue: string): string {
  return isQueue(queue) ? PROFESSION[queue] : 'vårdpersonal';
}
