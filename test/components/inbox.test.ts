import { expect, fixture, html } from '@open-wc/testing';
import type { VardChat } from '../../src/components/vard-chat/vard-chat.js';
import '../../src/define/vard-chat.js';
import { buttonByText, conv, fast, inbox, log, mount, sendAndWait, waitFor } from './conversation-helpers.js';

const rows = (v: HTMLElement) => [...(inbox(v as never)?.shadowRoot?.querySelectorAll('li') ?? [])];

describe('<vard-inbox>', () => {
  it('lists conversations open first with unread counts, preview, status and initiator', async () => {
    const backend = fast({ mode: 'async' });
    await backend.clinicStart('Gammal fråga');
    await backend.closeConversation();
    await backend.clinicStart('Hej! Hur mår du efter besöket?');
    await backend.clinicianSend('Svara gärna när du kan.');
    const view = await mount(backend);
    await waitFor(() => rows(view).length === 2);
    const [first, second] = rows(view);
    expect(first!.className).to.equal('open');
    expect(first!.textContent).to.contain('2 olästa');
    expect(first!.textContent).to.contain('Svara gärna när du kan.');
    expect(first!.textContent).to.contain('Vården väntar på ditt svar');
    expect(first!.textContent).to.contain('Startad av vården');
    expect(second!.className).to.equal('closed');
    expect(second!.textContent).to.contain('Chatten är avslutad');
    await expect(view).to.be.accessible();
    backend.dispose();
  });

  it('opening a conversation marks visible clinician messages read', async () => {
    // Background test pages get no rendering frames, so a real IntersectionObserver may never
    // report: this one computes the same intersection from layout when the test asks.
    const RealIO = window.IntersectionObserver;
    const observers: FakeIO[] = [];
    class FakeIO {
      targets = new Set<Element>();
      constructor(private cb: IntersectionObserverCallback, private opts: IntersectionObserverInit) { observers.push(this); }
      observe(t: Element) { this.targets.add(t); }
      unobserve(t: Element) { this.targets.delete(t); }
      disconnect() { this.targets.clear(); }
      /** Some target is laid out at least half inside the root (what the thread counts as seen). */
      showsAny() {
        const root = (this.opts.root as Element).getBoundingClientRect();
        return [...this.targets].some((t) => {
          const r = t.getBoundingClientRect();
          const h = Math.min(r.bottom, root.bottom) - Math.max(r.top, root.top);
          return h > 0 && (h >= r.height / 2 || h >= root.height / 2);
        });
      }
      flush() {
        const root = (this.opts.root as Element).getBoundingClientRect();
        const entries = [...this.targets].map((target) => {
          const r = target.getBoundingClientRect();
          const h = Math.max(0, Math.min(r.bottom, root.bottom) - Math.max(r.top, root.top));
          return { target, isIntersecting: h > 0, intersectionRatio: r.height ? h / r.height : 0, intersectionRect: { height: h } } as unknown as IntersectionObserverEntry;
        });
        this.cb(entries, this as unknown as IntersectionObserver);
      }
    }
    (window as { IntersectionObserver: unknown }).IntersectionObserver = FakeIO;
    try {
      const backend = fast({ mode: 'async' });
      // a read mark reaches the backend when the thread marks it (at once, not after a delay)
      const marked: string[] = [];
      const markRead = backend.markRead.bind(backend);
      backend.markRead = (c, m) => (marked.push(m), markRead(c, m));
      await backend.clinicStart('Uppföljning');
      await backend.closeConversation();
      await backend.clinicStart('Ny fråga från vården');
      const view = await mount(backend);
      await waitFor(() => rows(view).length === 2);
      (rows(view)[0]!.querySelector('button') as HTMLButtonElement).click();
      await waitFor(() => log(view)?.textContent?.includes('Ny fråga från vården'));
      // laid out in view (the conversation's header, "Filer i chatten" included, settles first)
      await waitFor(() => observers.some((o) => o.showsAny()));
      // seen while the page is hidden: not read yet
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      observers.forEach((o) => o.flush());
      expect(marked).to.deep.equal([]);
      expect((await backend.listConversations()).find((c) => c.status !== 'closed')!.unreadCount).to.equal(1);
      // the page becomes visible: what was seen is marked read
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      const allRead = async () => (await backend.listConversations()).every((c) => c.status === 'closed' || c.unreadCount === 0);
      await waitFor(allRead, 4000, 'every conversation read');
      buttonByText(conv(view)!.shadowRoot, 'Alla chattar')!.click();
      await waitFor(() => rows(view).length === 2);
      expect(rows(view)[0]!.textContent).to.contain('Ny fråga från vården').and.not.contain('olästa');
      backend.dispose();
    } finally {
      (window as { IntersectionObserver: unknown }).IntersectionObserver = RealIO;
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
  });

  it('a clinic-initiated conversation appears while the inbox is open, and "Ny chatt" starts one', async () => {
    const backend = fast({ mode: 'async' });
    await backend.clinicStart('Första');
    await backend.closeConversation();
    const view = await mount(backend);
    await waitFor(() => rows(view).length === 1);
    await backend.clinicStart('Vi behöver boka om din tid.');
    await waitFor(() => rows(view).length === 2 && rows(view)[0]!.textContent!.includes('Vi behöver boka om din tid.'));
    buttonByText(inbox(view)!.shadowRoot, 'Ny chatt')!.click();
    await waitFor(() => conv(view));
    await sendAndWait(view, 'Hej');
    expect((await backend.listConversations()).filter((c) => c.initiator === 'patient')).to.have.length(1);
    backend.dispose();
  });

  it('the launcher shows an unread badge with an accessible label', async () => {
    const backend = fast({ mode: 'async' });
    const el = await fixture<VardChat>(html`<vard-chat .backend=${backend} locale="sv"></vard-chat>`);
    const launcher = el.shadowRoot!.querySelector('.launcher') as HTMLButtonElement;
    launcher.click();
    await waitFor(() => el.shadowRoot!.querySelector('vard-chat-view'));
    el.hide();
    await backend.clinicStart('Hej från vården');
    await waitFor(() => el.unread === 1);
    await el.updateComplete;
    expect(launcher.querySelector('.visually-hidden')!.textContent).to.equal('Chatta med oss. Olästa meddelanden: 1');
    expect(launcher.querySelector('.badge')!.textContent).to.equal('1');
    await expect(el).to.be.accessible();
    backend.dispose();
  });
});
