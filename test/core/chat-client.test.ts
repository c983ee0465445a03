import { expect } from '@open-wc/testing';
import { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import { ChatClient } from '../../src/core/chat-client.js';
import { storeOutbox } from '../../src/core/outbox/provider.js';
import type { Outbox } from '../../src/core/outbox/outbox.js';
import { BackendError } from '../../src/core/errors.js';
import { waitFor } from '../wait.js';


function setup(opts = {}) {
  const backend = new MemoryBackend({ latencyMs: 5, replyDelayMs: 30, persistence: null, ...opts });
  let n = 0;
  const client = new ChatClient({ backend, newId: () => `id-${++n}` });
  return { backend, client };
}

/** An outbox provider whose store opens only when `release` is called (IndexedDB, its key, the tab election). */
function slowOutbox() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const inner = storeOutbox();
  return { release, open: async (ctx: Parameters<typeof inner>[0]) => (await gate, inner(ctx)) };
}

describe('ChatClient', () => {
  it('loads as logged out when there is no session', async () => {
    const { client } = setup({ session: null });
    await client.start();
    expect(client.status).to.equal('logged-out');
  });

  it('shows a local echo at once as queued (written ahead), then sent, then the reply arrives', async () => {
    const { client, backend } = setup();
    await client.start();
    expect(client.status).to.equal('ready');
    const check = client.send('  Hej  ');
    expect(check).to.deep.equal({ ok: true, text: 'Hej' });
    expect(client.thread.map((i) => [i.text, i.state])).to.deep.equal([['Hej', 'queued']]);
    await waitFor(() => client.thread[0]?.state === 'sent' || client.thread[0]?.state === 'read');
    await waitFor(() => client.thread.some((i) => i.author.role === 'clinician'));
    expect(client.thread.filter((i) => i.text === 'Hej')).to.have.length(1);
    client.stop();
    backend.dispose();
  });

  it('turns ready before a slow outbox is open; what is sent meanwhile shows queued and is sent once, in order', async () => {
    const backend = new MemoryBackend({ latencyMs: 5, autoReply: false, persistence: null });
    const { release, open } = slowOutbox();
    let n = 0;
    const client = new ChatClient({ backend, newId: () => `id-${++n}`, outbox: open });
    const started = client.start(); // resolves once the outbox is attached too
    await waitFor(() => client.status === 'ready', 2000, 'ready without waiting for the outbox');
    expect(client.outbox).to.equal(undefined);
    expect(client.send('Först')).to.deep.equal({ ok: true, text: 'Först' });
    expect(client.send('Sedan')).to.deep.equal({ ok: true, text: 'Sedan' });
    expect(client.thread.map((i) => [i.text, i.state])).to.deep.equal([['Först', 'queued'], ['Sedan', 'queued']]);
    release();
    await started;
    await waitFor(() => client.thread.length === 2 && client.thread.every((i) => i.state === 'sent'), 3000, 'both sent');
    const sent = (await backend.getMessages(client.activeId!)).messages.filter((m) => m.author.role === 'patient');
    expect(sent.map((m) => [m.text, m.clientId])).to.deep.equal([['Först', 'id-1'], ['Sedan', 'id-2']]);
    client.stop();
    backend.dispose();
  });

  it('knows the thread has files from a message still in the outbox, and from the server copy once sent', async () => {
    const { client, backend } = setup({ autoReply: false });
    await client.start();
    client.send('Utan fil');
    await waitFor(() => client.thread[0]?.state === 'sent', 3000, 'the first sent');
    expect(client.threadHasFiles, 'no file yet').to.equal(false);
    const file = { name: 'utslag.png', type: 'image/png', size: 3, bytes: new Uint8Array([1, 2, 3]) };
    client.send('Här är en bild', [file]);
    expect(client.thread.at(-1)!.state, 'still in the outbox').to.not.equal('sent');
    expect(client.threadHasFiles, 'pending with a file').to.equal(true);
    await waitFor(() => client.thread.at(-1)?.state === 'sent' && client.outbox!.pendingCount === 0, 5000, 'the file sent');
    expect(client.store.hasFiles(client.activeId!), 'the server copy has it').to.equal(true);
    expect(client.threadHasFiles, 'sent, from the server copy').to.equal(true);
    client.stop();
    backend.dispose();
  });

  it('an outbox that opens after the client stopped is closed, not attached', async () => {
    const backend = new MemoryBackend({ latencyMs: 5, autoReply: false, persistence: null });
    const { release, open } = slowOutbox();
    let opened: Outbox | undefined;
    let disposed = false;
    const client = new ChatClient({ backend, outbox: async (ctx) => {
      opened = await open(ctx);
      const dispose = opened.dispose.bind(opened);
      opened.dispose = () => { disposed = true; dispose(); };
      return opened;
    } });
    const started = client.start();
    await waitFor(() => client.status === 'ready', 2000, 'ready');
    client.send('Hej');
    client.stop();
    release();
    await started;
    await waitFor(() => disposed, 2000, 'the late outbox disposed');
    expect(client.outbox).to.equal(undefined);
    expect(client.thread, 'nothing held after stop').to.deep.equal([]);
    backend.dispose();
  });

  it('misses no event that happens while it loads (the stream is live before the list is read)', async () => {
    const { client, backend } = setup({ autoReply: false });
    const list = backend.listConversations.bind(backend);
    let started: Promise<unknown> | undefined;
    backend.listConversations = async () => {
      const out = await list();
      // the clinic starts a conversation right after the list was read, before loading ends
      started = backend.clinicStart('Hej från vården, välkommen');
      await started;
      return out;
    };
    await client.start();
    await started;
    await waitFor(() => client.thread.some((i) => i.text === 'Hej från vården, välkommen'), 2000, 'the clinic message');
    expect(client.inbox.total()).to.equal(1);
    client.stop();
    backend.dispose();
  });

  it('a start that fails to load closes the stream it opened', async () => {
    const { client, backend } = setup({ autoReply: false });
    const signals: AbortSignal[] = [];
    const subscribe = backend.subscribe.bind(backend);
    backend.subscribe = (onEvent, opts) => (signals.push(opts.signal), subscribe(onEvent, opts));
    backend.listConversations = () => Promise.reject(new BackendError('unavailable'));
    await client.start();
    expect(client.status).to.equal('error');
    expect(signals.map((x) => x.aborted)).to.deep.equal([true]);
    backend.dispose();
  });

  it('waits for the stream only with an adapter that signals it is open', async () => {
    const { client, backend } = setup({ autoReply: false });
    const subscribe = backend.subscribe.bind(backend);
    // an integrator's adapter that never calls onOpen and does not claim to
    Object.defineProperty(backend, 'signalsOpen', { value: false });
    backend.subscribe = (onEvent, opts) => subscribe(onEvent, { signal: opts.signal });
    const started = client.start().then(() => 'started');
    const outcome = await Promise.race([started, new Promise((r) => setTimeout(() => r('still waiting'), 1500))]);
    expect(outcome, 'no wait for an onOpen that will never come').to.equal('started');
    client.stop();
    backend.dispose();
  });

  it('does not count an unread message twice when its event and the list both carry it', async () => {
    const { client, backend } = setup({ autoReply: false, mode: 'async' });
    await backend.clinicStart('Första frågan');
    const list = backend.listConversations.bind(backend);
    backend.listConversations = async () => {
      // a second clinic conversation arrives after the stream opened but before the list is read
      await backend.clinicStart('Andra frågan');
      await backend.clinicianSend('Och en till', { conversationId: (await list()).find((c) => c.status !== 'closed')!.id });
      return list();
    };
    await client.start();
    await waitFor(() => client.inbox.total() === 3, 4000, 'both early messages counted');
    const server = (await list()).reduce((n, c) => n + c.unreadCount, 0);
    expect(server).to.equal(3);
    expect(client.inbox.total()).to.equal(server);
    client.stop();
    backend.dispose();
  });

  it('does not send empty or over-long text', async () => {
    const { client } = setup();
    await client.start();
    expect(client.send('   ').ok).to.equal(false);
    const long = client.send('x'.repeat(5000));
    expect(long).to.include({ ok: false, reason: 'too-long' });
    expect(client.thread).to.have.length(0);
  });

  it('marks a message failed with the reason, and retry delivers it exactly once', async () => {
    const { client, backend } = setup({ autoReply: false });
    await client.start();
    client.send('first');
    await waitFor(() => client.thread[0]?.state === 'sent');
    backend.setFailure('rejected', 1);
    client.send('second');
    await waitFor(() => client.thread[1]?.state === 'failed');
    expect(client.thread[1]!.error).to.equal('injected-rejection');
    client.retry(client.thread[1]!.clientId!);
    await waitFor(() => client.thread[1]?.state === 'sent');
    const page = await backend.getMessages(client.activeId!);
    expect(page.messages.map((m) => m.text)).to.deep.equal(['first', 'second']);
  });

  it('keeps send order: a message never overtakes an older one', async () => {
    const { client, backend } = setup({ autoReply: false });
    await client.start();
    for (let i = 0; i < 10; i++) client.send(`m${i}`);
    await waitFor(() => client.thread.every((i) => i.state === 'sent'));
    const page = await backend.getMessages(client.activeId!);
    expect(page.messages.map((m) => m.text)).to.deep.equal(Array.from({ length: 10 }, (_, i) => `m${i}`));
  });

  it('discards a failed message', async () => {
    const { client, backend } = setup({ autoReply: false });
    await client.start();
    backend.setFailure('rejected', 1);
    client.send('nope');
    await waitFor(() => client.thread[0]?.state === 'failed');
    client.discard(client.thread[0]!.clientId!);
    await waitFor(() => client.thread.length === 0);
    expect(client.outbox!.items()).to.have.length(0);
  });

  it('continues the newest open conversation after a restart', async () => {
    const { client, backend } = setup({ autoReply: false });
    await client.start();
    client.send('before reload');
    await waitFor(() => client.thread[0]?.state === 'sent');
    client.stop();
    const again = new ChatClient({ backend });
    await again.start();
    expect(again.activeId).to.equal(client.activeId);
    expect(again.thread.map((i) => i.text)).to.deep.equal(['before reload']);
  });

  it('reports a load failure and can start again', async () => {
    const { client, backend } = setup();
    backend.setFailure('unavailable', 1);
    await client.start();
    expect(client.status).to.equal('error');
    expect(client.loadError).to.equal('unavailable');
    await client.start();
    expect(client.status).to.equal('ready');
  });
});
