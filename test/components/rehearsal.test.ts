import { expect } from '@open-wc/testing';
import '../../src/define/panel.js';
import { rehearse } from '../../src/components/chat-view/rehearsal.js';

describe('rehearsal of the panel (the first view is warm)', () => {
  it('renders a conversation hidden, then leaves no element, event, stored hint or timer behind', async () => {
    // every render of a thread, counted: the rehearsal shows its messages
    const proto = customElements.get('vard-thread')!.prototype as unknown as { updated(): void; renderRoot: ShadowRoot };
    const updated = proto.updated;
    const seen: number[] = [];
    proto.updated = function (this: typeof proto) {
      seen.push(this.renderRoot.querySelectorAll('li').length);
      updated.call(this);
    };
    const events: string[] = [];
    const types = ['vard-login', 'vard-logout', 'vard-open', 'vard-close', 'vard-unread-change', 'vard-message-sent', 'vard-request-open', 'context-provider', 'context-request'];
    const listen = (e: Event) => events.push(e.type);
    for (const t of types) document.addEventListener(t, listen);
    const before = { body: document.body.children.length, session: sessionStorage.length, local: localStorage.length, title: document.title };
    let found: Element | null = null;
    const peek = new MutationObserver(() => (found ??= document.querySelector('vard-chat-view')));
    peek.observe(document.body, { childList: true, subtree: true });
    try {
      await rehearse('sv');
    } finally {
      proto.updated = updated;
      peek.disconnect();
      for (const t of types) document.removeEventListener(t, listen);
    }
    expect(seen.some((n) => n >= 2), `thread renders: ${seen.join(',')}`).to.equal(true);
    expect(found, 'no selector reaches the rehearsal (closed shadow root)').to.equal(null);
    expect(document.body.children.length, 'removed').to.equal(before.body);
    expect(events, 'no event reaches the page').to.deep.equal([]);
    expect({ session: sessionStorage.length, local: localStorage.length, title: document.title }).to.deep.equal({ session: before.session, local: before.local, title: before.title });
  });

  it("in <vard-chat>'s shadow root, the host page's DOM sees no change at all", async () => {
    const stand = document.createElement('div'); // stands in for <vard-chat>
    const root = stand.attachShadow({ mode: 'open' });
    document.body.append(stand);
    const changes: MutationRecord[] = [];
    const watch = new MutationObserver((records) => changes.push(...records));
    watch.observe(document.body, { childList: true, subtree: true, attributes: true });
    const shown: number[] = [];
    const peek = new MutationObserver(() => shown.push(root.childNodes.length));
    peek.observe(root, { childList: true });
    try {
      await rehearse('en', root);
      await new Promise((r) => setTimeout(r, 0)); // the observers' records delivered
    } finally {
      watch.disconnect();
      peek.disconnect();
      stand.remove();
    }
    expect(shown, 'placed in the shadow root, then removed').to.deep.equal([1, 0]);
    expect(changes.length, 'nothing in the host page changed').to.equal(0);
  });
});
