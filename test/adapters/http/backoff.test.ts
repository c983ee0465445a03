import { expect } from '@open-wc/testing';
import { backoffDelay } from '../../../src/adapters/http/backoff.js';

describe('backoffDelay', () => {
  const opts = { baseMs: 500, capMs: 30_000 };

  it('stays within [0, min(cap, base·2^n)] for every attempt and any random value', () => {
    for (let n = 0; n < 40; n++) {
      const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** n);
      for (const r of [0, 1e-9, 0.25, 0.5, 0.999999, 1]) {
        const d = backoffDelay(n, opts, () => r);
        expect(d, `attempt ${n}, random ${r}`).to.be.within(0, ceiling);
      }
      for (let i = 0; i < 50; i++) expect(backoffDelay(n, opts)).to.be.within(0, ceiling);
    }
  });

  it('grows exponentially up to the cap (full jitter scales the ceiling)', () => {
    expect(backoffDelay(0, opts, () => 0.999999)).to.equal(499);
    expect(backoffDelay(3, opts, () => 0.999999)).to.equal(3999);
    expect(backoffDelay(10, opts, () => 0.999999)).to.equal(29_999);
    expect(backoffDelay(5, opts, () => 0)).to.equal(0);
  });

  it('is jittered: the same attempt gives different delays', () => {
    const seen = new Set(Array.from({ length: 20 }, () => backoffDelay(6, opts)));
    expect(seen.size).to.be.greaterThan(5);
  });

  it('clamps out-of-range random values and negative attempts', () => {
    expect(backoffDelay(-3, opts, () => 2)).to.equal(500);
    expect(backoffDelay(2, opts, () => -1)).to.equal(0);
  });
});
