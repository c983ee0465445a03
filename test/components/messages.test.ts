import { expect } from '@open-wc/testing';
import { HistoryBackend } from '../../bench/history-backend.js';
import type { Message } from '../../src/core/types.js';
import { KIND_EXAMPLES } from '../../src/protocol/examples.js';
import { card, log, waitFor, waitForEl } from './conversation-helpers.js';
import { mount } from './conversation-helpers.js';

const EVIL = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
const clinician = { role: 'clinician' as const, name: EVIL, profession: EVIL };
let seq = 0;
const msg = (kind: string, payload: unknown, text = EVIL): Message => ({
  id: `m${++seq}`, conversationId: 'c1', seq, kind, text, payload, author: clinician, createdAt: new Date().toISOString(),
});

async function mountWith(messages: Message[]) {
  const backend = new HistoryBackend(messages, 100);
  const view = await mount(backend);
  await waitFor(() => log(view)?.querySelectorAll('li').length === messages.length);
  return view;
}

/** Every shadow root under `root`, for checks across the message cards. */
function allRoots(root: ShadowRoot | Element): (ShadowRoot | Element)[] {
  const out: (ShadowRoot | Element)[] = [root];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...allRoots(el.shadowRoot));
  return out;
}

describe('message kinds', () => {
  it('hostile text in every kind and in names stays inert text', async () => {
    const view = await mountWith([
      msg('text', undefined),
      msg('system', { event: 'joined', author: clinician }),
      msg('handover', { from: clinician, toQueue: 'doctor', to: clinician }),
      msg('callback', { actionId: 'a1', windows: [{ id: 'w1', start: new Date().toISOString(), end: new Date().toISOString() }], phoneHint: EVIL.slice(0, 30) }),
      msg('booking', { actionId: 'a2', slots: [{ id: 's1', start: new Date().toISOString(), end: new Date().toISOString(), type: 'visit', label: EVIL }] }),
      msg('video', { start: new Date().toISOString(), url: 'javascript:alert(1)' }),
      msg('questionnaire', { actionId: 'a3', questionnaire: { resourceType: 'Questionnaire', title: EVIL, item: [{ linkId: 'a', text: EVIL, type: 'string' }] } }),
      msg('evaluation', { questionnaire: EVIL }),
    ]);
    await waitFor(() => card(view, 'vard-booking')?.shadowRoot?.querySelector('button'));
    const roots = allRoots(log(view)!);
    for (const r of roots) expect(r.querySelector('img, script, iframe')).to.equal(null);
    expect(roots.some((r) => r.textContent!.includes('<img src=x'))).to.equal(true);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    // the unsafe video link is not a link: that message shows the fallback
    expect(log(view)!.textContent).to.contain('kan inte visas i chatten');
    for (const r of roots) for (const a of r.querySelectorAll('a')) expect(a.href).to.match(/^https:/);
    await expect(view).to.be.accessible();
  });

  it('an unknown kind, or a malformed payload, renders a neutral fallback and does not crash', async () => {
    const view = await mountWith([
      msg('hologram', { secret: 'x' }, 'hemligt'),
      msg('booking', { slots: 'nope' }, ''),
      msg('callback', null, ''),
      // the shapes the widget and the server used to disagree on
      msg('handover', { to: clinician, queue: 'doctor' }, ''),
      msg('callback', { around: new Date().toISOString(), phoneHint: '12' }, ''),
      msg('text', undefined, 'Fortfarande här'),
    ]);
    // booking and call-back are checked by their feature chunk: their fallbacks come when it is here
    const fallbacks = () => log(view)!.textContent!.match(/kan inte visas i chatten/g)?.length ?? 0;
    await waitFor(() => fallbacks() >= 5);
    const text = log(view)!.textContent!;
    expect(fallbacks()).to.equal(5);
    expect(text).not.to.contain('hemligt');
    expect(text).to.contain('Fortfarande här');
  });

  it('links in text open safely: https only, new window, noopener noreferrer', async () => {
    const view = await mountWith([msg('text', undefined, 'Läs https://1177.se/rad. Inte http://evil.example eller javascript:alert(1)')]);
    const links = [...log(view)!.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://1177.se/rad']);
    expect(links[0]!.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(links[0]!.getAttribute('target')).to.equal('_blank');
    expect(log(view)!.textContent).to.contain('http://evil.example');
  });

  it('every kind of the protocol’s examples has its own rendering, never the fallback', async () => {
    const messages = Object.values(KIND_EXAMPLES).map((e, n) => ({ ...e.message, id: `x${n}`, seq: n + 1, conversationId: 'c1' }));
    const view = await mountWith(messages);
    const text = log(view)!.textContent!;
    expect(text).not.to.contain('kan inte visas i chatten');
    for (const expected of ['Du har flyttats till läkare.', 'Du har flyttats till Erik Berg (läkare).', 'Anslut till videomötet', 'Videomöte',
      'Anna Lind, sjuksköterska anslöt till chatten.', 'Vården ber dig utvärdera chatten.']) expect(text, expected).to.contain(expected);
    await waitFor(() => card(view, 'vard-callback')?.shadowRoot?.querySelector('input'));
    expect(card(view, 'vard-booking')!.shadowRoot!.textContent).to.contain('Vårdcentralen Exempel, mottagning 2');
    await expect(view).to.be.accessible();
  });

  it('a call-back: pick a window (shown as a time range), correct the number, or decline; answered by its actionId', async () => {
    const ex = KIND_EXAMPLES.callback!.message;
    const backend = new HistoryBackend([{ ...ex, conversationId: 'c1' }], 10);
    const responded: { actionId: string; response: unknown }[] = [];
    backend.respond = async (_c: string, actionId: string, response: unknown) => void responded.push({ actionId, response });
    const view = await mount(backend);
    const cb = await waitForEl(() => card(view, 'vard-callback'));
    await waitFor(() => cb.shadowRoot!.querySelector('input[name="window"]'));
    const root = cb.shadowRoot!;
    const btn = (t: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.includes(t))!;
    // two windows, each a localized range "… 14:00–15:00"
    const ranges = [...root.querySelectorAll('label.option')].map((l) => l.textContent!.trim());
    expect(ranges).to.have.length(2);
    for (const r of ranges) expect(r).to.match(/\d{2}:\d{2}–\d{2}:\d{2}$/);
    expect(root.textContent).to.contain('Vi ringer numret som slutar på •••• 12 34.');
    btn('Bekräfta tiden').click();
    await waitFor(() => root.querySelector('#window-error'));
    expect(responded).to.have.length(0);
    (root.querySelectorAll('input[name="window"]')[1] as HTMLInputElement).click();
    btn('Ändra telefonnummer').click();
    await waitFor(() => root.querySelector('#phone'));
    (root.querySelector('#phone') as HTMLInputElement).value = 'ring mig';
    btn('Bekräfta tiden').click();
    await waitFor(() => root.querySelector('#phone-error'));
    await expect(cb).to.be.accessible();
    expect(responded).to.have.length(0);
    (root.querySelector('#phone') as HTMLInputElement).value = '070-123 45 67';
    btn('Bekräfta tiden').click();
    await waitFor(() => responded.length === 1);
    expect(responded[0]).to.deep.equal({ actionId: 'a-callback-1', response: { windowId: 'w-2', phone: '070-123 45 67' } });
    await waitFor(() => root.textContent!.includes('Tack! Vården ringer dig på 070-123 45 67.'));
  });

  it('a call-back can be declined', async () => {
    const backend = new HistoryBackend([{ ...KIND_EXAMPLES.callback!.message, conversationId: 'c1' }], 10);
    const responded: unknown[] = [];
    backend.respond = async (_c: string, _a: string, r: unknown) => void responded.push(r);
    const view = await mount(backend);
    const cb = await waitForEl(() => card(view, 'vard-callback'));
    await waitFor(() => cb.shadowRoot!.querySelector('button'));
    [...cb.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Jag vill inte bli uppringd'))!.click();
    await waitFor(() => responded.length === 1);
    expect(responded[0]).to.deep.equal({ declined: true });
    await waitFor(() => cb.shadowRoot!.textContent!.includes('Du har tackat nej till att bli uppringd.'));
  });

  it('a video link without a time still shows its link', async () => {
    const view = await mountWith([{ ...KIND_EXAMPLES['video (no time)']!.message, conversationId: 'c1' }]);
    const a = log(view)!.querySelector('a.action-link') as HTMLAnchorElement;
    expect(a.href).to.equal('https://video.vardcentralen.example.se/m/8f2k');
    expect(log(view)!.querySelector('.card-title')!.textContent).to.equal('Videomöte');
  });
});
