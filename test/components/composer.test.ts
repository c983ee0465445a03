import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/panel.js';
import type { VardComposer } from '../../src/components/chat-view/composer.js';
import { checkDraft } from '../../src/core/draft.js';

async function typeInto(el: VardComposer, text: string): Promise<string | undefined> {
  const ta = el.shadowRoot!.querySelector('textarea')!;
  ta.value = text;
  ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
  return el.shadowRoot!.querySelector('.count')?.textContent?.replace(/\u00a0/g, ' ');
}

describe('<vard-composer> character counter', () => {
  it('counts exactly as the send check does, and says by how much a draft is too long', async () => {
    const el = await fixture<VardComposer>(html`<vard-composer .submit=${checkDraft}></vard-composer>`);
    expect(await typeInto(el, 'a'.repeat(3000))).to.equal(undefined); // far from the limit: no counter
    expect(await typeInto(el, 'a'.repeat(3999))).to.equal('1 tecken kvar');
    expect(await typeInto(el, `${'a'.repeat(4000)}   \n`)).to.equal('0 tecken kvar'); // trailing space is not sent
    expect(checkDraft(`${'a'.repeat(4000)}   \n`).ok).to.equal(true);
    expect(await typeInto(el, `${'😀'.repeat(3990)}`)).to.equal('10 tecken kvar'); // one emoji is one character
    // the bug seen: 9,996 characters showed "0 tecken kvar" (the count was clamped at zero)
    expect(await typeInto(el, 'a'.repeat(9996))).to.equal('5 996 tecken för mycket');
    expect(await typeInto(el, 'a'.repeat(4001))).to.equal('1 tecken för mycket');
    expect(checkDraft('a'.repeat(4001))).to.deep.include({ ok: false, length: 4001 });
  });

  it('in English, with plural forms', async () => {
    const el = await fixture<VardComposer>(html`<vard-composer locale="en" .submit=${checkDraft}></vard-composer>`);
    expect(await typeInto(el, 'a'.repeat(3999))).to.equal('1 character left');
    expect(await typeInto(el, 'a'.repeat(3998))).to.equal('2 characters left');
    expect(await typeInto(el, 'a'.repeat(4002))).to.equal('2 characters too many');
  });
});
