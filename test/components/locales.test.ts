import { expect, fixture, html } from '@open-wc/testing';
import { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import type { VardChat } from '../../src/components/vard-chat/vard-chat.js';
import '../../src/define/vard-chat.js';
import '../../src/define/panel.js';
import { deepQuery } from '../deep.js';
import { waitFor } from '../wait.js';


async function openIn(locale: string) {
  const backend = new MemoryBackend({ latencyMs: 0, persistence: null, autoReply: false, triage: null });
  const el = await fixture<VardChat>(html`<vard-chat .backend=${backend} locale=${locale}></vard-chat>`);
  (el.shadowRoot!.querySelector('.launcher') as HTMLButtonElement).click();
  const view = () => el.shadowRoot!.querySelector('vard-chat-view');
  await waitFor(() => deepQuery(el, 'vard-composer')?.shadowRoot?.querySelector('textarea'));
  const c = await backend.clinicStart('Hej / Hello / مرحبا');
  await waitFor(() => deepQuery(el, 'vard-thread')?.shadowRoot?.textContent?.includes('مرحبا'));
  await view()!.updateComplete;
  return { el, view: view()!, backend, c };
}

const EXPECT: Record<string, { send: string; close: string; dir: string }> = {
  sv: { send: 'Skicka', close: 'Stäng chatten', dir: 'ltr' },
  en: { send: 'Send', close: 'Close chat', dir: 'ltr' },
  ar: { send: 'إرسال', close: 'إغلاق المحادثة', dir: 'rtl' },
};

describe('languages', () => {
  for (const [locale, want] of Object.entries(EXPECT)) {
    it(`renders in ${locale}, with the right direction, and passes axe`, async () => {
      const { el, view } = await openIn(locale);
      const panel = el.shadowRoot!.querySelector('[role="dialog"]')!;
      expect(panel.getAttribute('lang')).to.equal(locale);
      expect(panel.getAttribute('dir')).to.equal(want.dir);
      expect(el.shadowRoot!.querySelector('.close')!.textContent).to.equal(want.close);
      const composer = deepQuery(view, 'vard-composer')! as HTMLElement & { updateComplete: Promise<unknown> };
      await composer.updateComplete;
      expect(composer.shadowRoot!.querySelector('.send')!.textContent).to.equal(want.send);
      await expect(el).to.be.accessible();
    });
  }

  it('falls back to English string by string in a partial catalogue', async () => {
    const { view } = await openIn('ar');
    // "statusActive" has no Arabic string: the English one is used
    expect(deepQuery(view, '.status')!.textContent).to.match(/waiting for your reply|chatting with/i);
  });

  it('mirrors the layout right to left: the send button sits at the text box’s left end', async () => {
    const rtl = await openIn('ar');
    const ltr = await openIn('sv');
    // centres: beside the box or (narrow, with "Bifoga fil") below it, "Skicka" is at the inline end
    const centre = (r: DOMRect) => r.x + r.width / 2;
    const pos = (v: Element) => {
      const root = deepQuery(v, 'vard-composer')!.shadowRoot!;
      return centre(root.querySelector('.send')!.getBoundingClientRect()) - centre(root.querySelector('textarea')!.getBoundingClientRect());
    };
    expect(pos(rtl.view)).to.be.lessThan(0);
    expect(pos(ltr.view)).to.be.greaterThan(0);
  });
});
