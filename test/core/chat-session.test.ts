// The composition root, built with in-memory parts only: no IndexedDB, no DOM, no real clock.
import { expect } from '@open-wc/testing';
import { DEMO_PATIENT, MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import type { AuthStrategy, LoginMethod } from '../../src/core/auth.js';
import { createChatSession, type SessionStorage } from '../../src/core/chat-session.js';
import { ManualClock } from '../../src/core/outbox/memory-env.js';
import { Outbox } from '../../src/core/outbox/outbox.js';
import { MemoryOutboxStore } from '../../src/core/outbox/memory-store.js';
import { waitFor } from '../wait.js';
import { HistoryBackend, makeMessages } from '../../bench/history-backend.js';

function parts(opts: { session?: null } = {}) {
  const backend = new MemoryBackend({ latencyMs: 0, persistence: null, autoReply: false, triage: null, ...opts });
  const store = new MemoryOutboxStore();
  const clock = new ManualClock();
  const calls: string[] = [];
  const storage: SessionStorage = {
    purge: async () => void calls.push('purge'),
    saveOpen: () => void calls.push('saveOpen'),
    forgetOpen: () => void calls.push('forgetOpen'),
  };
  const logins: LoginMethod[] = [];
  const auth = async (): Promise<AuthStrategy> => ({
    pendingCallback: () => false,
    completeCallback: async () => ({ ok: true }),
    login: async (m) => {
      logins.push(m);
      await backend.signIn(DEMO_PATIENT);
    },
    logout: async () => void calls.push('strategy-logout'),
  });
  let n = 0;
  const session = createChatSession({ backend, outboxStore: () => store, storage, clock, auth, locale: 'en', newId: () => `k${++n}` });
  return { backend, store, clock, calls, logins, session };
}

describe('createChatSession (in-memory parts)', () => {
  it('the backend refusing browser OIDC credentials (setAuthRequiredHandler) shows the login view with "log in again"', async () => {
    const { session, backend } = parts();
    // MemoryBackend has no such hook: give it one, as HttpBackend has
    let handler: (() => void) | undefined;
    (backend as unknown as { setAuthRequiredHandler(h: (() => void) | undefined): void }).setAuthRequiredHandler = (h) => (handler = h);
    const again = createChatSession({ backend, locale: 'en' });
    await again.start();
    expect(again.snapshot.loggedIn).to.equal(true);
    expect(handler, 'the session registered its handler').to.be.a('function');
    await backend.logout(); // the token expired: the backend no longer knows the patient
    handler!();
    await waitFor(() => again.snapshot.status === 'logged-out');
    expect(again.snapshot.login.error).to.equal('login-required');
    again.dispose();
    session.dispose();
    backend.dispose();
  });

  it('publishes one frozen snapshot per change; an old snapshot never changes', async () => {
    const { session, backend } = parts();
    const seen: unknown[] = [];
    session.on('change', (s) => seen.push(s));
    await session.start();
    const ready = session.snapshot;
    expect(ready).to.include({ status: 'ready', loggedIn: true, patientName: DEMO_PATIENT.name, locale: 'en' });
    expect(Object.isFrozen(ready) && Object.isFrozen(ready.outbox) && Object.isFrozen(ready.login)).to.equal(true);
    expect(seen[seen.length - 1]).to.equal(ready);
    session.client.send('Hej');
    const queued = session.snapshot;
    expect(queued).not.to.equal(ready);
    expect(ready.thread, 'the earlier snapshot is as it was').to.have.length(0);
    expect(queued.thread.map((i) => [i.text, i.state])).to.deep.equal([['Hej', 'queued']]);
    await waitFor(() => session.snapshot.thread[0]?.state === 'sent');
    expect(session.snapshot.conversations).to.have.length(1);
    session.dispose();
    backend.dispose();
  });

  it('publishes a burst of changes in one turn as one snapshot, and a read in between sees them at once', async () => {
    const backend = new HistoryBackend(makeMessages(10), 10);
    const session = createChatSession({ backend, outboxStore: () => new MemoryOutboxStore(), clock: new ManualClock() });
    await session.start();
    await waitFor(() => session.snapshot.status === 'ready' && session.snapshot.thread.length === 10);
    const seen: { thread: readonly unknown[] }[] = [];
    session.on('change', (s) => seen.push(s));
    for (let i = 0; i < 200; i++) backend.push(`Ikapp ${i}`); // a reconnect's catch-up, in one task
    expect(session.snapshot.thread, 'read at once, the state is current').to.have.length(210);
    expect(seen, 'nothing published yet: in this turn still').to.have.length(0);
    await Promise.resolve();
    expect(seen, 'one snapshot for the 200 events').to.have.length(1);
    expect(seen[0]!.thread).to.have.length(210);
    expect(seen[0]).to.equal(session.snapshot);
    session.dispose();
  });

  it('writes through the outbox store it was given, and retries on the clock it was given', async () => {
    const { session, backend, store, clock } = parts();
    await session.start();
    backend.setFailure('unavailable', 1);
    session.client.send('via the store');
    await waitFor(() => session.snapshot.outbox.waiting, 4000, 'the transient failure');
    expect((await store.list(DEMO_PATIENT.subject)).map((e) => e.text), 'written ahead into the given store').to.deep.equal(['via the store']);
    expect(clock.pending(), 'one backoff timer on the given clock').to.have.length(1);
    clock.advance(clock.pending()[0]!);
    await waitFor(() => session.snapshot.thread[0]?.state === 'sent', 4000, 'the retry');
    await session.client.outbox!.idle();
    expect(await store.list(DEMO_PATIENT.subject), 'deleted once acknowledged').to.deep.equal([]);
    session.dispose();
    backend.dispose();
  });

  it('logs in through the auth part (remembering the open panel) and out through it (purging storage and the outbox)', async () => {
    const { session, backend, store, calls, logins } = parts({ session: null });
    await session.start();
    expect(session.snapshot.status).to.equal('logged-out');
    await session.loginWith('freja');
    expect(logins).to.deep.equal(['freja']);
    await waitFor(() => session.snapshot.loggedIn, 4000, 'logged in');
    expect(calls).to.deep.equal(['saveOpen']);
    backend.setOffline(true);
    session.client.send('kvar i kön');
    await waitFor(() => session.snapshot.outbox.pending === 1);
    backend.setOffline(false);
    await session.logout();
    expect(session.snapshot).to.include({ status: 'logged-out', loggedIn: false });
    expect(session.snapshot.login.loggedOut).to.equal('logout');
    expect(calls).to.include.members(['purge', 'strategy-logout']);
    expect(await store.list(DEMO_PATIENT.subject), 'the queue is purged').to.deep.equal([]);
    expect(await backend.getSession()).to.equal(null);
    session.dispose();
    backend.dispose();
  });

  it('runs on a backend alone (memory outbox, no login strategy, real clock), or on a whole outbox it is given', async () => {
    const backend = new MemoryBackend({ latencyMs: 0, persistence: null, autoReply: false, triage: null });
    const minimal = createChatSession({ backend });
    await minimal.start();
    expect(minimal.snapshot).to.include({ status: 'ready', locale: 'sv' });
    minimal.client.send('bara en backend');
    await waitFor(() => minimal.snapshot.thread[0]?.state === 'sent');
    await minimal.logout();
    expect(minimal.snapshot.status).to.equal('logged-out');
    expect(await backend.getSession()).to.equal(null);
    minimal.dispose();

    await backend.signIn(DEMO_PATIENT);
    const given: string[] = [];
    const withOutbox = createChatSession({
      backend,
      outbox: async (ctx) => {
        given.push(ctx.session.subject);
        return new Outbox({ subject: ctx.session.subject, store: new MemoryOutboxStore(), send: ctx.send });
      },
    });
    await withOutbox.start();
    withOutbox.client.send('genom den givna');
    await waitFor(() => withOutbox.snapshot.thread.some((i) => i.text === 'genom den givna' && i.state === 'sent'));
    expect(given, 'built once, for the logged-in patient').to.deep.equal([DEMO_PATIENT.subject]);
    withOutbox.dispose();
    backend.dispose();
  });
});
