import { expect, fixture, html } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import { ChatClient } from '../../src/core/chat-client.js';
import type { Outbox } from '../../src/core/outbox/outbox.js';
import type { Message, PatientSession } from '../../src/core/types.js';
import { browserOutbox } from '../../src/browser/browser-outbox.js';
import { OUTBOX_DB } from '../../src/storage/outbox-db.js';
import { deletePatientOutbox, destroyOutboxDatabases } from '../../src/storage/outbox-destroy.js';
import { server, waitFor } from '../core/outbox/helpers.js';
import { dumpDb, serialise, widgetDbNames } from '../storage/raw-idb.js';
import { deepQuery, deepQueryAll, deepText } from '../deep.js';

let n = 0;
const unique = (p: string) => `${p}-${Date.now()}-${++n}`;

describe('browser outbox (IndexedDB, Web Locks, BroadcastChannel)', () => {
  const dbs: string[] = [];
  after(async () => {
    for (const d of dbs) await deleteDB(d);
  });

  it('two tabs on one database: one flushes; killing it mid-flush hands over; 0 duplicates', async () => {
    const dbName = unique('vard-chat-data-test-tabs');
    dbs.push(dbName);
    const { backend, conv, all } = await server({ latencyMs: 4 });
    const session: PatientSession = { subject: unique('tabs-patient'), name: 'T' };
    const calls = { a: 0, b: 0 };
    const sendVia = (tab: 'a' | 'b') => async (e: { clientId: string; text: string }): Promise<Message> => {
      calls[tab]++;
      return backend.sendMessage(conv.id, { clientId: e.clientId, text: e.text });
    };
    const provider = browserOutbox({ dbName });
    const tabA = await provider({ session, send: sendVia('a') });
    const tabB = await provider({ session, send: sendVia('b') });
    await tabA.start();
    await tabB.start();
    await waitFor(() => tabA.isLeader, 2000, 'election');
    expect(tabB.isLeader).to.equal(false);
    for (let i = 0; i < 30; i++) await tabB.enqueue({ clientId: `t${i}`, conversationId: conv.id, text: `m${i}` });
    await waitFor(() => calls.a >= 8, 5000, 'tab A flushing');
    expect(calls.b).to.equal(0);
    tabA.dispose(); // dies with a request in flight
    await waitFor(() => tabB.isLeader, 3000, 'hand-over');
    await waitFor(() => tabB.pendingCount === 0, 8000, 'tab B finishing');
    const msgs = await all();
    expect(msgs.map((m) => m.text)).to.deep.equal(Array.from({ length: 30 }, (_, i) => `m${i}`));
    expect(calls.b).to.be.greaterThan(0);
    tabB.dispose();
  });

  it('200 messages queued offline survive a reload; back online they arrive once, in order', async () => {
    const dbName = unique('vard-chat-data-test-200');
    dbs.push(dbName);
    const { backend, conv, all } = await server();
    const session: PatientSession = { subject: unique('offline-patient'), name: 'O', storageKey: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))) };
    const send = (e: { clientId: string; text: string }) => backend.sendMessage(conv.id, { clientId: e.clientId, text: e.text });
    backend.setOffline(true);
    const first = await browserOutbox({ dbName })({ session, send });
    await first.start();
    for (let i = 0; i < 200; i++) await first.enqueue({ clientId: `o${String(i).padStart(3, '0')}`, conversationId: conv.id, text: `m${i}` });
    await waitFor(() => first.waiting, 3000, 'waiting');
    first.dispose(); // the page is closed or reloaded
    backend.setOffline(false);
    const reloaded = await browserOutbox({ dbName })({ session, send });
    await reloaded.start();
    await waitFor(() => reloaded.items().length === 0, 10_000, 'flush after reload');
    const msgs = await all();
    expect(msgs.map((m) => m.text)).to.deep.equal(Array.from({ length: 200 }, (_, i) => `m${i}`));
    expect(new Set(msgs.map((m) => m.clientId)).size).to.equal(200);
    reloaded.dispose();
  });

  it('the follower tab shows the leader\'s states', async () => {
    const dbName = unique('vard-chat-data-test-follow');
    dbs.push(dbName);
    const { backend, conv } = await server({ latencyMs: 30 });
    const session: PatientSession = { subject: unique('follow-patient'), name: 'T' };
    const send = (e: { clientId: string; text: string }) => backend.sendMessage(conv.id, { clientId: e.clientId, text: e.text });
    const provider = browserOutbox({ dbName });
    const leader = await provider({ session, send });
    const follower = await provider({ session, send });
    await leader.start();
    await waitFor(() => leader.isLeader);
    await follower.start();
    const states = new Set<string>();
    const acked: string[] = [];
    follower.on('change', () => follower.items().forEach((i) => states.add(i.state)));
    follower.on('acked', ({ clientId }) => acked.push(clientId));
    await follower.enqueue({ clientId: 'f1', conversationId: conv.id, text: 'hej' });
    await waitFor(() => acked.includes('f1'), 3000, 'ack broadcast');
    expect([...states]).to.include.members(['queued', 'sending']);
    leader.dispose();
    follower.dispose();
  });

  it('patient B never sees or sends patient A\'s queue; logout leaves no widget database or key', async () => {
    const a: PatientSession = { subject: unique('patient-a'), name: 'A' };
    const b: PatientSession = { subject: unique('patient-b'), name: 'B' };
    const backend = new MemoryBackend({ latencyMs: 0, persistence: null, autoReply: false, triage: null, session: b });
    // A writes while offline, then leaves without logging out
    const sent: string[] = [];
    const outboxA = await browserOutbox()({ session: a, send: async (e) => { sent.push(e.clientId); throw new Error('offline'); } });
    await outboxA.start();
    await outboxA.enqueue({ clientId: 'a1', conversationId: '', text: 'A:s hemliga fråga' });
    outboxA.dispose();
    expect((await widgetDbNames())).to.include(OUTBOX_DB);
    // B logs in on the same browser
    const clientB = new ChatClient({ backend, outbox: browserOutbox() });
    await clientB.start();
    await clientB.outbox!.idle();
    expect(clientB.thread).to.have.length(0);
    expect(clientB.outbox!.items()).to.have.length(0);
    expect(await backend.listConversations()).to.have.length(0); // nothing of A's was sent
    clientB.stop();
    // logout of A: delete A's entries, then the widget's databases
    await deletePatientOutbox(a.subject);
    expect(serialise(await dumpDb(OUTBOX_DB))).not.to.include('a1');
    await destroyOutboxDatabases();
    expect((await widgetDbNames()).filter((d) => d.startsWith('vard-chat-data-outbox'))).to.deep.equal([]);
    const keys = [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('vard-chat:'));
    expect(keys).to.deep.equal([]);
  });
});

describe('outbox failure modes in the widget', () => {
  const session = () => ({ subject: unique('failure-patient'), name: 'F' });
  const outboxOf = (el: Element) => (el as unknown as { chat: { session?: { client: { outbox?: Outbox } } } }).chat.session?.client.outbox;
  const restore: (() => void)[] = [];
  afterEach(() => restore.splice(0).forEach((f) => f()));

  async function viewWith(backend: MemoryBackend) {
    await import('../../src/define/panel.js');
    const el = await fixture(html`<vard-chat-view .backend=${backend} locale="sv"></vard-chat-view>`);
    await waitFor(() => !!deepQuery(el, 'vard-composer'), 3000, 'composer');
    return el;
  }
  function write(el: Element, text: string) {
    const ta = deepQuery(el, 'vard-composer')!.shadowRoot!.querySelector('textarea')!;
    ta.value = text;
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
  }

  it('IndexedDB cannot be opened: online-only notice, and the message is still delivered', async () => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function () {
      throw new DOMException('The user denied permission to access the database.', 'InvalidStateError');
    };
    restore.push(() => (IDBFactory.prototype.open = open));
    const backend = new MemoryBackend({ latencyMs: 2, persistence: null, autoReply: false, triage: null, session: session() });
    const el = await viewWith(backend);
    write(el, 'skickas ändå');
    await waitFor(() => deepText(el).includes('Dina meddelanden kan inte sparas i den här webbläsaren'), 3000, 'notice');
    expect(outboxOf(el)?.degradedReason).to.equal('unavailable');
    await waitFor(() => deepText(el).includes('Skickat'), 3000, 'sent');
    expect(deepText(el)).to.contain('skickas ändå');
    await expect(el).to.be.accessible();
  });

  it('quota exceeded: online-only notice, no message lost from the thread', async () => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'entries') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    restore.push(() => (IDBObjectStore.prototype.put = put));
    const backend = new MemoryBackend({ latencyMs: 2, persistence: null, autoReply: false, triage: null, session: session() });
    const el = await viewWith(backend);
    backend.setOffline(true);
    write(el, 'första');
    write(el, 'andra');
    await waitFor(() => deepText(el).includes('Dina meddelanden kan inte sparas'), 3000, 'notice');
    expect(outboxOf(el)?.degradedReason).to.equal('quota');
    const texts = () => deepQueryAll(el, '.msg .text').map((p) => p.textContent);
    expect(texts()).to.deep.equal(['första', 'andra']);
    expect(deepText(el)).to.contain('Väntar på anslutning');
    await expect(el).to.be.accessible();
    backend.setOffline(false);
    outboxOf(el)!.kick('online');
    await waitFor(() => deepQueryAll(el, '[data-state="sent"]').length === 2, 5000, 'both sent');
    expect(texts()).to.deep.equal(['första', 'andra']);
  });
});

describe('outbox storage is lazy', () => {
  // a fresh tab: no patient logged in here before (with one, the panel is set up at load on purpose)
  beforeEach(() => sessionStorage.removeItem('vard-chat:active'));

  it('touches no widget database before the panel opens, and writes nothing before the first message', async () => {
    const opened: string[] = [];
    const writes: string[] = [];
    const open = IDBFactory.prototype.open;
    const methods = ['put', 'add', 'delete', 'clear'] as const;
    const originals = methods.map((m) => IDBObjectStore.prototype[m]);
    IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
      opened.push(name);
      return version === undefined ? open.call(this, name) : open.call(this, name, version);
    };
    methods.forEach((m, i) => {
      const orig = originals[i] as (...a: unknown[]) => IDBRequest;
      (IDBObjectStore.prototype as unknown as Record<string, unknown>)[m] = function (this: IDBObjectStore, ...args: unknown[]) {
        if (this.transaction.db.name.startsWith('vard-chat-data-')) writes.push(`${m}:${this.name}`);
        return orig.apply(this, args);
      };
    });
    try {
      await import('../../src/define/vard-chat.js');
      const backend = new MemoryBackend({ latencyMs: 0, persistence: null, autoReply: false, triage: null, session: { subject: unique('lazy'), name: 'L' } });
      const el = await fixture(html`<vard-chat .backend=${backend}></vard-chat>`);
      // the page has been idle (when the widget preloads its code): still no patient database
      await new Promise((r) => requestIdleCallback(r, { timeout: 2000 }));
      expect(opened.filter((n) => n.startsWith('vard-chat-data-'))).to.deep.equal([]);
      (el.shadowRoot!.querySelector('.launcher') as HTMLButtonElement).click();
      const view = () => el.shadowRoot!.querySelector('vard-chat-view');
      await waitFor(() => !!(view() && deepQuery(view()!, 'vard-composer')), 3000, 'panel');
      // the patient's outbox has opened its database: reading it wrote nothing
      await waitFor(() => opened.some((n) => n.startsWith('vard-chat-data-')), 3000, 'the outbox database');
      expect(writes).to.deep.equal([]);
      const ta = deepQuery(view()!, 'vard-composer')!.shadowRoot!.querySelector('textarea')!;
      ta.value = 'nu skriver jag';
      ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
      await waitFor(() => writes.includes('put:entries'), 3000, 'the write-ahead put');
      await waitFor(() => !!deepQuery(view()!, '[data-state="sent"]'), 3000, 'sent');
    } finally {
      IDBFactory.prototype.open = open;
      methods.forEach((m, i) => ((IDBObjectStore.prototype as unknown as Record<string, unknown>)[m] = originals[i]));
    }
  });
});
