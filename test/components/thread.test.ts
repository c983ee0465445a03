import { expect, fixture, html } from '@open-wc/testing';
import type { VardChatView } from '../../src/components/chat-view/chat-view.js';
import { HistoryBackend, makeMessages } from '../../bench/history-backend.js';
import { conv, log, threadEl, waitFor } from './conversation-helpers.js';
import { mount } from './conversation-helpers.js';
import { WINDOW } from '../../src/components/conversation/thread.js';

async function mountHistory(backend: HistoryBackend) {
  const view = await mount(backend);
  await waitFor(() => log(view)?.querySelector('li'));
  return view;
}
const items = (v: VardChatView) => [...log(v)!.querySelectorAll<HTMLElement>('li.msg')];
/** The thread has rendered everything asked of it (its scroll position is set in `updated`). */
const settled = async (v: VardChatView) => {
  while (!(await threadEl(v)!.updateComplete));
};

describe('<vard-thread>', () => {
  it('puts a long history on screen newest first, in slices, never the whole window in one render', async () => {
    // every render of the thread, counted (the list appears with its first slice)
    const proto = customElements.get('vard-thread')!.prototype as { updated(): void; renderedCount: number };
    const updated = proto.updated;
    const counts: number[] = [];
    proto.updated = function (this: typeof proto) {
      counts.push(this.renderedCount);
      updated.call(this);
    };
    try {
      const backend = new HistoryBackend(makeMessages(1000), 1000);
      const view = await mount(backend);
      await waitFor(() => items(view).length === WINDOW, 8000, 'the full window');
      expect(items(view).at(-1)!.textContent).to.contain('Meddelande 1000');
    } finally {
      proto.updated = updated;
    }
    const shown = counts.filter((n) => n > 0);
    expect(shown[0], `the first render (${shown.join(',')})`).to.be.at.most(10);
    for (let i = 1; i < shown.length; i++) expect(shown[i]! - shown[i - 1]!, `render ${i} (${shown.join(',')})`).to.be.at.most(25);
  });

  it('an appended message keeps every earlier one on screen (the window only grows)', async () => {
    const backend = new HistoryBackend(makeMessages(30), 30);
    const view = await mount(backend);
    await waitFor(() => items(view).length === 30, 6000, 'all 30');
    // the first message of every render after the append
    const firsts: string[] = [];
    const proto = customElements.get('vard-thread')!.prototype as { updated(): void; renderRoot: ShadowRoot };
    const updated = proto.updated;
    proto.updated = function (this: typeof proto) {
      firsts.push(this.renderRoot.querySelector('li.msg .text, li.msg')?.textContent?.match(/Meddelande \d+/)?.[0] ?? '');
      updated.call(this);
    };
    try {
      backend.push('Ny');
      await waitFor(() => items(view).at(-1)?.textContent?.includes('Ny'));
    } finally {
      proto.updated = updated;
    }
    expect(firsts.length).to.be.above(0);
    expect(firsts.every((f) => f === 'Meddelande 1'), firsts.join(',')).to.equal(true);
    expect(items(view)[0]!.textContent).to.contain('Meddelande 1');
  });

  it('loads older pages on scroll without a scroll jump', async () => {
    const backend = new HistoryBackend(makeMessages(300));
    const view = await mountHistory(backend);
    const scroller = log(view)!;
    // the first page is put on screen in slices (newest first): wait until all 50 are there (or more)
    await waitFor(() => scroller.scrollTop > 0 && items(view).length >= 50);
    // scroll to the top: the next older page loads
    scroller.scrollTop = 0;
    const anchor = items(view)[0]!;
    const anchorKey = anchor.dataset.key;
    const offsetBefore = anchor.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    scroller.dispatchEvent(new Event('scroll'));
    // older messages appear above the one that was first (a page loaded, or the window moved up);
    // a page already on its way may land first, so the patient keeps scrolling up
    await waitFor(() => {
      if (scroller.scrollTop === 0) scroller.dispatchEvent(new Event('scroll'));
      return items(view)[0]!.dataset.key !== anchorKey;
    }, 3000, 'older messages above the anchor');
    expect(items(view)[0]!.dataset.key).not.to.equal(anchorKey);
    await settled(view);
    const same = items(view).find((li) => li.dataset.key === anchorKey)!;
    const offsetAfter = same.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    expect(Math.abs(offsetAfter - offsetBefore)).to.be.below(2);
    expect(backend.pages.some((p) => p.before)).to.equal(true);
    await expect(view).to.be.accessible();
  });

  it('a thread at its newest message stays there when its box shrinks (the composer or the header grows)', async () => {
    const view = await mountHistory(new HistoryBackend(makeMessages(60), 60));
    await waitFor(() => items(view).length === 60, 8000, 'every message rendered');
    await settled(view);
    const scroller = log(view)!;
    const atBottom = () => scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop <= 1;
    await waitFor(atBottom, 4000, 'at the newest');
    const renders = threadEl(view)!.updateComplete;
    // the panel gets 160 px shorter: the thread's box shrinks without a render of its own
    view.style.height = `${view.getBoundingClientRect().height - 160}px`;
    await waitFor(atBottom, 4000, 'still at the newest after the resize');
    expect(await renders, 'no render of the thread was pending').to.equal(true);
    expect(items(view).at(-1)!.textContent).to.contain('Meddelande 60');
  });

  it('a following thread whose box grows past its messages goes on following (no older page, no lost newest)', async () => {
    const backend = new HistoryBackend(makeMessages(200), 200);
    const view = await mountHistory(backend);
    await waitFor(() => items(view).length === WINDOW, 8000, 'the full window');
    await settled(view);
    const scroller = log(view)!;
    // the panel grows taller than its messages (a phone turned, the page resized): the browser
    // pulls the scroll position up to the top, which is no patient scrolling up
    view.style.height = `${scroller.scrollHeight + 600}px`;
    await waitFor(() => scroller.scrollTop === 0, 4000, 'the scroll position pulled to the top');
    await new Promise((r) => setTimeout(r, 100)); // the scroll event that follows
    await settled(view);
    expect(items(view).at(-1)!.textContent, 'the newest still in the window').to.contain('Meddelande 200');
    backend.push('Nytt svar från vården');
    await waitFor(() => items(view).at(-1)?.textContent?.includes('Nytt svar'), 4000, 'the new message shown');
    expect(threadEl(view)!.shadowRoot!.querySelector('.marker'), 'no "new messages" marker: it follows').to.equal(null);
  });

  it('shows the first messages before the login\'s side effects run (its event, the stored hint, the timer)', async () => {
    const backend = new HistoryBackend(makeMessages(30), 30);
    const shownAtLogin: number[] = [];
    await fixture<VardChatView>(html`<vard-chat-view style="height: 500px; width: 360px" .backend=${backend}
      @vard-login=${(e: Event) => shownAtLogin.push(log(e.target as VardChatView)?.querySelectorAll('li.msg').length ?? 0)}></vard-chat-view>`);
    await waitFor(() => shownAtLogin.length > 0, 4000, 'the login event');
    expect(shownAtLogin[0], 'messages on screen when the login event came').to.be.at.least(10);
  });

  it('keeps at most ~200 message nodes in the DOM with 10,000 messages', async () => {
    const backend = new HistoryBackend(makeMessages(10_000), 10_000);
    const view = await mountHistory(backend);
    // the page goes in over several tasks (history slicing): wait until the window is filled
    await waitFor(() => log(view)!.textContent!.includes('Meddelande 10000') && items(view).length >= 20, 8000, 'the newest messages rendered');
    expect(items(view).length).to.be.at.most(200).and.at.least(20);
    expect(threadEl(view)!.renderedCount).to.equal(items(view).length);
  });

  it('shows a "new messages" marker when scrolled up, without stealing the scroll', async () => {
    const backend = new HistoryBackend(makeMessages(60), 60);
    const view = await mountHistory(backend);
    const scroller = log(view)!;
    await waitFor(() => scroller.scrollTop > 0);
    scroller.scrollTop = 400;
    scroller.dispatchEvent(new Event('scroll'));
    await settled(view);
    const top = scroller.scrollTop;
    backend.push('Nytt svar från vården');
    const marker = () => threadEl(view)!.shadowRoot!.querySelector('.marker') as HTMLButtonElement | null;
    await waitFor(() => marker());
    expect(marker()!.textContent).to.contain('1 nytt meddelande');
    expect(scroller.scrollTop).to.equal(top);
    await expect(view).to.be.accessible();
    marker()!.click();
    await waitFor(() => !marker());
    await settled(view);
    expect(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight).to.be.below(2);
    expect(conv(view)).to.exist;
  });
});
