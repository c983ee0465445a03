import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import type { VardChat } from '../../src/components/vard-chat/vard-chat.js';
import type { VardLogin, VardLoginMethodEvent } from '../../src/components/login/login.js';
import { InactivityController } from '../../src/controllers/inactivity-controller.js';
import type { Clock } from '../../src/core/inactivity.js';
import '../../src/define/vard-chat.js';
import '../../src/define/panel.js';
import '../../src/define/feature-login.js';
import { deepQuery } from '../deep.js';
import { waitFor } from '../wait.js';

const view = (el: VardChat) => el.shadowRoot!.querySelector('vard-chat-view')!;
const login = (el: VardChat) => view(el)?.shadowRoot?.querySelector('vard-login') as VardLogin | null | undefined;
const loginButton = (el: VardChat, name: string) =>
  [...(login(el)?.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === name);
const bar = (el: VardChat) => view(el)?.shadowRoot?.querySelector('.session-bar');
const dialog = (el: VardChat) => view(el)?.shadowRoot?.querySelector('vard-inactivity-dialog');

async function openWidget(backend: MemoryBackend, attrs: { minutes?: number } = {}) {
  const el = await fixture<VardChat>(html`<vard-chat .backend=${backend} locale="sv" clinic-name="Testkliniken"
    inactivity-minutes=${attrs.minutes ?? 15}></vard-chat>`);
  el.show();
  return el;
}

describe('<vard-login>', () => {
  it('says who the chat is with, why login is needed, that the page is left, and offers both methods', async () => {
    const el = await fixture<VardLogin>(html`<vard-login clinic-name="Testkliniken"></vard-login>`);
    const text = el.shadowRoot!.textContent!;
    expect(text).to.include('Logga in för att chatta med Testkliniken');
    expect(text).to.include('lämnar du den här sidan');
    const buttons = [...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(buttons).to.deep.equal(['Logga in med BankID', 'Logga in med Freja eID']);
    await expect(el).to.be.accessible();
  });

  it('shows only the configured methods and fires vard-login-method with the method', async () => {
    const el = await fixture<VardLogin>(html`<vard-login locale="en" .methods=${['freja']}></vard-login>`);
    const buttons = el.shadowRoot!.querySelectorAll('button');
    expect([...buttons].map((b) => b.textContent?.trim())).to.deep.equal(['Log in with Freja eID']);
    setTimeout(() => buttons[0]!.click());
    const ev = await oneEvent(el, 'vard-login-method');
    expect((ev as unknown as VardLoginMethodEvent).method).to.equal('freja');
  });

  it('shows a login error as an alert with the buttons to try again, accessibly', async () => {
    const el = await fixture<VardLogin>(html`<vard-login .error=${'cancelled'}></vard-login>`);
    const alert = el.shadowRoot!.querySelector('[role="alert"]');
    expect(alert?.textContent).to.include('Inloggningen avbröts');
    expect(el.shadowRoot!.querySelectorAll('button')).to.have.length(2);
    await expect(el).to.be.accessible();
  });
});

describe('login in the chat panel (mock backend)', () => {
  afterEach(() => {
    InactivityController.clock = undefined;
  });

  it('logged out → login view; "Logga in med BankID" → name and "Logga ut"; logout → login view, data purged', async () => {
    const backend = new MemoryBackend({ latencyMs: 2, persistence: null, session: null, autoReply: false, triage: null });
    const el = await openWidget(backend);
    await waitFor(() => loginButton(el, 'Logga in med BankID'));
    await expect(el).to.be.accessible();
    sessionStorage.setItem('vard-chat:something', 'x');
    loginButton(el, 'Logga in med BankID')!.click();
    await waitFor(() => bar(el));
    expect(bar(el)!.textContent).to.include('Inloggad som Testa Testsson');
    await expect(el).to.be.accessible();
    (bar(el)!.querySelector('button.logout') as HTMLButtonElement).click();
    await waitFor(() => login(el));
    await login(el)!.updateComplete;
    expect(login(el)!.shadowRoot!.textContent).to.include('Du är utloggad.');
    expect(await backend.getSession()).to.equal(null);
    expect(sessionStorage.getItem('vard-chat:something')).to.equal(null);
    expect(sessionStorage.getItem('vard-chat:ui')).to.equal(null);
  });

  it('a session lost mid-chat: the message waits, the login view says so, and it is sent after logging in again', async () => {
    const backend = new MemoryBackend({ latencyMs: 2, persistence: null, autoReply: false, triage: null });
    const el = await openWidget(backend);
    await waitFor(() => bar(el));
    await backend.logout(); // the server forgets the session
    const composer = deepQuery(view(el), 'vard-composer')!;
    const ta = composer.shadowRoot!.querySelector('textarea')!;
    ta.value = 'Är ni kvar?';
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
    await waitFor(() => login(el));
    await login(el)!.updateComplete;
    const text = login(el)!.shadowRoot!.textContent!;
    expect(text).to.include('Du behöver logga in igen');
    expect(text).to.include('skickas när du har loggat in igen');
    await expect(el).to.be.accessible();
    loginButton(el, 'Logga in med BankID')!.click();
    await waitFor(() => bar(el));
    const thread = () => deepQuery(view(el), '[role="log"]')!.textContent ?? '';
    await waitFor(() => thread().includes('Är ni kvar?') && /Skickat|Läst/.test(thread()));
    const conv = (await backend.listConversations())[0]!;
    const sent = (await backend.getMessages(conv.id)).messages.filter((m) => m.text === 'Är ni kvar?');
    expect(sent).to.have.length(1);
  });

  it('inactivity: warning shown, "Fortsätt vara inloggad" extends, timeout logs out and leaves no widget data', async () => {
    let now = 0;
    const timers = new Map<number, { at: number; fn: () => void }>();
    let seq = 0;
    const clock: Clock = {
      now: () => now,
      setTimeout: (fn, ms) => (timers.set(++seq, { at: now + ms, fn }), seq),
      clearTimeout: (id) => void timers.delete(id as number),
    };
    const advance = (ms: number) => {
      const end = now + ms;
      for (;;) {
        const next = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    };
    InactivityController.clock = clock;
    const backend = new MemoryBackend({ latencyMs: 2, persistence: null, autoReply: false, triage: null });
    const el = await openWidget(backend, { minutes: 1 });
    await waitFor(() => bar(el) && dialog(el));
    localStorage.setItem('vard-chat:draft', 'kvar?');
    const dbReq = indexedDB.open('vard-chat-data-test-user', 1);
    await new Promise((r) => (dbReq.onsuccess = () => (dbReq.result.close(), r(undefined))));

    advance(29_999);
    // the manual clock ran what was due synchronously: one settled render shows the result
    await deepQuery<HTMLElement & { updateComplete: Promise<unknown> }>(el, 'vard-chat-view')!.updateComplete;
    await dialog(el)!.updateComplete; // (undefined while its chunk is not here: it comes with the warning)
    expect(dialog(el)!.hasAttribute('open')).to.equal(false);
    advance(1); // 1 minute timeout: the warning takes the last 30 s
    await waitFor(() => dialog(el)!.open);
    const d = dialog(el)!;
    await d.updateComplete;
    expect(d.shadowRoot!.querySelector('h3')!.textContent).to.equal('Du loggas snart ut');
    await expect(d).to.be.accessible();
    (d.shadowRoot!.querySelector('button.stay') as HTMLButtonElement).click();
    await waitFor(() => !dialog(el)!.open);
    expect(bar(el)).to.exist;

    const reasons: string[] = [];
    const onLogout = (e: Event) => reasons.push((e as Event & { reason: string }).reason);
    document.addEventListener('vard-logout', onLogout);
    advance(60_000);
    await waitFor(() => login(el));
    await waitFor(() => reasons.length > 0);
    document.removeEventListener('vard-logout', onLogout);
    expect(reasons, 'the host page hears why').to.deep.equal(['inactivity']);
    await login(el)!.updateComplete;
    expect(login(el)!.shadowRoot!.textContent).to.include('inte var aktiv');
    expect(await backend.getSession()).to.equal(null);
    expect(localStorage.getItem('vard-chat:draft')).to.equal(null);
    const names = (await indexedDB.databases()).map((x) => x.name);
    expect(names.filter((n) => n?.startsWith('vard-chat-data-'))).to.deep.equal([]);
  });
});

describe('inactivity before the panel is opened', () => {
  afterEach(() => {
    InactivityController.clock = undefined;
    sessionStorage.clear();
  });

  it('a page load after a login in this tab runs the timer with the panel closed; the warning opens the panel', async () => {
    let now = 0;
    const timers = new Map<number, { at: number; fn: () => void }>();
    let seq = 0;
    InactivityController.clock = {
      now: () => now,
      setTimeout: (fn, ms) => (timers.set(++seq, { at: now + ms, fn }), seq),
      clearTimeout: (id) => void timers.delete(id as number),
    };
    const advance = (ms: number) => {
      const end = now + ms;
      for (;;) {
        const next = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    };
    const backend = new MemoryBackend({ latencyMs: 2, persistence: null, autoReply: false, triage: null });
    // the patient logged in on an earlier page of this tab (the panel sets this hint when logged in)
    const first = await openWidget(backend);
    await waitFor(() => bar(first));
    await waitFor(() => sessionStorage.getItem('vard-chat:active') === '1', 2000, 'the hint, set once the panel is painted');
    first.remove();

    // the next page: the launcher only, never opened
    const el = await fixture<VardChat>(html`<vard-chat .backend=${backend} locale="sv" inactivity-minutes="1"></vard-chat>`);
    await waitFor(() => bar(el), 5000, 'the session checked with the panel closed');
    expect(el.open, 'the panel stays closed').to.equal(false);
    await waitFor(() => timers.size > 0, 2000, 'the timer started (after the first paint)');
    advance(30_000); // 1 minute: the warning takes the last 30 s
    await waitFor(() => dialog(el)?.open === true, 5000, 'the warning');
    await waitFor(() => el.open, 2000, 'the panel opened to show it');
    const d = dialog(el)!;
    await d.updateComplete;
    expect(d.shadowRoot!.querySelector('h3')!.textContent).to.equal('Du loggas snart ut');
    advance(30_000);
    await waitFor(() => login(el), 5000, 'logged out');
    expect(await backend.getSession()).to.equal(null);
    expect(sessionStorage.getItem('vard-chat:active'), 'the hint is gone').to.equal(null);
  });

  it('without the hint, a page load does not set the panel up (no session request for every visitor)', async () => {
    const backend = new MemoryBackend({ latencyMs: 2, persistence: null, autoReply: false, triage: null });
    let asked = 0;
    const getSession = backend.getSession.bind(backend);
    backend.getSession = () => (asked++, getSession());
    const el = await fixture<VardChat>(html`<vard-chat .backend=${backend} locale="sv"></vard-chat>`);
    await el.updateComplete;
    // the panel's code loaded (as when idle): a setup started at connect would have finished before this
    await el.preload();
    await el.updateComplete;
    expect(view(el)).to.equal(null);
    expect(asked).to.equal(0);
  });
});
