/**
 * Mirrors outbox entries into a ConversationStore as local echoes with their state, touching
 * only the items that changed (a flush of hundreds of entries stays linear).
 */
import type { ConversationStore, ThreadItem } from '../conversation-store.js';
import type { OutboxItem } from './types.js';

/**
 * @param mirrored clientId → signature of what was last written to the store (kept by the caller)
 * @param fallbackThread thread for entries written before a conversation existed
 */
export function syncOutboxItems(
  store: ConversationStore, items: OutboxItem[], mirrored: Map<string, string>, fallbackThread: string, name?: string,
): void {
  const seen = new Set<string>();
  for (const i of items) {
    seen.add(i.clientId);
    const thread = i.conversationId || fallbackThread;
    const sig = `${thread}\u0000${i.state}\u0000${i.error ?? ''}`;
    if (mirrored.get(i.clientId) === sig) continue;
    const prev = mirrored.get(i.clientId);
    const prevThread = prev?.split('\u0000')[0];
    if (prevThread !== undefined && prevThread !== thread) store.removeLocal(prevThread, i.clientId);
    mirrored.set(i.clientId, sig);
    const item: ThreadItem = {
      key: i.clientId, clientId: i.clientId, conversationId: thread, author: name ? { role: 'patient', name } : { role: 'patient' },
      kind: 'text', text: i.text, createdAt: new Date(i.createdAt).toISOString(), state: i.state,
    };
    if (i.error) item.error = i.error;
    store.upsertLocal(item);
  }
  for (const [id, sig] of mirrored) {
    if (seen.has(id)) continue;
    mirrored.delete(id);
    // acknowledged entries were merged with their server copy already; this drops discarded ones
    store.removeLocal(sig.split('\u0000')[0]!, id);
  }
}
