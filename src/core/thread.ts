/**
 * The thread the patient sees, derived: the server's messages of one conversation, then the
 * outbox items not yet acknowledged, matched by `clientId`. Nothing here writes: the store holds
 * what the server said, the outbox what the patient wrote, and this joins them on every change.
 */
import type { ThreadItem } from './conversation-store.js';
import type { OutboxItem } from './outbox/types.js';
import type { Author } from './types.js';

/**
 * @param server the conversation's server messages in sequence order (the store's array)
 * @param pending the outbox's items in write order
 * @param conversationId the thread shown; '' before the patient's first conversation exists
 * @param acknowledged whether the server already has a message with this clientId in this thread
 * @param patient the author shown on the patient's own pending messages
 * @returns `server` itself when nothing is pending here (so an unchanged thread keeps its identity)
 */
export function deriveThread(
  server: readonly ThreadItem[],
  pending: readonly OutboxItem[],
  conversationId: string,
  acknowledged: (clientId: string) => boolean,
  patient: Author,
): readonly ThreadItem[] {
  const local: ThreadItem[] = [];
  for (const p of pending) {
    // an item written before any conversation existed ('') shows in the thread shown now
    if (p.conversationId !== conversationId && p.conversationId !== '') continue;
    if (acknowledged(p.clientId)) continue;
    local.push(pendingItem(p, conversationId, patient));
  }
  return local.length ? [...server, ...local] : server;
}

/** One outbox item as a thread item: its key is its clientId, as its server copy's will be. */
export function pendingItem(p: OutboxItem, conversationId: string, patient: Author): ThreadItem {
  const item: ThreadItem = {
    key: p.clientId, clientId: p.clientId, conversationId, author: patient,
    kind: 'text', text: p.text, createdAt: new Date(p.createdAt).toISOString(), state: p.state,
  };
  if (p.error) item.error = p.error;
  if (p.attachments?.length) item.attachments = p.attachments;
  return item;
}
