/**
 * Red flags: our extension `https://vardchat.se/fhir/StructureDefinition/red-flag` (valueString:
 * the reason shown to the patient) marks an emergency, either on an answerOption (selected and
 * its item enabled) or on a display item (enabled by the answers). A red flag stops the flow.
 */
import { optionMatches } from './answers.js';
import { walk } from './check.js';
import { enabledItems } from './enable-when.js';
import { RED_FLAG_URL, type Answers, type Extension, type Questionnaire } from './types.js';

export interface RedFlag {
  /** The item whose answer (or, for a display item, whose enabling) raised the flag. */
  linkId: string;
  /** The questionnaire's reason text (plain text; may be empty). */
  reason: string;
}

/** Red flags raised by these answers, in questionnaire order; empty when there are none. */
export function redFlags(q: Questionnaire, answers: Answers, enabled = enabledItems(q, answers)): RedFlag[] {
  const flags: RedFlag[] = [];
  for (const { item } of walk(q.item)) {
    if (!enabled.has(item.linkId)) continue;
    const own = flagOf(item.extension);
    if (item.type === 'display' && own !== undefined) flags.push({ linkId: item.linkId, reason: own || item.text || '' });
    for (const option of item.answerOption ?? []) {
      const reason = flagOf(option.extension);
      if (reason !== undefined && (answers[item.linkId] ?? []).some((a) => optionMatches(option, a))) {
        flags.push({ linkId: item.linkId, reason });
      }
    }
  }
  return flags;
}

/** The reason text of a red-flag extension in the list, or undefined when there is none. */
function flagOf(ext: readonly Extension[] | undefined): string | undefined {
  const flag = ext?.find((e) => e.url === RED_FLAG_URL);
  return flag ? (typeof flag.valueString === 'string' ? flag.valueString : '') : undefined;
}

export function isRedFlagItem(ext: readonly Extension[] | undefined): boolean {
  return flagOf(ext) !== undefined;
}
