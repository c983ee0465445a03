import { expect } from '@open-wc/testing';
import { checkDraft } from '../../src/core/draft.js';

describe('checkDraft', () => {
  it('rejects empty and whitespace-only text', () => {
    expect(checkDraft('')).to.deep.equal({ ok: false, reason: 'empty' });
    expect(checkDraft(' \n\t ')).to.deep.equal({ ok: false, reason: 'empty' });
  });
  it('trims and accepts normal text', () => {
    expect(checkDraft('  hej\n')).to.deep.equal({ ok: true, text: 'hej' });
  });
  it('counts code points, so emoji are one character each', () => {
    expect(checkDraft('😀'.repeat(5), 5).ok).to.equal(true);
    expect(checkDraft('😀'.repeat(6), 5)).to.deep.equal({ ok: false, reason: 'too-long', length: 6, max: 5 });
  });
});
