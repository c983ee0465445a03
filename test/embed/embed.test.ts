// The script tag's JavaScript API (README "JavaScript API and events"): window.VardChat.open(),
// .close(), .logout(), .on(name, handler) with its unsubscribe, and calls queued on the stub.
import { expect } from '@open-wc/testing';
import { DEMO_PATIENT, MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import type { VardChat } from '../../src/components/vard-chat/vard-chat.js';
import { boot, type VardChatApi } from '../../src/embed/embed.js';
// the panel's modules are loaded up front: a test waits for the chat, not for the dev server
import '../../src/define/panel.js';
import { deletePatientOutbox } from '../../src/storage/outbox-destroy.js';
import { deepQuery } from '../deep.js';
import { waitFor } from '../wait.js';

type Win = { VardChat?: VardChatApi & { q?: unknown[][] } };
const win = window as unknown as Win;

/** A page with a <vard-chat> placed by hand (its backend set) and the loader's script tag. */
function page(queued: unknown[][] = []) {
  const backend = new MemoryBackend({ latencyMs: 2, persistence: null, autoReply: false, triage: null });
  const el = document.createElement('vard-chat');
  el.backend = backend;
  el.locale = 'sv';
  document.body.append(el);
  const script = document.createElement('script');
  script.dataset.backend = 'mock';
  win.VardChat = { q: queued } as Win['VardChat'];
  const booted = boot(script);
  const logouts: Event[] = [];
  const onLogout = (e: Event) => logouts.push(e);
  document.addEventListener('vard-logout', onLogout);
  const done = () => {
    document.removeEventListener('vard-logout', onLogout);
    el.remove();
    backend.dispose();
    delete win.VardChat;
  };
  return { backend, el, booted, api: win.VardChat!, logouts, done };
}

describe('window.VardChat', () => {
  afterEach(() => deletePatientOutbox(DEMO_PATIENT.subject));

  it('replays calls made on the stub, then open() and close() work', async () => {
    const p = page([['open']]);
    try {
      expect(p.booted).to.equal(p.el);
      expect(p.el.open, 'the queued open() was replayed').to.equal(true);
      p.api.close();
      expect(p.el.open).to.equal(false);
      p.api.open();
      expect(p.el.open).to.equal(true);
    } finally {
      p.done();
    }
  });

  it('on() delivers typed events and its return value unsubscribes', async () => {
    const p = page();
    try {
      const seen: string[] = [];
      const off = p.api.on('vard-open', (e) => seen.push(e.type));
      p.api.open();
      p.api.close();
      off();
      p.api.open();
      expect(seen).to.deep.equal(['vard-open']);
      expect(p.api.on('not-an-event' as 'vard-open', () => undefined)(), 'an unknown name is ignored').to.equal(undefined);
    } finally {
      p.done();
    }
  });

  it('logout() ends the session at the backend, and the page gets exactly one vard-logout', async () => {
    const p = page([['open']]);
    try {
      await waitFor(() => deepQuery(p.el, 'vard-composer'), 4000, 'the chat');
      p.api.logout();
      await waitFor(() => deepQuery(p.el, 'vard-login'), 4000, 'the login view');
      expect(await p.backend.getSession()).to.equal(null);
      expect(p.logouts.map((e) => (e as Event & { reason: string }).reason)).to.deep.equal(['user']);
    } finally {
      p.done();
    }
  });

  it('logout() works on a page where the chat was never opened', async () => {
    const p = page();
    try {
      expect(await p.backend.getSession()).to.deep.include({ subject: DEMO_PATIENT.subject });
      await (p.el as VardChat).logout();
      expect(await p.backend.getSession()).to.equal(null);
      expect(p.el.open, 'the panel stays closed').to.equal(false);
    } finally {
      p.done();
    }
  });

  it('places one widget from the script tag, configured from its data-* attributes; booting twice changes nothing', async () => {
    const script = document.createElement('script');
    Object.assign(script.dataset, {
      backend: '/api', auth: 'bff', loginUrl: '/api/auth/login', loginMethods: 'freja', clinicName: 'Vårdcentralen Test',
      locale: 'en', position: 'left', inactivityMinutes: '5', exposeContent: '',
    });
    const seen: string[] = [];
    const handler = (e: Event) => seen.push(e.type);
    win.VardChat = { q: [['on', 'vard-open', handler], ['on', 42, handler], ['nonsense'], ['open'], ['close']] } as unknown as Win['VardChat'];
    const el = boot(script);
    try {
      expect(document.querySelectorAll('vard-chat')).to.have.length(1);
      expect(el).to.include({ locale: 'en', clinicName: 'Vårdcentralen Test', position: 'left', inactivityMinutes: 5, exposeContent: true, open: false });
      expect(el.auth).to.deep.include({ mode: 'bff', methods: ['freja'], loginUrl: new URL('/api/auth/login', location.href).href });
      expect(el.backend, 'an HTTP backend, loaded on first use').to.not.equal(undefined);
      expect(seen, 'the queued on() was replayed before the queued open()').to.deep.equal(['vard-open']);
      expect(boot(script), 'a second boot returns the same widget').to.equal(el);
      expect(document.querySelectorAll('vard-chat')).to.have.length(1);
    } finally {
      el.remove();
      delete win.VardChat;
    }
  });

  it('a bad configuration is reported by attribute name and leaves the widget without a backend', async () => {
    const script = document.createElement('script');
    script.dataset.backend = 'javascript:alert(1)';
    const errors: string[] = [];
    const orig = console.error;
    console.error = (msg: unknown) => void errors.push(String(msg));
    let el: VardChat | undefined;
    try {
      el = boot(script);
    } finally {
      console.error = orig;
    }
    try {
      expect(errors.some((e) => e.startsWith('[vard-chat]') && e.includes('data-backend'))).to.equal(true);
      expect(el.backend).to.equal(undefined);
    } finally {
      el.remove();
      delete win.VardChat;
    }
  });
});
