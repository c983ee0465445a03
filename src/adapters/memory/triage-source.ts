/**
 * MemoryBackend's triage: where its questionnaire comes from, and how it "routes" a
 * conversation started with triage answers (the simulated clinic's side of the routing hint).
 */
import type { StartConversationRequest } from '../../core/backend.js';
import { BackendError } from '../../core/errors.js';
import type { Conversation, Questionnaire } from '../../core/types.js';

export type TriageSource = Questionnaire | ((locale?: string) => Promise<Questionnaire>);

/** Fetches the questionnaire from a same-origin URL (the only kind accepted). */
export function triageFor(url: string): (locale?: string) => Promise<Questionnaire> {
  return async () => {
    const target = new URL(url, location.href);
    if (target.origin !== location.origin) throw new BackendError('rejected', 'questionnaire-not-same-origin');
    let res: Response;
    try {
      res = await fetch(target, { credentials: 'same-origin', headers: { accept: 'application/fhir+json, application/json' } });
    } catch {
      throw new BackendError('network');
    }
    if (!res.ok) throw new BackendError(res.status === 404 ? 'not-found' : 'unavailable', `questionnaire-${res.status}`);
    try {
      return (await res.json()) as Questionnaire;
    } catch {
      // not JSON: hand the engine something it reports as "not a Questionnaire"
      return { resourceType: 'Invalid' } as unknown as Questionnaire;
    }
  };
}

const ADMIN_REASONS = new Set(['booking', 'prescription', 'before-visit']);

/** Administrative matters (book, renew, a question before a visit) go to the asynchronous queue. */
export function routedMode(req: StartConversationRequest): Conversation['mode'] | undefined {
  return req.reason && ADMIN_REASONS.has(req.reason.code) ? 'async' : undefined;
}

/** The simulated clinic's routing: the reason becomes the subject; async gets an expected answer time. */
export function routeConversation(req: StartConversationRequest, mode: Conversation['mode']): Partial<Conversation> {
  const patch: Partial<Conversation> = {};
  if (req.reason?.display) patch.subject = req.reason.display.slice(0, 200);
  if (mode === 'async') patch.expectedAnswerBy = new Date(Date.now() + 24 * 3600_000).toISOString();
  return patch;
}
