// The store contract: every method of server/store/store.ts, run against SQLite and PostgreSQL
// alike. Idempotent sends by clientId (also concurrently, from two handles), event order and
// resume, pruning, sessions. PostgreSQL is a real throwaway cluster: the suite fails if it
// cannot start.
import { describe, test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { engines, until } from './engines.mjs';
import { loadStore } from '../../support/store-build.mjs';

const all = await engines();
after(() => Promise.all(all.map((e) => e.stop())));
const { EventFeed } = await loadStore();

const T0 = '2026-12-02T10:00:00.000Z';
const at = (s) => new Date(Date.parse(T0) + s * 1000).toISOString();

/** @returns {import('../../../server/store/store.ts').NewConversation} */
function conv(over = {}) {
  return {
    id: randomUUID(), patient: 'p1', mode: 'sync', status: 'queued', initiator: 'patient', queue: 'nurse',
    assignee: null, subject: null, reason: 'cough', expectedAnswerBy: null, createdAt: T0, updatedAt: T0, ...over,
  };
}

/** @returns {import('../../../server/store/store.ts').NewMessage} */
function msg(conversationId, over = {}) {
  return {
    id: randomUUID(), conversationId, clientId: randomUUID(), author: { role: 'patient', name: 'Test Testsson' },
    kind: 'text', text: 'Hej', payload: null, createdAt: T0, ...over,
  };
}

for (const engine of all) {
  describe(`store contract: ${engine.name}`, () => {
    /** @type {Awaited<ReturnType<typeof engine.open>>} */
    let h;
    /** @type {import('../../../server/store/store.ts').Store} */
    let s;
    beforeEach(async () => {
      h = await engine.open();
      s = h.store;
    });
    afterEach(() => h.close());

    test('engine name', () => assert.equal(s.engine, engine.name));

    test('sessions: found by id and kind until they expire; deleted; purged', async () => {
      await s.insertSession({ id: 'a', kind: 'patient', subject: 's1', name: 'Test', profession: null, queue: null, expiresAt: 2000 });
      await s.insertSession({ id: 'b', kind: 'staff', subject: 'st', name: 'Anna', profession: 'nurse', queue: 'nurse', expiresAt: 5000 });
      assert.deepEqual(await s.findSession('a', 'patient', 1000), { id: 'a', kind: 'patient', subject: 's1', name: 'Test', profession: null, queue: null, expiresAt: 2000, lastSeenAt: 0, queues: null });
      assert.equal(await s.findSession('a', 'staff', 1000), undefined, 'kind must match');
      assert.equal(await s.findSession('a', 'patient', 2000), undefined, 'expired at expiresAt');
      assert.equal((await s.findSession('b', 'staff', 1000))?.profession, 'nurse');
      await s.insertLogin({ state: 'st1', verifier: 'v', nonce: 'n', returnUrl: '/x', method: 'bankid', expiresAt: 1500 });
      assert.equal(await s.purgeExpired(3000), 2, 'session a and the login');
      assert.equal(await s.findSession('b', 'staff', 3000) !== undefined, true);
      await s.deleteSession('b');
      assert.equal(await s.findSession('b', 'staff', 3000), undefined);
    });

    test('sessions: last use, idle cut-off, queues; purge of idle sessions', async () => {
      await s.insertSession({ id: 'h1', kind: 'staff', subject: 'staff:sara', name: 'Sara Berg', profession: 'läkare', queue: 'nurse', queues: ['nurse', 'doctor'], expiresAt: 100_000, lastSeenAt: 1000 });
      await s.insertSession({ id: 'h2', kind: 'patient', subject: 'p', name: 'P', profession: null, queue: null, expiresAt: 100_000, lastSeenAt: 1000 });
      const found = await s.findSession('h1', 'staff', 2000, 500);
      assert.deepEqual(found, { id: 'h1', kind: 'staff', subject: 'staff:sara', name: 'Sara Berg', profession: 'läkare', queue: 'nurse', queues: ['nurse', 'doctor'], expiresAt: 100_000, lastSeenAt: 1000 });
      assert.equal(await s.findSession('h1', 'staff', 2000, 1000), undefined, 'last seen at the cut-off: idle');
      assert.ok(await s.findSession('h1', 'staff', 2000), 'no cut-off given: only the expiry counts');
      await s.touchSession('h1', 5000);
      assert.equal((await s.findSession('h1', 'staff', 6000, 4000))?.lastSeenAt, 5000, 'touched');
      assert.equal(await s.purgeExpired(6000, 4000), 1, 'h2 was idle since 1000');
      assert.equal(await s.findSession('h2', 'patient', 6000), undefined);
      assert.ok(await s.findSession('h1', 'staff', 6000));
      assert.equal(await s.purgeExpired(6000), 0, 'without a cut-off, idle is not a reason');
    });

    test('logins: taken once, not after expiry', async () => {
      await s.insertLogin({ state: 'x', verifier: 'v', nonce: 'n', returnUrl: '/r', method: 'freja', expiresAt: 2000 });
      await s.insertLogin({ state: 'y', verifier: 'v', nonce: 'n', returnUrl: '/r', method: 'freja', expiresAt: 2000 });
      assert.deepEqual(await s.takeLogin('x', 1000), { state: 'x', verifier: 'v', nonce: 'n', returnUrl: '/r', method: 'freja', expiresAt: 2000 });
      assert.equal(await s.takeLogin('x', 1000), undefined, 'one use');
      assert.equal(await s.takeLogin('y', 2500), undefined, 'expired');
      assert.equal(await s.takeLogin('y', 1000), undefined, 'an expired take still consumed it');
    });

    test('patients: upsert, find, list by name', async () => {
      await s.upsertPatient({ subject: 's2', name: 'Örjan' });
      await s.upsertPatient({ subject: 's1', name: 'Anna' });
      await s.upsertPatient({ subject: 's2', name: 'Bertil' });
      assert.deepEqual(await s.findPatient('s2'), { subject: 's2', name: 'Bertil' });
      assert.equal(await s.findPatient('nobody'), undefined);
      assert.deepEqual((await s.listPatients()).map((p) => p.name), ['Anna', 'Bertil']);
    });

    test('conversations: ord from the database, patch, lists, queue position, next in queue', async () => {
      await s.upsertPatient({ subject: 'p1', name: 'Test Testsson' });
      const a = await s.insertConversation(conv());
      const b = await s.insertConversation(conv({ patient: 'p2' }));
      const c = await s.insertConversation(conv({ status: 'waiting-for-clinic', mode: 'async' }));
      assert.ok(a.ord < b.ord && b.ord < c.ord, 'increasing ord');
      assert.deepEqual(await s.findConversation(a.id), a);
      assert.equal(await s.findConversation('nope'), undefined);
      assert.equal(await s.countQueuedAhead('nurse', b.ord), 1);
      assert.deepEqual((await s.listQueuedBehind('nurse', a.ord)).map((x) => x.id), [b.id]);
      assert.equal((await s.nextInQueue('nurse'))?.id, a.id);
      const assignee = { role: 'clinician', name: 'Anna Svensson', profession: 'nurse' };
      const a2 = await s.updateConversation(a.id, { status: 'active', assignee, updatedAt: at(5) });
      assert.deepEqual([a2?.status, a2?.assignee, a2?.updatedAt, a2?.ord], ['active', assignee, at(5), a.ord]);
      await s.updateConversation(b.id, { status: 'active', updatedAt: at(6) });
      assert.equal((await s.nextInQueue('nurse'))?.id, c.id, 'no queued one: the unassigned waiting-for-clinic');
      assert.equal(await s.nextInQueue('doctor'), undefined);
      assert.deepEqual((await s.listOpenAssignedTo('Anna Svensson')).map((x) => x.id), [a.id]);
      const cleared = await s.updateConversation(a.id, { assignee: null, queue: 'doctor', updatedAt: at(7) });
      assert.deepEqual([cleared?.assignee, cleared?.queue], [null, 'doctor']);
      assert.equal(await s.updateConversation('nope', { updatedAt: at(8) }), undefined);
      assert.deepEqual((await s.listConversationsOfPatient('p1')).map((x) => x.id), [a.id, c.id]);
      const listed = await s.listConversations();
      assert.deepEqual(listed.map((x) => [x.id, x.patientName]), [[a.id, 'Test Testsson'], [b.id, null], [c.id, 'Test Testsson']]);
    });

    test('messages: seq per conversation, paging, last, unread, markRead', async () => {
      const c = await s.insertConversation(conv());
      const other = await s.insertConversation(conv());
      const clin = { role: 'clinician', name: 'Anna' };
      const m1 = (await s.insertMessage(msg(c.id, { text: 'one', payload: { a: [1, 'två'] } }))).message;
      const m2 = (await s.insertMessage(msg(c.id, { author: clin, text: 'two', clientId: null }))).message;
      const m3 = (await s.insertMessage(msg(c.id, { author: { role: 'system' }, kind: 'system', text: 'three', clientId: null }))).message;
      const m4 = (await s.insertMessage(msg(c.id, { author: clin, text: 'four', clientId: null }))).message;
      const o1 = (await s.insertMessage(msg(other.id))).message;
      assert.deepEqual([m1.seq, m2.seq, m3.seq, m4.seq, o1.seq], [1, 2, 3, 4, 1]);
      assert.deepEqual(m1.payload, { a: [1, 'två'] });
      assert.equal(m1.readAt, null);
      assert.deepEqual(await s.findMessage(c.id, m2.id), m2);
      assert.equal(await s.findMessage(other.id, m2.id), undefined, 'scoped to its conversation');
      assert.deepEqual(await s.findMessageByClientId(c.id, m1.clientId), m1);
      assert.deepEqual((await s.listMessagesBefore(c.id, undefined, 2)).map((m) => m.seq), [4, 3]);
      assert.deepEqual((await s.listMessagesBefore(c.id, 3, 10)).map((m) => m.seq), [2, 1]);
      assert.deepEqual((await s.listMessages(c.id)).map((m) => m.text), ['one', 'two', 'three', 'four']);
      assert.equal((await s.lastMessage(c.id))?.id, m4.id);
      assert.equal(await s.countUnread(c.id, 'patient'), 2, 'clinician messages only, not system');
      assert.equal(await s.countUnread(c.id, 'staff'), 1);
      const read = await s.markRead(c.id, 'patient', 3, at(9));
      assert.deepEqual(read.map((m) => [m.seq, m.readAt]), [[2, at(9)], [3, at(9)]], 'clinician and system up to seq 3');
      assert.equal(await s.countUnread(c.id, 'patient'), 1);
      assert.deepEqual(await s.markRead(c.id, 'patient', 3, at(10)), [], 'already read');
      assert.deepEqual((await s.markRead(c.id, 'staff', 9, at(11))).map((m) => m.seq), [1]);
      // "everything": a bound beyond the column's range (int4 on PostgreSQL) is not an error
      assert.deepEqual((await s.markRead(c.id, 'patient', Number.MAX_SAFE_INTEGER, at(12))).map((m) => m.seq), [4]);
      assert.deepEqual((await s.listMessagesBefore(c.id, Number.MAX_SAFE_INTEGER, 2)).map((m) => m.seq), [4, 3]);
    });

    test('idempotent send: the same clientId stores one message (created, then existing)', async () => {
      const c = await s.insertConversation(conv());
      const first = msg(c.id);
      const r1 = await s.insertMessage(first);
      const r2 = await s.insertMessage({ ...first, id: randomUUID(), text: 'a different body' });
      assert.equal(r1.created, true);
      assert.equal(r2.created, false);
      assert.deepEqual(r2.message, r1.message, 'the stored message, for the caller to compare bodies');
      assert.equal((await s.listMessages(c.id)).length, 1);
    });

    test('idempotent send under concurrency: one clientId sent at once on two connections → one message', async () => {
      const c = await s.insertConversation(conv());
      const s2 = await h.second();
      for (let round = 0; round < 10; round++) {
        const m = msg(c.id, { text: `round ${round}` });
        const results = await Promise.all([s.insertMessage(m), s2.insertMessage({ ...m, id: randomUUID() })]);
        assert.deepEqual(results.map((r) => r.created).sort(), [false, true], `round ${round}: one created, one existing`);
        assert.equal(results[0].message.id, results[1].message.id, 'the same message');
      }
      assert.equal((await s.listMessages(c.id)).length, 10);
    });

    test('different clientIds sent at once on two connections to one conversation: distinct seqs, no error', async () => {
      const c = await s.insertConversation(conv());
      const s2 = await h.second();
      const sends = [];
      for (let i = 0; i < 20; i++) sends.push((i % 2 ? s2 : s).insertMessage(msg(c.id, { text: String(i) })));
      const results = await Promise.all(sends);
      assert.ok(results.every((r) => r.created));
      assert.deepEqual((await s.listMessages(c.id)).map((m) => m.seq), Array.from({ length: 20 }, (_, i) => i + 1));
    });

    test('triage, actions (answered once), evaluations (one per conversation)', async () => {
      const c = await s.insertConversation(conv());
      const triage = { conversationId: c.id, questionnaire: { resourceType: 'Questionnaire', item: [] }, response: { resourceType: 'QuestionnaireResponse', status: 'completed' }, redFlags: [{ linkId: 'q1', reason: 'Andnöd' }], createdAt: T0 };
      await s.insertTriage(triage);
      assert.deepEqual(await s.findTriage(c.id), triage);
      assert.equal(await s.findTriage('nope'), undefined);
      await s.insertAction({ conversationId: c.id, actionId: 'a1', messageId: 'm1', kind: 'booking', createdAt: T0 });
      await s.insertAction({ conversationId: c.id, actionId: 'a2', messageId: 'm2', kind: 'callback', createdAt: at(1) });
      assert.deepEqual(await s.findAction(c.id, 'a1'), { conversationId: c.id, actionId: 'a1', messageId: 'm1', kind: 'booking', createdAt: T0, response: null, answeredAt: null });
      assert.equal(await s.answerAction(c.id, 'a1', { slotId: 's1' }, at(2)), true);
      assert.equal(await s.answerAction(c.id, 'a1', { slotId: 's2' }, at(3)), false, 'answered once');
      assert.equal(await s.answerAction(c.id, 'missing', {}, at(3)), false);
      assert.deepEqual((await s.listActions(c.id)).map((a) => [a.actionId, a.response, a.answeredAt]), [['a1', { slotId: 's1' }, at(2)], ['a2', null, null]]);
      const ev = { conversationId: c.id, questionnaire: { q: 1 }, response: { a: 5 }, queue: 'nurse', createdAt: at(4) };
      assert.equal(await s.insertEvaluation(ev), true);
      assert.equal(await s.insertEvaluation({ ...ev, response: { a: 1 } }), false);
      assert.deepEqual(await s.findEvaluation(c.id), ev);
      const c2 = await s.insertConversation(conv({ queue: 'doctor' }));
      await s.insertEvaluation({ ...ev, conversationId: c2.id, queue: 'doctor', createdAt: at(5) });
      assert.deepEqual((await s.listEvaluations()).map((e) => e.queue), ['nurse', 'doctor']);
      assert.deepEqual((await s.listEvaluations('doctor')).map((e) => e.conversationId), [c2.id]);
    });

    test('event log: ids from the database in order, audiences, resume after an id', async () => {
      assert.equal(await s.headEventId(), 0);
      const ids = [];
      ids.push(await s.appendEvent({ patient: 'p1', audience: 'both', conversationId: 'c1', body: { type: 'message', text: 'å' } }));
      ids.push(await s.appendEvent({ patient: 'p2', audience: 'both', conversationId: 'c2', body: { type: 'message' } }));
      ids.push(await s.appendEvent({ patient: 'p1', audience: 'staff', conversationId: 'c1', body: { type: 'note' } }));
      ids.push(await s.appendEvent({ patient: 'p1', audience: 'patient', conversationId: null, body: { type: 'typing' } }));
      assert.ok(ids.every((id, i) => i === 0 || id > ids[i - 1]), 'increasing');
      assert.equal(await s.headEventId(), ids[3]);
      assert.deepEqual((await s.eventsAfter(0, 100)).map((e) => e.id), ids);
      assert.deepEqual((await s.eventsAfter(ids[1], 100)).map((e) => e.id), ids.slice(2), 'resume after an id');
      assert.deepEqual((await s.eventsAfter(0, 2)).map((e) => e.id), ids.slice(0, 2), 'limit');
      const [first] = await s.eventsAfter(0, 1);
      assert.deepEqual(first, { id: ids[0], patient: 'p1', audience: 'both', conversationId: 'c1', body: { type: 'message', text: 'å' } });
      assert.deepEqual((await s.patientEventsAfter('p1', 0, 100)).map((e) => e.id), [ids[0], ids[3]], 'own, and not staff-only');
      assert.deepEqual((await s.patientEventsAfter('p1', ids[0], 100)).map((e) => e.id), [ids[3]]);
      assert.deepEqual((await s.staffEventsAfter(0, 100)).map((e) => e.id), ids.slice(0, 3), 'not patient-only');
    });

    test('pruning: old events go, the head and the prune point stay', async () => {
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push(await s.appendEvent({ patient: 'p1', audience: 'both', conversationId: null, body: { i } }));
      assert.equal(await s.prunedBefore(), 0);
      await s.pruneEvents(ids[2]);
      assert.deepEqual((await s.eventsAfter(0, 100)).map((e) => e.id), ids.slice(2));
      assert.equal(await s.prunedBefore(), ids[2]);
      await s.pruneEvents(ids[1]);
      assert.equal(await s.prunedBefore(), ids[2], 'the prune point never moves back');
      await s.pruneEvents(ids[4] + 1);
      assert.deepEqual(await s.eventsAfter(0, 100), [], 'empty');
      assert.equal(await s.headEventId(), ids[4], 'the head is kept when the log is pruned empty');
      const next = await s.appendEvent({ patient: 'p1', audience: 'both', conversationId: null, body: {} });
      assert.ok(next > ids[4], 'ids never reused');
    });

    test('transactions: a rollback leaves no rows and no event; listeners hear only commits', async () => {
      let heard = 0;
      const off = s.onEvents(() => heard++);
      await assert.rejects(s.transaction(async (tx) => {
        const c = await tx.insertConversation(conv({ id: 'rolled-back' }));
        await tx.insertMessage(msg(c.id));
        await tx.appendEvent({ patient: 'p1', audience: 'both', conversationId: c.id, body: {} });
        throw new Error('abort');
      }), /abort/);
      assert.equal(await s.findConversation('rolled-back'), undefined);
      assert.deepEqual(await s.eventsAfter(0, 10), []);
      const id = await s.transaction(async (tx) => {
        const c = await tx.insertConversation(conv());
        await tx.insertMessage(msg(c.id));
        return tx.appendEvent({ patient: 'p1', audience: 'both', conversationId: c.id, body: { ok: true } });
      });
      await until(() => heard > 0, 'a listener call after the commit');
      assert.deepEqual((await s.eventsAfter(0, 10)).map((e) => e.id), [id]);
      off();
    });

    test('event feed: each event read once per process, handed to every subscriber in order', async () => {
      const feed = new EventFeed(s, { batch: 4 });
      await feed.start();
      const a = [], b = [];
      feed.subscribe((evs) => a.push(...evs.map((e) => e.id)));
      feed.subscribe((evs) => b.push(...evs.map((e) => e.id)));
      const ids = [];
      for (let i = 0; i < 10; i++) ids.push(await s.appendEvent({ patient: `p${i % 3}`, audience: 'both', conversationId: null, body: { i } }));
      await until(() => a.length === 10, 'all ten events');
      await feed.idle();
      assert.deepEqual(a, ids);
      assert.deepEqual(b, ids, 'the second subscriber costs no read of its own');
      assert.ok(feed.reads <= 10 + 3, `reads: ${feed.reads}`);
      feed.stop();
    });

    test('event feed: follow() from a resume point gives the backlog then live events, no gap, no repeat', async () => {
      const before = [];
      for (let i = 0; i < 6; i++) before.push(await s.appendEvent({ patient: i % 2 ? 'p1' : 'p2', audience: 'both', conversationId: null, body: { i } }));
      const feed = new EventFeed(s, { batch: 2 });
      await feed.start();
      const got = [];
      // events appended while the backlog is being read must neither be lost nor repeated
      const writer = (async () => {
        const out = [];
        for (let i = 0; i < 8; i++) out.push(await s.appendEvent({ patient: 'p1', audience: 'both', conversationId: null, body: { live: i } }));
        return out;
      })();
      const off = await feed.follow(before[0], (after, limit) => s.patientEventsAfter('p1', after, limit), (e) => e.patient === 'p1', (evs) => got.push(...evs.map((e) => e.id)));
      const live = await writer;
      await until(() => got.length === 3 + 8, 'the backlog and every live event');
      await feed.idle();
      assert.deepEqual(got, [before[1], before[3], before[5], ...live]);
      off();
      feed.stop();
    });

    test('concurrent appends on two connections: a reader polling the log never skips an id', async () => {
      const s2 = await h.second();
      let last = 0;
      const seen = [];
      let writing = true;
      const reader = (async () => {
        // polls while the writers run, then once more after the last commit
        for (let done = false; !done;) {
          done = !writing;
          const rows = await s.eventsAfter(last, 100);
          for (const r of rows) seen.push(r.id);
          if (rows.length) last = rows[rows.length - 1].id;
          else await new Promise((r) => setImmediate(r));
        }
      })();
      const writers = [s, s2].map(async (st, w) => {
        const c = await st.insertConversation(conv());
        for (let i = 0; i < 30; i++) {
          await st.transaction(async (tx) => {
            await tx.insertMessage(msg(c.id));
            await tx.appendEvent({ patient: 'p1', audience: 'both', conversationId: c.id, body: { w, i } });
            // work after the append widens the window between taking an id and committing it
            await tx.insertMessage(msg(c.id));
            if (i % 2 === w) await new Promise((r) => setTimeout(r, 3));
          });
        }
      });
      await Promise.all(writers);
      writing = false;
      await reader;
      const allIds = (await s.eventsAfter(0, 1000)).map((e) => e.id);
      assert.equal(allIds.length, 60);
      assert.deepEqual(seen, allIds, 'the polling reader saw every id, in order, once');
    });

    /** @returns {import('../../../server/store/store.ts').AttachmentRecord} */
    const file = (conversationId, over = {}) => ({
      id: `att-${randomUUID()}`, conversationId, clientId: 'k1', index: 0, uploaderRole: 'patient', name: 'utslag.jpg', type: 'image/jpeg',
      size: 4, width: 10, height: 20, alt: null, sha256: 'aa', messageId: null, createdAt: T0, thumbnail: null, ...over,
    });

    test('attachments: stored once per (conversation, clientId, index), bytes apart, read back whole', async () => {
      const c = await s.insertConversation(conv());
      const bytes = new Uint8Array([0xff, 0xd8, 0x00, 0xd9]);
      const a = file(c.id);
      const first = await s.insertAttachment(a, bytes);
      assert.equal(first.created, true);
      assert.deepEqual(first.attachment, a);
      const again = await s.insertAttachment(file(c.id, { sha256: 'bb' }), new Uint8Array([1]));
      assert.equal(again.created, false, 'the same key again stores nothing');
      assert.deepEqual(again.attachment, a, 'and answers with the first');
      assert.deepEqual(await s.readAttachmentBytes(a.id), bytes);
      assert.equal(await s.readAttachmentBytes(again.attachment.id === a.id ? 'att-none' : again.attachment.id), undefined);
      const b = file(c.id, { index: 1, type: 'application/pdf', width: null, height: null, name: 'remiss.pdf' });
      await s.insertAttachment(b, new Uint8Array(70_000).fill(7));
      assert.deepEqual((await s.listAttachmentsOfClientId(c.id, 'k1')).map((x) => x.index), [0, 1]);
      assert.equal((await s.readAttachmentBytes(b.id))?.length, 70_000);
      assert.equal(await s.findAttachment('other-conversation', a.id), undefined, 'found only in its conversation');
      await s.linkAttachments(c.id, 'k1', 'm-1');
      assert.equal((await s.findAttachment(c.id, b.id))?.messageId, 'm-1');
    });

    test('attachments: concurrent uploads of one key from two handles keep one row and one blob', async () => {
      const s2 = await h.second();
      const c = await s.insertConversation(conv());
      const tries = [s, s2, s, s2].map((st, i) => st.insertAttachment(file(c.id, { sha256: `h${i}` }), new Uint8Array([i])));
      const results = await Promise.all(tries);
      assert.equal(results.filter((r) => r.created).length, 1, 'one upload created it');
      const kept = results.find((r) => r.created).attachment;
      for (const r of results) assert.equal(r.attachment.id, kept.id, 'every caller got the kept one');
      assert.deepEqual(await s.readAttachmentBytes(kept.id), new Uint8Array([Number(kept.sha256.slice(1))]));
      for (const r of results) if (!r.created) assert.equal(r.attachment.id, kept.id);
      assert.equal((await s.listAttachmentsOfClientId(c.id, 'k1')).length, 1);
    });

    test('messages carry attachment references; other messages have none', async () => {
      const c = await s.insertConversation(conv());
      const refs = [{ id: 'att-1', name: 'a.jpg', type: 'image/jpeg', size: 4, width: 10, height: 20 }, { id: 'att-2', name: 'b.pdf', type: 'application/pdf', size: 9 }];
      const r = await s.insertMessage(msg(c.id, { attachments: refs }));
      assert.deepEqual(r.message.attachments, refs);
      assert.deepEqual((await s.findMessage(c.id, r.message.id))?.attachments, refs);
      const plain = await s.insertMessage(msg(c.id));
      assert.equal((await s.findMessage(c.id, plain.message.id))?.attachments, undefined);
    });

    test('the messages that carry files, newest first; none of another conversation, none without files', async () => {
      const c = await s.insertConversation(conv());
      const ref = (id) => ({ id, name: `${id}.pdf`, type: 'application/pdf', size: 9 });
      const a = await s.insertMessage(msg(c.id, { attachments: [ref('att-a1'), ref('att-a2')], createdAt: at(1) }));
      await s.insertMessage(msg(c.id, { createdAt: at(2) }));
      const b = await s.insertMessage(msg(c.id, { author: { role: 'clinician', name: 'Anna' }, attachments: [ref('att-b')], createdAt: at(3) }));
      await s.insertMessage(msg(c.id, { createdAt: at(4) }));
      const other = await s.insertConversation(conv());
      await s.insertMessage(msg(other.id, { attachments: [ref('att-x')] }));
      const found = await s.listMessagesWithAttachments(c.id);
      assert.deepEqual(found.map((m) => m.id), [b.message.id, a.message.id]);
      assert.deepEqual(found[1].attachments, [ref('att-a1'), ref('att-a2')]);
      assert.deepEqual(found[0].author, { role: 'clinician', name: 'Anna' });
      assert.deepEqual(await s.listMessagesWithAttachments('none'), []);
    });

    test('notes: their own table, oldest first, never among the messages', async () => {
      const c = await s.insertConversation(conv());
      await s.insertNote({ id: 'n2', conversationId: c.id, author: { role: 'clinician', name: 'Anna' }, text: 'andra', createdAt: at(2) });
      await s.insertNote({ id: 'n1', conversationId: c.id, author: { role: 'clinician', name: 'Erik' }, text: 'första', createdAt: at(1) });
      assert.deepEqual((await s.listNotes(c.id)).map((n) => n.text), ['första', 'andra']);
      assert.deepEqual(await s.listNotes('other'), []);
      assert.deepEqual(await s.listMessages(c.id), [], 'a note is not a message');
    });

    test('notify channels: upsert replaces, patch, tries counted atomically, delete', async () => {
      const ch = { patient: 'p1', channel: 'sms', address: '+46701234567', confirmedAt: null, codeHash: 'aa:bb', codeExpiresAt: 5000, codeTries: 0, updatedAt: T0 };
      await s.upsertNotifyChannel(ch);
      await s.upsertNotifyChannel({ ...ch, channel: 'email', address: 'a@example.se' });
      assert.deepEqual(await s.findNotifyChannel('p1', 'sms'), ch);
      await s.upsertNotifyChannel({ ...ch, address: '+46731234567' });
      assert.equal((await s.findNotifyChannel('p1', 'sms')).address, '+46731234567', 'the same channel is replaced');
      assert.deepEqual((await s.listNotifyChannels('p1')).map((c) => c.channel), ['email', 'sms']);
      assert.deepEqual(await s.listNotifyChannels('p2'), []);
      const tries = await Promise.all([1, 2, 3].map(() => s.addNotifyCodeTry('p1', 'sms')));
      assert.deepEqual(tries.sort(), [1, 2, 3], 'each try counted once');
      assert.equal(await s.addNotifyCodeTry('p2', 'sms'), 0);
      const c = await s.updateNotifyChannel('p1', 'sms', { confirmedAt: at(1), codeHash: null, codeExpiresAt: null, codeTries: 0, updatedAt: at(1) });
      assert.deepEqual({ ...c }, { ...ch, address: '+46731234567', confirmedAt: at(1), codeHash: null, codeExpiresAt: null, codeTries: 0, updatedAt: at(1) });
      assert.equal(await s.deleteNotifyChannel('p1', 'sms'), true);
      assert.equal(await s.deleteNotifyChannel('p1', 'sms'), false);
      assert.equal(await s.findNotifyChannel('p1', 'sms'), undefined);
    });

    test('notify events: claimed once (also from two connections), batched by due time, dispatched once', async () => {
      const s2 = await h.second();
      const e = { eventId: 7, patient: 'p1', conversationId: 'c1', messageId: 'm1', at: 1000 };
      const claims = await Promise.all([s.claimNotifyEvent(e), s2.claimNotifyEvent(e)]);
      assert.deepEqual(claims.sort(), [false, true], 'one claim wins');
      assert.equal(await s.claimNotifyEvent(e), false);
      await s.claimNotifyEvent({ ...e, eventId: 8, messageId: 'm2', at: 1500 });
      await s.claimNotifyEvent({ ...e, eventId: 9, messageId: 'm3', at: 9000 });
      await s.scheduleNotify('p1', 2000);
      await s.scheduleNotify('p1', 3000);
      await s.scheduleNotify('p2', 2500);
      assert.deepEqual(await s.takeDueNotify(1999, 10), []);
      const taken = await Promise.all([s.takeDueNotify(2600, 10), s2.takeDueNotify(2600, 10)]);
      assert.deepEqual(taken.flat().sort((a, b) => a.dueAt - b.dueAt), [{ patient: 'p1', dueAt: 2000 }, { patient: 'p2', dueAt: 2500 }], 'the earlier time stays; each patient taken once');
      assert.deepEqual(await s.takeDueNotify(10_000, 10), []);
      const d = await s.dispatchNotifyEvents('p1', 'd1', 2000);
      assert.deepEqual(d.map((x) => [x.eventId, x.dispatchId, x.messageId]), [[7, 'd1', 'm1'], [8, 'd1', 'm2']]);
      assert.deepEqual(await s.dispatchNotifyEvents('p1', 'd2', 2000), [], 'dispatched once');
      assert.deepEqual((await s.dispatchNotifyEvents('p1', 'd2', 9000)).map((x) => x.eventId), [9]);
    });

    test('notify deliveries: leased by one caller, retried when due, listed for the console per conversation', async () => {
      const s2 = await h.second();
      await s.claimNotifyEvent({ eventId: 1, patient: 'p1', conversationId: 'c1', messageId: null, at: 10 });
      await s.claimNotifyEvent({ eventId: 2, patient: 'p1', conversationId: 'c2', messageId: null, at: 10 });
      await s.dispatchNotifyEvents('p1', 'd1', 10);
      const base = { dispatchId: 'd1', patient: 'p1', status: 'pending', attempts: 0, nextAt: 100, sentAt: null, error: null };
      await s.insertNotifyDelivery({ ...base, channel: 'sms' });
      await s.insertNotifyDelivery({ ...base, channel: 'email' });
      await s.insertNotifyDelivery({ ...base, channel: 'email', status: 'sent' });
      const leased = await Promise.all([s.leaseNotifyDeliveries(100, 200, 10), s2.leaseNotifyDeliveries(100, 200, 10)]);
      assert.deepEqual(leased.flat().map((x) => x.channel).sort(), ['email', 'sms'], 'each leased once');
      assert.ok(leased.flat().every((x) => x.nextAt === 200 && x.status === 'pending'));
      assert.deepEqual(await s.leaseNotifyDeliveries(150, 300, 10), [], 'held by the lease');
      await s.updateNotifyDelivery('d1', 'sms', { status: 'sent', attempts: 1, sentAt: at(60) });
      await s.updateNotifyDelivery('d1', 'email', { attempts: 1, nextAt: 500, error: 'smtp-421' });
      assert.deepEqual((await s.leaseNotifyDeliveries(500, 600, 10)).map((x) => [x.channel, x.attempts, x.error]), [['email', 1, 'smtp-421']]);
      assert.deepEqual(await s.listNotifiedFor('c1'), [{ at: at(60), channel: 'sms' }]);
      assert.deepEqual(await s.listNotifiedFor('c2'), [{ at: at(60), channel: 'sms' }], 'one dispatch covers both conversations');
      assert.deepEqual(await s.listNotifiedFor('c3'), []);
      assert.deepEqual((await s.listNotifyDeliveries('p1')).map((x) => x.status).sort(), ['pending', 'sent']);
    });

    test('notify presence: rows per process, replaced by each heartbeat, seen since', async () => {
      await s.setNotifyPresence('A', ['p1', 'p2'], 1000);
      assert.equal(await s.notifyPresentElsewhere('p1', 'B', 900), true);
      assert.equal(await s.notifyPresentElsewhere('p1', 'A', 900), false, 'not elsewhere: this process');
      assert.equal(await s.notifyPresentElsewhere('p1', 'B', 1001), false, 'too old');
      await s.setNotifyPresence('A', ['p2'], 2000);
      assert.equal(await s.notifyPresentElsewhere('p1', 'B', 0), false, 'gone with the next heartbeat');
      assert.equal(await s.notifyPresentElsewhere('p2', 'B', 2000), true);
      await s.setNotifyPresence('A', [], 3000);
      assert.equal(await s.notifyPresentElsewhere('p2', 'B', 0), false);
    });
  });
}
