import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { renderNextSteps } from '../../src/components/triage/next-steps.js';
import type { Conversation } from '../../src/core/types.js';
import { translator } from '../../src/i18n/index.js';

const conv = (mode: 'sync' | 'async', status: Conversation['status']): Conversation =>
  ({ id: 'c1', mode, status, initiator: 'patient', createdAt: '2026-11-26T08:00:00Z', updatedAt: '2026-11-26T08:00:00Z' }) as Conversation;

function text(c: Conversation): string {
  const div = document.createElement('div');
  render(renderNextSteps(c, translator('sv'), 'sv'), div);
  return div.textContent?.trim() ?? '';
}

describe('what happens next after the triage', () => {
  it('live chat: "stay here" while queued, gone once a clinician is in', () => {
    expect(text(conv('sync', 'queued'))).to.contain('Stanna kvar här');
    expect(text(conv('sync', 'active'))).to.equal('');
    expect(text(conv('sync', 'closed'))).to.equal('');
  });

  it('asynchronous: the expected answer while the clinic has the turn, gone once it answered', () => {
    expect(text(conv('async', 'waiting-for-clinic'))).to.contain('vården svarar');
    expect(text(conv('async', 'waiting-for-patient'))).to.equal('');
  });
});
