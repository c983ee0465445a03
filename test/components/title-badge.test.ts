import { expect } from '@open-wc/testing';
import { TitleBadge } from '../../src/components/chat-view/title-badge.js';

class FakeDoc extends EventTarget {
  title = 'Vårdcentralen Exempel';
  visibilityState: DocumentVisibilityState = 'visible';
}

describe('TitleBadge', () => {
  it('counts new messages in the tab title only while hidden, with no content, and restores it', () => {
    const doc = new FakeDoc();
    const badge = new TitleBadge(doc as unknown as Document);
    const fmt = (count: number, title: string) => `(${count}) ${title}`;
    badge.bump(fmt);
    expect(doc.title).to.equal('Vårdcentralen Exempel');
    doc.visibilityState = 'hidden';
    badge.bump(fmt);
    badge.bump(fmt);
    expect(doc.title).to.equal('(2) Vårdcentralen Exempel');
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(doc.title).to.equal('Vårdcentralen Exempel');
    badge.dispose();
  });
});
