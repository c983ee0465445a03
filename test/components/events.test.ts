import { expect, fixture, html } from '@open-wc/testing';
import { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import type { VardChat } from '../../src/components/vard-chat/vard-chat.js';
import '../../src/define/vard-chat.js';
import '../../src/define/panel.js';
import { deepQuery } from '../deep.js';
import { waitFor } from '../wait.js';


/** A host page listening on document, as an integrator would. */
async function listen(exposeContent: boolean) {
  const seen: Event[] = [];
  // the public events, and internal ones that must never reach the page
  const names = ['vard-open', 'vard-close', 'vard-login', 'vard-logout', 'vard-message-sent', 'vard-unread-change',
    'vard-unread', 'vard-extend', 'vard-inactivity-logout', 'vard-request-open', 'vard-login-method', 'vard-triage-complete',
    'vard-triage-emergency', 'context-request', 'context-provider'];
  const record = (e: Event) => seen.push(e);
  for (const n of names) document.addEventListener(n, record);
  const backend = new MemoryBackend({ latencyMs: 2, persistence: null, autoReply: false, triage: null });
  const el = await fixture<VardChat>(html`<vard-chat .backend=${backend} locale="sv" ?expose-content=${exposeContent}></vard-chat>`);
  const off = () => names.forEach((n) => document.removeEventListener(n, record));
  return { seen, el, backend, off };
}

async function send(el: VardChat, text: string) {
  await waitFor(() => deepQuery(el, 'vard-composer')?.shadowRoot?.querySelector('textarea'));
  const ta = deepQuery(el, 'vard-composer')!.shadowRoot!.querySelector('textarea')!;
  ta.value = text;
  ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
}

describe('public DOM events reach the host page', () => {
  it('open, login, message-sent without content, unread-change, logout, close', async () => {
    const { seen, el, backend, off } = await listen(false);
    try {
      el.show();
      await send(el, 'hemlig hälsotext');
      await waitFor(() => seen.some((e) => e.type === 'vard-message-sent'));
      const sent = seen.find((e) => e.type === 'vard-message-sent') as Event & { clientId: string; text?: string };
      expect(sent.clientId).to.be.a('string');
      expect(sent.text).to.equal(undefined);
      expect(JSON.stringify(seen.map((e) => ({ ...e })))).not.to.contain('hemlig');
      await backend.clinicianSend('Svar från vården');
      await waitFor(() => seen.some((e) => e.type === 'vard-unread-change')).catch(() => { throw new Error(seen.map((e) => e.type).join()); });
      (deepQuery<HTMLButtonElement>(el, '.logout'))!.click();
      await waitFor(() => seen.some((e) => e.type === 'vard-logout'));
      expect((seen.find((e) => e.type === 'vard-logout') as Event & { reason: string }).reason).to.equal('user');
      el.hide();
      const types = seen.map((e) => e.type);
      expect(types[0]).to.equal('vard-open');
      expect(types).to.include.members(['vard-login', 'vard-message-sent', 'vard-unread-change', 'vard-logout', 'vard-close']);
      expect(types.indexOf('vard-login')).to.be.lessThan(types.indexOf('vard-message-sent'));
      expect(seen.every((e) => e.bubbles && e.composed)).to.equal(true);
      expect(types.filter((t) => t === 'vard-logout'), 'exactly one vard-logout').to.have.length(1);
      expect(types.filter((t) => !t.startsWith('vard-') || !['vard-open', 'vard-close', 'vard-login', 'vard-logout', 'vard-message-sent', 'vard-unread-change'].includes(t)),
        'no internal event reaches the page').to.deep.equal([]);
      expect(seen.every((e) => e.target === el), 'every event comes from <vard-chat> itself').to.equal(true);
    } finally {
      off();
      backend.dispose();
    }
  });

  it('message-sent carries the text only when the integrator opted in', async () => {
    const { seen, el, backend, off } = await listen(true);
    try {
      el.show();
      await send(el, 'med samtycke');
      await waitFor(() => seen.some((e) => e.type === 'vard-message-sent'));
      expect((seen.find((e) => e.type === 'vard-message-sent') as Event & { text?: string }).text).to.equal('med samtycke');
    } finally {
      off();
      backend.dispose();
    }
  });
});
