/**
 * Routing hint: the coded contact reason that goes with startConversation so the backend can
 * route to the right profession or queue. The item is the one marked with our extension
 * `https://vardchat.se/fhir/StructureDefinition/contact-reason`, else the first enabled choice
 * item answered with a coding.
 */
import { walk } from './check.js';
import { enabledItems } from './enable-when.js';
import { CONTACT_REASON_URL, type Answers, type Coding, type Questionnaire } from './types.js';

export function contactReason(q: Questionnaire, answers: Answers, enabled = enabledItems(q, answers)): Coding | undefined {
  const candidates = [...walk(q.item)].map((e) => e.item).filter((i) => enabled.has(i.linkId));
  const marked = candidates.find((i) => i.extension?.some((e) => e.url === CONTACT_REASON_URL));
  const pick = (linkId: string) => answers[linkId]?.find((a) => 'valueCoding' in a);
  const item = marked ?? candidates.find((i) => (i.type === 'choice' || i.type === 'open-choice') && pick(i.linkId));
  const answer = item && pick(item.linkId);
  return answer && 'valueCoding' in answer ? { ...answer.valueCoding } : undefined;
}
