/**
 * An OutboxStore in memory: the fast store for core tests, and the fallback when IndexedDB is
 * unavailable, full or taken away (online-only mode). Several outboxes may share one instance,
 * which is how tests stand in for tabs on one database.
 */
import type { OutboxEntry, OutboxStore } from './types.js';

export class MemoryOutboxStore implements OutboxStore {
  private readonly entries = new Map<string, OutboxEntry>();

  async put(entry: OutboxEntry): Promise<void> {
    this.entries.set(`${entry.subject}\u0000${entry.clientId}`, structuredClone(entry));
  }

  async delete(subject: string, clientId: string): Promise<void> {
    this.entries.delete(`${subject}\u0000${clientId}`);
  }

  async deleteMany(subject: string, clientIds: string[]): Promise<void> {
    for (const id of clientIds) this.entries.delete(`${subject}\u0000${id}`);
  }

  async list(subject: string): Promise<OutboxEntry[]> {
    return [...this.entries.values()]
      .filter((e) => e.subject === subject)
      .sort(byOrder)
      .map((e) => structuredClone(e));
  }

  async clear(subject: string): Promise<void> {
    for (const [k, e] of this.entries) if (e.subject === subject) this.entries.delete(k);
  }

  close(): void {}
}

/** FIFO: write order, then clientId for a stable tie-break. */
export function byOrder(a: OutboxEntry, b: OutboxEntry): number {
  return a.order - b.order || (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0);
}
