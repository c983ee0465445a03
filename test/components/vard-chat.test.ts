import { expect, fixture, html } from '@open-wc/testing';
import { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import type { VardChat } from '../../src/components/vard-chat/vard-chat.js';
import type { ChatBackend } from '../../src/core/backend.js';
import type { BackendEvent } from '../../src/core/types.js';
import '../../src/define/vard-chat.js';
import '../../src/define/panel.js';
import { DEMO_PATIENT } from '../../src/adapters/memory/memory-backend.js';
import { deletePatientOutbox } from '../../src/storage/outbox-destroy.js';
import { waitFor } from '../wait.js';

const view = (el: VardChat) => el.shadowRoot!.querySelector('vard-chat-view')!;
const conversation = (el: VardChat) => view(el)?.shadowRoot?.querySelector('vard-conversation');
const composer = (el: VardChat) => conversation(el)?.shadowRoot?.querySelector('vard-composer');
const textarea = (el: VardChat) => composer(el)?.shadowRoot?.querySelector('textarea') as HTMLTextAreaElement | null | undefined;
const thread = (el: VardChat) => conversation(el)?.shadowRoot?.querySelector('vard-thread')?.shadowRoot?.querySelector('[role="log"]');
const launcher = (el: VardChat) => el.shadowRoot!.querySelector('.launcher') as HTMLButtonElement;
const deepActive = () => {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};

async function openChat(backend: ChatBackend, locale = 'sv') {
  const el = await fixture<VardChat>(html`<vard-chat .backend=${backend} locale=${locale} clinic-name="Testkliniken"></vard-chat>`);
  launcher(el).click();
  await waitFor(() => textarea(el));
  return el;
}
function type(el: VardChat, text: string, key = 'Enter', shiftKey = false) {
  const ta = textarea(el)!;
  ta.value = text;
  ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  ta.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, composed: true, cancelable: true }));
}
// triage: null – these tests are about the chat itself; test/components/triage.test.ts walks the triage
const fast = (extra = {}) => new MemoryBackend({ latencyMs: 5, replyDelayMs: 50, persistence: null, triage: null, ...extra });

// each test is a fresh page: no "a patient was logged in in this tab" hint from an earlier one
// (with it, a widget sets its panel up hidden at load: test/components/login.test.ts)
beforeEach(() => sessionStorage.removeItem('vard-chat:active'));

describe('<vard-chat> opens at once', () => {
  it('hovering the launcher sets the panel up hidden, with its session checked: the click only shows it', async () => {
    const backend = fast();
    let sessionChecks = 0;
    const getSession = backend.getSession.bind(backend);
    backend.getSession = () => (sessionChecks++, getSession());
    const el = await fixture<VardChat>(html`<vard-chat .backend=${backend} clinic-name="Testkliniken"></vard-chat>`);
    expect(view(el)).to.equal(null);
    launcher(el).dispatchEvent(new PointerEvent('pointerenter'));
    await waitFor(() => textarea(el));
    expect(el.open).to.equal(false);
    expect(el.shadowRoot!.querySelector('[role="dialog"]')!.hasAttribute('hidden')).to.equal(true);
    expect(sessionChecks).to.equal(1);
    launcher(el).click();
    await el.updateComplete;
    // the composer is there in the same update as the panel: nothing left to load
    expect(el.shadowRoot!.querySelector('[role="dialog"]')!.hasAttribute('hidden')).to.equal(false);
    expect(textarea(el)).to.exist;
    await waitFor(() => deepActive() === textarea(el));
    expect(sessionChecks).to.equal(1);
  });
});

describe('<vard-chat>', () => {
  // the widget keeps unsent messages in IndexedDB: no test may inherit another's queue
  afterEach(() => deletePatientOutbox(DEMO_PATIENT.subject));

  it('is closed by default with a labelled launcher, and accessible', async () => {
    const el = await fixture<VardChat>(html`<vard-chat .backend=${fast()} locale="sv"></vard-chat>`);
    expect(launcher(el).textContent!.trim()).to.equal('Chatta med oss');
    expect(launcher(el).getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.querySelector('[role="dialog"]')!.hasAttribute('hidden')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('opens a labelled dialog, moves focus to the composer, and Escape closes back to the launcher', async () => {
    const el = await openChat(fast());
    const dialog = el.shadowRoot!.querySelector('[role="dialog"]')!;
    expect(dialog.hasAttribute('hidden')).to.equal(false);
    expect(el.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).to.contain('Testkliniken');
    await waitFor(() => deepActive() === textarea(el));
    textarea(el)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.open).to.equal(false);
    await waitFor(() => deepActive() === launcher(el));
  });

  it('sends with Enter, keeps Shift+Enter for a new line, and shows the reply', async () => {
    const backend = fast();
    const el = await openChat(backend);
    type(el, 'rad ett', 'Enter', true);
    expect(textarea(el)!.value).to.equal('rad ett'); // not sent
    type(el, 'Hej från testet');
    expect(textarea(el)!.value).to.equal('');
    await waitFor(() => thread(el)?.textContent?.includes('Hej från testet'));
    await waitFor(() => /Skickat|Läst/.test(thread(el)!.textContent!));
    await waitFor(() => thread(el)!.textContent!.includes('Tack för ditt meddelande'));
    await expect(el).to.be.accessible();
    backend.dispose();
  });

  it('does not send whitespace, and keeps an over-long draft with an announced error', async () => {
    const backend = fast({ autoReply: false });
    const el = await openChat(backend);
    type(el, '   ');
    await composer(el)!.updateComplete;
    expect(thread(el)!.querySelectorAll('li.msg')).to.have.length(0);
    const long = 'å'.repeat(4001);
    type(el, long);
    await composer(el)!.updateComplete;
    const alert = composer(el)!.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('för långt');
    expect(textarea(el)!.value).to.equal(long);
    expect(textarea(el)!.getAttribute('aria-invalid')).to.equal('true');
    expect(textarea(el)!.getAttribute('aria-describedby')).to.contain('composer-error');
    await expect(el).to.be.accessible();
  });

  it('keeps a message waiting for a connection while the network fails, then delivers it', async () => {
    const backend = fast({ autoReply: false });
    const el = await openChat(backend);
    backend.setFailure('network');
    type(el, 'väntar på nätet');
    await waitFor(() => thread(el)!.textContent!.includes('Väntar på anslutning'));
    await waitFor(() => view(el).shadowRoot!.textContent!.includes('Du är offline. Dina meddelanden skickas när anslutningen är tillbaka.'));
    await expect(el).to.be.accessible();
    backend.setFailure(null);
    window.dispatchEvent(new Event('online')); // the connection is back: flush now, not at the next backoff
    await waitFor(() => thread(el)!.textContent!.includes('Skickat'), 5000);
    expect(view(el).shadowRoot!.textContent).not.to.contain('Du är offline');
  });

  it('shows a failed message with its reason and a retry that delivers it', async () => {
    const backend = fast({ autoReply: false });
    const el = await openChat(backend);
    backend.setFailure('rejected', 1);
    type(el, 'kommer fram till slut');
    await waitFor(() => thread(el)!.textContent!.includes('Kunde inte skickas'));
    expect(thread(el)!.textContent).to.contain('Meddelandet togs inte emot');
    await expect(el).to.be.accessible();
    const retry = [...thread(el)!.querySelectorAll('button')].find((b) => b.textContent === 'Försök igen')!;
    retry.click();
    await waitFor(() => thread(el)!.textContent!.includes('Skickat'));
    expect(thread(el)!.textContent).not.to.contain('Kunde inte skickas');
  });

  it('renders hostile text as inert text', async () => {
    const backend = fast({ autoReply: false });
    const el = await openChat(backend);
    type(el, 'start');
    await waitFor(() => thread(el)!.textContent!.includes('Skickat'));
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    await backend.clinicianSend(payload);
    await waitFor(() => thread(el)!.textContent!.includes('<img src=x'));
    expect(thread(el)!.querySelector('img, script')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('survives malformed and unknown messages from the backend', async () => {
    const backend = fast({ autoReply: false });
    let push: ((e: BackendEvent) => void) | undefined;
    const spy: ChatBackend = Object.assign(Object.create(backend), {
      subscribe: (onEvent: (e: BackendEvent) => void, opts: { signal: AbortSignal }) => {
        push = onEvent;
        backend.subscribe(onEvent, opts);
      },
    });
    const el = await openChat(spy);
    await waitFor(() => push);
    const c = await backend.clinicStart('hello');
    await waitFor(() => thread(el)!.textContent!.includes('hello'));
    push!({ type: 'message', id: 'x1', message: { id: 'mx', conversationId: c.id, seq: 999, author: { role: 'clinician' }, kind: 'hologram', text: 'secret', createdAt: new Date().toISOString() } });
    await waitFor(() => thread(el)!.textContent!.includes('kan inte visas'));
    expect(thread(el)!.textContent).not.to.contain('secret');
    await expect(el).to.be.accessible();
  });

  it('shows an unavailable notice without a backend', async () => {
    const el = await fixture<VardChat>(html`<vard-chat locale="en"></vard-chat>`);
    launcher(el).click();
    await waitFor(() => el.shadowRoot!.querySelector('[role="alert"]'));
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('not available');
    await expect(el).to.be.accessible();
  });

  it('shows a load error with a retry when the backend fails to load', async () => {
    const backend = fast();
    backend.setFailure('unavailable', 1);
    const el = await fixture<VardChat>(html`<vard-chat .backend=${backend} locale="en"></vard-chat>`);
    launcher(el).click();
    await waitFor(() => view(el)?.shadowRoot?.querySelector('.retry-load'));
    await expect(el).to.be.accessible();
    (view(el)!.shadowRoot!.querySelector('.retry-load') as HTMLButtonElement).click();
    await waitFor(() => textarea(el));
  });

  it('takes the page language when no locale is set', async () => {
    const before = document.documentElement.lang;
    document.documentElement.lang = 'sv-SE';
    try {
      const el = await fixture<VardChat>(html`<vard-chat .backend=${fast()}></vard-chat>`);
      expect(launcher(el).textContent!.trim()).to.equal('Chatta med oss');
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('speaks English when asked, and shows queue status', async () => {
    const backend = fast({ autoReply: false });
    const el = await openChat(backend, 'en');
    expect(launcher(el).textContent!.trim()).to.equal('Chat with us');
    type(el, 'hi');
    await waitFor(() => conversation(el)!.shadowRoot!.querySelector('.status')!.textContent!.includes('number 1 in the queue'));
    expect(el.shadowRoot!.querySelector('.close')!.textContent).to.equal('Close chat');
  });
});
