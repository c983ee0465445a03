/**
 * The contract every OutboxStore must meet, as a mocha suite (describe/it globals), run against
 * the IndexedDB and the memory store here and exported for anyone who writes their own:
 *
 *   import { runOutboxStoreConformance } from 'vard-chat/testing';
 *   runOutboxStoreConformance('my store', async () => ({ open: (subject) => MyStore.open(subject) }));
 *
 * The stores one target opens share their storage, as two tabs share one database.
 */
import type { OutboxEntry, OutboxStore } from '../core/outbox/types.js';

export interface OutboxStoreTarget {
  /** A store for the patient `subject`, on the target's storage. */
  open(subject: string): Promise<OutboxStore>;
  /** Deletes the target's storage (after the suite's test). */
  dispose?(): void | Promise<void>;
}

const A = 'patient-a';
const B = 'patient-b';
const entry = (clientId: string, order: number, extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  clientId, subject: A, conversationId: 'c1', text: `text ${clientId} åäö 💬`, createdAt: 1_700_000_000_000 + order,
  touchedAt: 1_700_000_000_000 + order, order, state: 'queued', ...extra,
});

/** Plain JSON with sorted keys: two entries are the same when these strings are. */
const canon = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) =>
  x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x);

function same(actual: unknown, expected: unknown, what: string): void {
  const a = canon(actual), e = canon(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

export function runOutboxStoreConformance(name: string, makeTarget: () => Promise<OutboxStoreTarget>): void {
  describe(`OutboxStore conformance: ${name}`, () => {
    let target: OutboxStoreTarget;
    const opened: OutboxStore[] = [];
    const open = async (subject: string) => {
      const s = await target.open(subject);
      opened.push(s);
      return s;
    };
    beforeEach(async () => {
      target = await makeTarget();
    });
    afterEach(async () => {
      for (const s of opened.splice(0)) s.close();
      await target.dispose?.();
    });

    it('a put resolves once stored: another store on the same storage lists the entry as written', async () => {
      const a = await open(A);
      const e = entry('k1', 1, { conversationId: '' });
      await a.put(e);
      same(await (await open(A)).list(A), [e], 'listed by another store');
    });

    it('lists in FIFO order: write order, then clientId', async () => {
      const a = await open(A);
      for (const e of [entry('c', 3), entry('a', 1), entry('z', 2), entry('b', 2)]) await a.put(e);
      same((await a.list(A)).map((e) => e.clientId), ['a', 'b', 'z', 'c'], 'FIFO order');
    });

    it('a put with the same clientId replaces the entry (a failure and its reason, a retry)', async () => {
      const a = await open(A);
      await a.put(entry('k1', 1));
      await a.put(entry('k1', 1, { state: 'failed', error: 'rejected', touchedAt: 5 }));
      const [only, ...rest] = await a.list(A);
      same(rest, [], 'one entry per clientId');
      same(only, entry('k1', 1, { state: 'failed', error: 'rejected', touchedAt: 5 }), 'the replaced entry');
      await a.put(entry('k1', 1));
      same(await a.list(A), [entry('k1', 1)], 'queued again, without the old reason');
    });

    it('delete and deleteMany remove entries; unknown ids are no error', async () => {
      const a = await open(A);
      for (const id of ['k1', 'k2', 'k3', 'k4']) await a.put(entry(id, Number(id[1])));
      await a.delete(A, 'k2');
      await a.delete(A, 'never-written');
      if (a.deleteMany) await a.deleteMany(A, ['k3', 'never-written']);
      else await a.delete(A, 'k3');
      same((await a.list(A)).map((e) => e.clientId), ['k1', 'k4'], 'what is left');
    });

    it("is partitioned by patient: B never lists, deletes or clears A's entries", async () => {
      const a = await open(A);
      const b = await open(B);
      await a.put(entry('a1', 1));
      await b.put(entry('b1', 2, { subject: B }));
      same((await b.list(B)).map((e) => e.clientId), ['b1'], "B's list");
      await b.delete(B, 'a1');
      await b.clear(B);
      same(await b.list(B), [], "B's list after clear");
      same((await a.list(A)).map((e) => e.clientId), ['a1'], "A's entry after B's delete and clear");
      await a.clear(A);
      same(await a.list(A), [], "A's list after clear");
    });

    it('list gives copies: changing one changes nothing stored', async () => {
      const a = await open(A);
      await a.put(entry('k1', 1));
      const [got] = await a.list(A);
      got!.text = 'changed';
      got!.state = 'failed';
      same(await a.list(A), [entry('k1', 1)], 'stored entry');
    });
  });
}
