import { expect } from '@open-wc/testing';
import { MemoryBackend, DEMO_PATIENT } from '../../src/adapters/memory/memory-backend.js';
import { ChatClient } from '../../src/core/chat-client.js';
import { BackendError } from '../../src/core/errors.js';
import { waitFor } from '../wait.js';


function setup(opts = {}) {
  const backend = new MemoryBackend({ latencyMs: 2, autoReply: false, persistence: null, ...opts });
  let n = 0;
  let purged = 0;
  const client = new ChatClient({ backend, newId: () => `id-${++n}`, purge: async () => void purged++ });
  return { backend, client, purged: () => purged };
}

describe('ChatClient login and logout', () => {
  it('logout ends the backend session, clears the store and purges stored data', async () => {
    const { backend, client, purged } = setup();
    await client.start();
    client.send('Hej');
    await waitFor(() => client.thread[0]?.state === 'sent');
    await client.logout();
    expect(client.status).to.equal('logged-out');
    expect(client.session).to.equal(null);
    expect(client.thread).to.deep.equal([]);
    expect(client.store.conversations()).to.deep.equal([]);
    expect(purged()).to.equal(1);
    expect(await backend.getSession()).to.equal(null);
  });

  it('an auth error mid-chat keeps the message queued, asks for login, and sends it after the same patient logs in', async () => {
    const { backend, client } = setup();
    await client.start();
    client.send('Första');
    await waitFor(() => client.thread[0]?.state === 'sent');
    await backend.logout(); // the session ends on the server side
    client.send('Andra');
    await waitFor(() => client.status === 'logged-out');
    expect(client.loadError).to.equal('auth');
    expect(client.waitingForLogin).to.equal(1);
    expect(client.thread.find((i) => i.text === 'Andra')?.state).to.equal('queued');
    await backend.signIn(DEMO_PATIENT);
    await client.start();
    await waitFor(() => client.thread.find((i) => i.text === 'Andra')?.state === 'sent');
    expect(client.waitingForLogin).to.equal(0);
    expect(client.thread.filter((i) => i.text === 'Andra')).to.have.length(1);
  });

  it('held messages are dropped, never sent, when another patient logs in', async () => {
    const { backend, client } = setup();
    await client.start();
    client.send('Första');
    await waitFor(() => client.thread[0]?.state === 'sent');
    await backend.logout();
    client.send('Hemligt');
    await waitFor(() => client.status === 'logged-out');
    await backend.signIn({ subject: 'someone-else', name: 'Annan Person' });
    const sent: string[] = [];
    const orig = backend.sendMessage.bind(backend);
    backend.sendMessage = async (id, m) => { sent.push(m.text); return orig(id, m); };
    await client.start();
    client.send('Min egen');
    await waitFor(() => sent.length === 1);
    await client.outbox!.idle();
    expect(sent, "only the new patient's own message").to.deep.equal(['Min egen']);
    expect(client.thread.some((i) => i.text === 'Hemligt')).to.equal(false);
  });

  it('a failing backend logout still clears and purges locally', async () => {
    const { backend, client, purged } = setup();
    await client.start();
    backend.logout = async () => { throw new BackendError('network'); };
    await client.logout().catch(() => undefined);
    expect(client.status).to.equal('logged-out');
    expect(purged()).to.equal(1);
  });
});
