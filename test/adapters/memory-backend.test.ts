import { expect } from '@open-wc/testing';
import { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import { idbPersistence } from '../../src/adapters/memory/persist.js';
import { BackendError } from '../../src/core/errors.js';
import type { BackendEvent, QuestionnaireResponse } from '../../src/core/types.js';
import * as v from 'valibot';
import { BackendEvent as EventSchema, ConversationList } from '../../src/protocol/api.js';
import { Message, isKindWithPayload, parseKindPayload } from '../../src/protocol/messages.js';
import { KIND_EXAMPLES } from '../../src/protocol/examples.js';
import { waitFor } from '../wait.js';
import { sniff } from '../../server/attachments/sniff.js';
import { parseAttachment } from '../../src/protocol/attachments.js';

const fast = (extra = {}) => new MemoryBackend({ latencyMs: 0, replyDelayMs: 20, persistence: null, ...extra });

describe('MemoryBackend', () => {
  it('is idempotent on clientId: the same send twice makes one message', async () => {
    const b = fast({ autoReply: false });
    const c = await b.startConversation({});
    const m1 = await b.sendMessage(c.id, { clientId: 'k1', text: 'hej' });
    const m2 = await b.sendMessage(c.id, { clientId: 'k1', text: 'hej' });
    expect(m2.id).to.equal(m1.id);
    expect((await b.getMessages(c.id)).messages).to.have.length(1);
  });

  it('rejects the same clientId with a different text', async () => {
    const b = fast({ autoReply: false });
    const c = await b.startConversation({});
    await b.sendMessage(c.id, { clientId: 'k1', text: 'hej' });
    const err = await b.sendMessage(c.id, { clientId: 'k1', text: 'annat' }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(BackendError);
    expect((err as BackendError).kind).to.equal('rejected');
  });

  it('answers as the simulated clinician and pushes events in order', async () => {
    const b = fast();
    const events: BackendEvent[] = [];
    const ac = new AbortController();
    b.subscribe((e) => events.push(e), { signal: ac.signal });
    const c = await b.startConversation({ mode: 'sync' });
    await b.sendMessage(c.id, { clientId: 'k1', text: 'hej' });
    await waitFor(() => events.some((e) => e.type === 'message' && e.message.author.role === 'clinician' && e.message.kind === 'text'));
    const ids = events.map((e) => Number(e.id.slice(1)));
    expect(ids).to.deep.equal([...ids].sort((a, b) => a - b));
    expect(events.some((e) => e.type === 'typing')).to.equal(true);
    ac.abort();
    b.dispose();
  });

  for (const [kind, extra] of [['network', {}], ['unavailable', {}], ['rate-limited', { retryAfterMs: 2000 }], ['rejected', {}]] as const) {
    it(`injects a ${kind} failure for the next request only`, async () => {
      const b = fast({ autoReply: false });
      const c = await b.startConversation({});
      b.setFailure(kind, 1);
      const err = (await b.sendMessage(c.id, { clientId: 'x', text: 'hej' }).catch((e: unknown) => e)) as BackendError;
      expect(err.kind).to.equal(kind);
      expect(err).to.include(extra);
      expect((await b.sendMessage(c.id, { clientId: 'x', text: 'hej' })).text).to.equal('hej');
    });
  }

  it('fails every request while offline and delivers missed events when back', async () => {
    const b = fast({ autoReply: false });
    const events: BackendEvent[] = [];
    b.subscribe((e) => events.push(e), { signal: new AbortController().signal });
    const c = await b.startConversation({});
    b.setOffline(true);
    expect(((await b.listConversations().catch((e: unknown) => e)) as BackendError).kind).to.equal('network');
    await b.clinicianSend('while you were away', { conversationId: c.id });
    const away = (e: BackendEvent) => e.type === 'message' && e.message.text === 'while you were away';
    expect(events.some(away), 'not delivered while offline').to.equal(false);
    const before = events.length;
    b.setOffline(false);
    await waitFor(() => events.length > before);
    expect(events.some((e) => e.type === 'message' && e.message.text === 'while you were away')).to.equal(true);
  });

  it('resumes a subscription after a known event id and signals resync for an unknown one', async () => {
    const b = fast({ autoReply: false });
    const first: BackendEvent[] = [];
    const ac = new AbortController();
    b.subscribe((e) => first.push(e), { signal: ac.signal });
    const c = await b.startConversation({});
    await b.clinicianSend('one', { conversationId: c.id });
    await waitFor(() => first.length >= 2);
    ac.abort();
    const since = first[0]!.id;
    const resumed: BackendEvent[] = [];
    b.subscribe((e) => resumed.push(e), { signal: new AbortController().signal, since });
    await waitFor(() => resumed.length > 0);
    expect(resumed.map((e) => e.id)).to.deep.equal(first.slice(1).map((e) => e.id).concat(resumed.slice(first.length - 1).map((e) => e.id)));
    const stale: BackendEvent[] = [];
    b.subscribe((e) => stale.push(e), { signal: new AbortController().signal, since: 'e-gone' });
    await waitFor(() => stale.length > 0);
    expect(stale[0]!.type).to.equal('resync');
  });

  it('pages older messages with a cursor', async () => {
    const b = fast({ autoReply: false });
    const c = await b.startConversation({});
    for (let i = 0; i < 7; i++) await b.sendMessage(c.id, { clientId: `k${i}`, text: `t${i}` });
    const p1 = await b.getMessages(c.id, { limit: 3 });
    expect(p1.messages.map((m) => m.text)).to.deep.equal(['t4', 't5', 't6']);
    const p2 = await b.getMessages(c.id, { limit: 3, before: p1.before! });
    expect(p2.messages.map((m) => m.text)).to.deep.equal(['t1', 't2', 't3']);
    const p3 = await b.getMessages(c.id, { limit: 3, before: p2.before! });
    expect(p3.messages.map((m) => m.text)).to.deep.equal(['t0']);
    expect(p3.before).to.equal(undefined);
  });

  it('requires a session', async () => {
    const b = fast({ session: null });
    expect(await b.getSession()).to.equal(null);
    expect(((await b.listConversations().catch((e: unknown) => e)) as BackendError).kind).to.equal('auth');
  });

  it('keeps its server state across instances (a page reload) in its own database, and reset clears it', async () => {
    const name = `vard-chat-mock-server-test-${Math.random()}`;
    const a = new MemoryBackend({ latencyMs: 0, autoReply: false, persistence: idbPersistence(name) });
    const c = await a.startConversation({});
    await a.sendMessage(c.id, { clientId: 'k1', text: 'survives reload' });
    // its write to the database has landed once a fresh instance (a reload) reads the conversation
    let b!: MemoryBackend;
    await waitFor(async () => {
      b?.dispose();
      b = new MemoryBackend({ latencyMs: 0, autoReply: false, persistence: idbPersistence(name) });
      return (await b.listConversations()).length > 0;
    }, 3000, 'the saved state');
    const list = await b.listConversations();
    expect(list.map((x) => x.id)).to.deep.equal([c.id]);
    expect((await b.getMessages(c.id)).messages[0]!.text).to.equal('survives reload');
    await b.reset();
    const fresh = new MemoryBackend({ latencyMs: 0, persistence: idbPersistence(name) });
    expect(await fresh.listConversations()).to.have.length(0);
    indexedDB.deleteDatabase(name);
  });
});

describe('MemoryBackend speaks the protocol', () => {
  const kindOf = async (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof BackendError ? `${e.kind}/${e.code ?? ''}` : String(e)));

  it('every message and event the simulated clinic emits validates against the schemas, payload included', async () => {
    const b = fast({ autoReply: false });
    const events: BackendEvent[] = [];
    const ctrl = new AbortController();
    b.subscribe((e) => events.push(e), { signal: ctrl.signal });
    const c = await b.startConversation({ mode: 'sync' });
    await b.sendMessage(c.id, { clientId: 'k1', text: 'Hej' });
    await b.setQueue(0);
    await b.proposeSlots();
    await b.askCallback();
    await b.sendVideoLink();
    await b.sendVideoLink(undefined, { start: null });
    await b.sendQuestionnaire();
    await b.handOver('doctor');
    await b.handOver('doctor', { role: 'clinician', name: 'Erik Berg', profession: 'läkare' });
    await b.closeWithEvaluation();
    await waitFor(() => events.some((e) => e.type === 'message' && e.message.kind === 'evaluation'));
    ctrl.abort();
    const page = await b.getMessages(c.id);
    expect(new Set(page.messages.map((m) => m.kind))).to.deep.equal(new Set(['text', 'system', 'booking', 'callback', 'video', 'questionnaire', 'handover', 'evaluation']));
    for (const m of page.messages) {
      expect(v.safeParse(Message, m).success, `message ${m.kind}`).to.equal(true);
      if (isKindWithPayload(m.kind)) expect(parseKindPayload(m.kind, m.payload), `payload of ${m.kind}`).to.deep.equal(m.payload);
    }
    for (const e of events) expect(v.safeParse(EventSchema, e).success, `event ${e.type}`).to.equal(true);
    expect(v.safeParse(ConversationList, { conversations: await b.listConversations() }).success).to.equal(true);
  });

  it('refuses to emit a payload that is not the protocol’s', async () => {
    const b = fast({ autoReply: false });
    await b.startConversation({});
    let err: unknown;
    try {
      await b.clinicianSend('', { kind: 'callback', payload: { around: new Date().toISOString() } });
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(TypeError);
  });

  it('takes an answer at the payload’s actionId once, checked against its kind', async () => {
    const b = fast({ autoReply: false });
    const c = await b.startConversation({});
    const m = await b.askCallback();
    const actionId = parseKindPayload('callback', m!.payload)!.actionId;
    expect(await kindOf(b.respond(c.id, m!.id, { windowId: 'window-1' })), 'the message id is not the action').to.equal('not-found/');
    expect(await kindOf(b.respond(c.id, actionId, { slotId: 'slot-1' })), 'a booking answer to a call-back').to.equal('rejected/invalid-request');
    expect(await kindOf(b.respond(c.id, actionId, { windowId: 'window-1', phone: 'ring mig' }))).to.equal('rejected/invalid-request');
    expect(await kindOf(b.respond(c.id, actionId, { windowId: 'window-1', phone: '070-123 45 67' }))).to.equal('resolved');
    expect(await kindOf(b.respond(c.id, actionId, { declined: true })), 'twice').to.equal('rejected/already-answered');
    expect(b.responses).to.deep.equal([{ conversationId: c.id, actionId, response: { windowId: 'window-1', phone: '070-123 45 67' } }]);
  });

  it('takes the evaluation once, as a QuestionnaireResponse', async () => {
    const b = fast({ autoReply: false });
    const c = await b.startConversation({});
    const body = KIND_EXAMPLES.evaluation!.answer!.body as { answers: QuestionnaireResponse };
    expect(await kindOf(b.submitEvaluation(c.id, { resourceType: 'QuestionnaireResponse', status: 'done' } as unknown as QuestionnaireResponse))).to.equal('rejected/invalid-request');
    expect(await kindOf(b.submitEvaluation(c.id, body.answers))).to.equal('resolved');
    expect(await kindOf(b.submitEvaluation(c.id, body.answers))).to.equal('rejected/already-answered');
  });
});

describe('MemoryBackend: the demo clinician’s template and document (#18)', () => {
  it('a template arrives filled from the conversation: the patient’s first name, the clinician, no placeholder left', async () => {
    const b = fast({ autoReply: false });
    const c = await b.startConversation({ mode: 'async' });
    const m = (await b.sendTemplate('kostrad-magsjuka'))!;
    expect(m.conversationId).to.equal(c.id);
    const first = (await b.getSession())!.name.split(' ')[0]!;
    expect(m.text).to.match(new RegExp(`^Hej ${first}!`));
    expect(m.text).to.contain('Anna Svensson').and.contain('Vårdcentralen Exempel');
    expect(m.text, 'every placeholder filled').not.to.match(/\{\w+\}/);
    const unknown = await b.sendTemplate('finns-inte').then(() => null, (e: unknown) => e);
    expect(unknown, 'an unknown template is an error, not an empty message').to.be.instanceOf(RangeError);
    b.dispose();
  });

  it('a document arrives as a PDF reference with the pre-op text, opens from the page, and passes the server’s own check of its bytes', async () => {
    const b = fast({ autoReply: false });
    await b.startConversation({ mode: 'async' });
    const m = (await b.sendDocument())!;
    expect(m.text).to.contain('instruktionerna inför din operation');
    const ref = parseAttachment(m.attachments?.[0])!;
    expect(ref, 'a valid AttachmentRef').to.not.equal(null);
    expect(ref.type).to.equal('application/pdf');
    expect(ref.name).to.equal('Inför operation – Vårdcentralen Exempel.pdf');
    const url = b.attachmentUrl(m.conversationId, ref.id)!;
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    expect(bytes.length).to.equal(ref.size);
    const checked = sniff(bytes, 'application/pdf');
    expect(checked, JSON.stringify(checked)).to.deep.equal({ ok: true, file: { type: 'application/pdf' } });
    b.dispose();
  });
});

