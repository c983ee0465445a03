import { expect } from '@open-wc/testing';
import { AuthError, type AuthStrategy, type CallbackResult, type Credentials } from '../../src/core/auth.js';
import { SessionMachine } from '../../src/core/session.js';

function strategy(over: Partial<AuthStrategy> = {}): AuthStrategy & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    pendingCallback: () => false,
    completeCallback: async (): Promise<CallbackResult> => ({ ok: false, error: 'invalid' }),
    login: async (m) => void calls.push(`login:${m}`),
    logout: async () => void calls.push('logout'),
    ...over,
  };
}

function machine(s: AuthStrategy, endSession = async () => {}) {
  const creds: (Credentials | null)[] = [];
  let loggedIn = 0;
  const m = new SessionMachine({ strategy: async () => s, setCredentials: (c) => creds.push(c), endSession, onLoggedIn: () => loggedIn++ });
  return { m, creds, loggedIn: () => loggedIn };
}

const CREDS: Credentials = { accessToken: 'at-1', session: { subject: 's1', name: 'Testa Testsson' } };

describe('SessionMachine', () => {
  it('is ready at once when the page load is no login return', async () => {
    const { m, creds } = machine(strategy());
    expect(m.phase).to.equal('starting');
    await m.start();
    expect(m.phase).to.equal('ready');
    expect(m.error).to.equal(undefined);
    expect(creds).to.deep.equal([]);
  });

  it('completes a return: credentials go to the backend and the chat is told', async () => {
    const { m, creds, loggedIn } = machine(strategy({ pendingCallback: () => true, completeCallback: async () => ({ ok: true, credentials: CREDS }) }));
    await m.start();
    expect(m.phase).to.equal('ready');
    expect(creds).to.deep.equal([CREDS]);
    expect(loggedIn()).to.equal(1);
  });

  it('a rejected return leaves no session and keeps the reason for the login view', async () => {
    const { m, creds, loggedIn } = machine(strategy({ pendingCallback: () => true, completeCallback: async () => ({ ok: false, error: 'cancelled' }) }));
    await m.start();
    expect(m.error).to.equal('cancelled');
    expect(creds).to.deep.equal([]);
    expect(loggedIn()).to.equal(0);
  });

  it('login stays "redirecting" while the page leaves; a failing login becomes an error to retry', async () => {
    let leave: () => void = () => {};
    const s = strategy({ login: () => new Promise<void>((r) => (leave = r)) });
    const { m } = machine(s);
    await m.start();
    const p = m.login('bankid');
    await Promise.resolve();
    expect(m.phase).to.equal('redirecting');
    leave();
    await p;
    const failing = machine(strategy({ login: async () => { throw new AuthError('network'); } }));
    await failing.m.start();
    await failing.m.login('freja');
    expect(failing.m.phase).to.equal('ready');
    expect(failing.m.error).to.equal('network');
  });

  it('logout forgets credentials, ends the chat session, runs the strategy logout and says why', async () => {
    const s = strategy();
    const order: string[] = [];
    const { m, creds } = machine(s, async () => void order.push('endSession'));
    await m.start();
    await m.logout('timeout');
    expect(creds).to.deep.equal([null]);
    expect(order).to.deep.equal(['endSession']);
    expect(s.calls).to.deep.equal(['logout']);
    expect(m.loggedOut).to.equal('timeout');
    expect(m.phase).to.equal('ready');
  });

  it('logout with the backend out of reach still logs out here (no rejection for a click handler to drop)', async () => {
    const s = strategy();
    const { m } = machine(s, async () => { throw new Error('network'); });
    await m.start();
    await m.logout();
    expect(s.calls).to.deep.equal(['logout']);
    expect(m.loggedOut).to.equal('logout');
    expect(m.phase).to.equal('ready');
  });
});
