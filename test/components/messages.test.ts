import { expect } from '@open-wc/testing';
import { HistoryBackend } from '../../bench/history-backend.js';
import type { Message } from '../../src/core/types.js';
import { card, log, waitFor } from './conversation-helpers.js';
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
      msg('handover', { to: clinician, queue: EVIL }),
      msg('callback', { around: new Date().toISOString(), phoneHint: EVIL.slice(0, 30) }),
      msg('booking', { slots: [{ id: 's1', start: new Date().toISOString(), end: new Date().toISOString(), type: 'visit', label: EVIL }] }),
      msg('video', { start: new Date().toISOString(), url: 'javascript:alert(1)' }),
      msg('questionnaire', { questionnaire: { resourceType: 'Questionnaire', title: EVIL, item: [{ linkId: 'a', text: EVIL, type: 'string' }] } }),
      msg('evaluation', { questionnaire: EVIL }),
    ]);
    await waitFor(() => card(view, 'vard-booking')?.shadowRoot?.querySelector('button'));
    const roots = allRoots(log(view)!);
    for (const r of roots) expect(r.querySelector('img, script, iframe')).to.equal(null);
    expect(roots.some((r) => r.textContent!.includes('<img src=x'))).to.equal(true);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    // the unsafe video link is not a link
    expect(log(view)!.textContent).to.contain('Länken till mötet kan inte öppnas här');
    for (const r of roots) for (const a of r.querySelectorAll('a')) expect(a.href).to.match(/^https:/);
    await expect(view).to.be.accessible();
  });

  it('an unknown kind, or a malformed payload, renders a neutral fallback and does not crash', async () => {
    const view = await mountWith([
      msg('hologram', { secret: 'x' }, 'hemligt'),
      msg('booking', { slots: 'nope' }, ''),
      msg('callback', null, ''),
      msg('text', undefined, 'Fortfarande här'),
    ]);
    const text = log(view)!.textContent!;
    expect(text.match(/kan inte visas i chatten/g)).to.have.length(3);
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

  it('a call-back confirms another phone number only when it is valid', async () => {
    const backend = new HistoryBackend([msg('callback', { around: new Date().toISOString(), phoneHint: '12' }, 'Vi ringer')], 10);
    const responded: unknown[] = [];
    backend.respond = async (_c: string, _a: string, r: unknown) => void responded.push(r);
    const view = await mount(backend);
    await waitFor(() => card(view, 'vard-callback')?.shadowRoot?.querySelector('button'));
    const cb = card(view, 'vard-callback')!;
    expect(cb.shadowRoot!.textContent).not.to.contain('slutar på 12');
    const btn = (t: string) => [...cb.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes(t))!;
    btn('Visa vilket nummer').click();
    await waitFor(() => cb.shadowRoot!.textContent!.includes('slutar på 12'));
    btn('Ange ett annat nummer').click();
    await waitFor(() => cb.shadowRoot!.querySelector('input'));
    cb.shadowRoot!.querySelector('input')!.value = 'abc';
    btn('Bekräfta numret').click();
    await waitFor(() => cb.shadowRoot!.querySelector('[role="alert"]'));
    await expect(cb).to.be.accessible();
    expect(responded).to.have.length(0);
    cb.shadowRoot!.querySelector('input')!.value = '070-123 45 67';
    btn('Bekräfta numret').click();
    await waitFor(() => responded.length === 1);
    expect(responded[0]).to.deep.equal({ type: 'callback', confirmed: true, phone: '070-123 45 67' });
  });
});
