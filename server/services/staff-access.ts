/**
 * Who on the staff may see what: a clinician reads and writes only conversations in their
 * queues or assigned to them (by name: the assignee the protocol shows is a name and a
 * profession). Everything else is 403 `forbidden`, and the staff event stream leaves it out.
 */
import { ApiError } from '../errors.js';
import type { ConversationRecord, SessionRecord } from '../store/store.js';
import type { Conversations } from './conversations.js';

/** What the rule needs of a conversation: its queue and its assignee's name. */
export interface Placement {
  queue: string;
  assignee: string | null;
}

/** The clinician's queues: from the IdP's claim, else the one queue of a development login. */
export function staffQueues(s: Pick<SessionRecord, 'queue' | 'queues'>): string[] {
  if (s.queues?.length) return s.queues;
  return s.queue ? [s.queue] : [];
}

/** The rule, as a predicate on a conversation's placement. */
export function staffMay(s: Pick<SessionRecord, 'queue' | 'queues' | 'name'>): (p: Placement) => boolean {
  const queues = new Set(staffQueues(s));
  return (p) => queues.has(p.queue) || (p.assignee !== null && p.assignee === s.name);
}

export const forbidden = (): ApiError => new ApiError(403, 'forbidden', 'This conversation is not in your queues or assigned to you.');

/** The conversation, when this clinician may see it: 404 when there is none, 403 when it is not theirs. */
export async function staffConversation(conversations: Conversations, s: Pick<SessionRecord, 'queue' | 'queues' | 'name'>, id: string): Promise<ConversationRecord> {
  const c = await conversations.find(id);
  if (!staffMay(s)({ queue: c.queue, assignee: c.assignee?.name ?? null })) throw forbidden();
  return c;
}
