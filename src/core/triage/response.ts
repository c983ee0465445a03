/**
 * Builds the FHIR R4 QuestionnaireResponse: only enabled items, only answered questions,
 * groups that contain at least one answer, display items left out.
 */
import { enabledItems } from './enable-when.js';
import type { Answers, Questionnaire, QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem } from './types.js';

export interface ResponseOptions {
  status?: QuestionnaireResponse['status'];
  /** When the answers were given; now by default. */
  authored?: Date;
}

export function buildResponse(q: Questionnaire, answers: Answers, opts: ResponseOptions = {}): QuestionnaireResponse {
  const enabled = enabledItems(q, answers);
  const response: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    status: opts.status ?? 'completed',
    authored: (opts.authored ?? new Date()).toISOString(),
  };
  const ref = questionnaireReference(q);
  if (ref) response.questionnaire = ref;
  const items = responseItems(q.item, answers, enabled);
  if (items.length) response.item = items;
  return response;
}

/** The canonical reference: `url|version`, `url`, or `Questionnaire/id` when there is no url. */
export function questionnaireReference(q: Questionnaire): string | undefined {
  if (q.url) return q.version ? `${q.url}|${q.version}` : q.url;
  return q.id ? `Questionnaire/${q.id}` : undefined;
}

function responseItems(items: readonly QuestionnaireItem[] | undefined, answers: Answers, enabled: Set<string>): QuestionnaireResponseItem[] {
  const out: QuestionnaireResponseItem[] = [];
  for (const item of items ?? []) {
    if (!enabled.has(item.linkId) || item.type === 'display') continue;
    const base: QuestionnaireResponseItem = { linkId: item.linkId };
    if (item.text) base.text = item.text;
    if (item.type === 'group') {
      const children = responseItems(item.item, answers, enabled);
      if (children.length) out.push({ ...base, item: children });
      continue;
    }
    const given = answers[item.linkId] ?? [];
    if (given.length) out.push({ ...base, answer: given.map((a) => structuredClone(a)) });
  }
  return out;
}
