import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { http, HttpResponse } from 'msw';
import { bffStrategy, backendStrategy } from '../../src/auth/bff.js';
import { loadStrategy } from '../../src/auth/index.js';
import { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import { lazyBackend } from '../../src/adapters/lazy-backend.js';
import type { ChatBackend } from '../../src/core/backend.js';
import { fakeEnv } from './fake-env.js';

let logouts = 0;
const worker = setupWorker(
  http.post('https://clinic.example.test/auth/logout', ({ request }) => {
    logouts++;
    return request.credentials === 'include' ? new HttpResponse(null, { status: 204 }) : new HttpResponse(null, { status: 400 });
  }),
);
before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } }));
after(() => worker.stop());

describe('BFF redirect strategy', () => {
  it('goes to the login URL with the method and this page as a same-origin return address', async () => {
    const env = fakeEnv('https://clinic.example.test/kontakt?tab=2#chat');
    const s = bffStrategy({ loginUrl: '/auth/login' }, { ...env, fetch });
    await s.login('freja');
    expect(env.navigations).to.have.length(1);
    const url = new URL(env.navigations[0]!);
    expect(url.origin + url.pathname).to.equal('https://clinic.example.test/auth/login');
    expect(url.searchParams.get('method')).to.equal('freja');
    expect(url.searchParams.get('return_to')).to.equal('https://clinic.example.test/kontakt?tab=2#chat');
  });

  it('refuses a login URL that is not http(s)', async () => {
    const env = fakeEnv('https://clinic.example.test/');
    const s = bffStrategy({ loginUrl: 'javascript:alert(1)' }, { ...env, fetch });
    let failed = false;
    await s.login('bankid').catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect(env.navigations).to.deep.equal([]);
  });

  it('maps a returned error to a message code and removes it from the address bar', async () => {
    const env = fakeEnv('https://clinic.example.test/kontakt?tab=2&vard_login_error=access_denied');
    const s = bffStrategy({ loginUrl: '/auth/login' }, { ...env, fetch });
    expect(s.pendingCallback()).to.equal(true);
    expect(await s.completeCallback()).to.deep.equal({ ok: false, error: 'cancelled' });
    expect(env.location.href).to.equal('https://clinic.example.test/kontakt?tab=2');
    env.go('/kontakt?vard_login_error=login_required');
    expect(await s.completeCallback()).to.deep.equal({ ok: false, error: 'login-required' });
    // the reference server's own codes: a wrong method has its own message, the rest are failures
    env.go('/kontakt?vard_login_error=acr_mismatch');
    expect(await s.completeCallback()).to.deep.equal({ ok: false, error: 'wrong-method' });
    for (const code of ['token_error', 'missing_personal_number', 'server_error', '<script>']) {
      env.go(`/kontakt?vard_login_error=${encodeURIComponent(code)}`);
      expect(await s.completeCallback(), code).to.deep.equal({ ok: false, error: 'failed' });
      expect(env.location.href).to.equal('https://clinic.example.test/kontakt');
    }
  });

  it('logs out through the logout URL with the cookie, whatever the adapter does itself', async () => {
    const env = fakeEnv('https://clinic.example.test/');
    logouts = 0;
    await bffStrategy({ loginUrl: '/auth/login', logoutUrl: '/auth/logout' }, { ...env, fetch }).logout();
    expect(logouts).to.equal(1);
    await bffStrategy({ loginUrl: '/auth/login' }, { ...env, fetch }).logout();
    expect(logouts, 'no logout URL: nothing to call').to.equal(1);
  });

  it('the lazily loaded adapter (the script tag) offers logout() only when the real one has it', async () => {
    const lazy = lazyBackend(async () => ({ getSession: async () => null }) as unknown as ChatBackend);
    await lazy.getSession(); // loaded, as it is once the patient has logged in
    expect(lazy.logout).to.equal(undefined);
    const memory = new MemoryBackend({ persistence: null, latencyMs: 0 });
    const withLogout = lazyBackend(async () => memory);
    await withLogout.getSession();
    expect(withLogout.logout).to.be.a('function');
    await withLogout.logout!();
    expect(await memory.getSession()).to.equal(null);
  });

  it('without configuration the backend\'s own login is used, else login says it is not configured', async () => {
    const backend = new MemoryBackend({ persistence: null, session: null, latencyMs: 0 });
    const s = await loadStrategy(undefined, backend);
    await s.login('bankid');
    expect((await backend.getSession())?.name).to.equal('Testa Testsson');
    const none = await loadStrategy(undefined, undefined);
    let code = '';
    await none.login('bankid').catch((e: { code: string }) => (code = e.code));
    expect(code).to.equal('not-configured');
    const env = fakeEnv('https://clinic.example.test/');
    const viaBackend = backendStrategy({ ...backend, login: undefined } as never, { ...env, fetch });
    await viaBackend.login('bankid').catch((e: { code: string }) => (code = e.code));
    expect(code).to.equal('not-configured');
  });
});
