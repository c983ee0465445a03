import { expect } from '@open-wc/testing';
import { retryDelay, DEFAULT_BACKOFF, STREAM_BACKOFF } from '../../src/core/backoff.js';

describe('retryDelay', () => {
  it('grows exponentially: the ceiling doubles per failure', () => {
    const max = (n: number) => retryDelay(n, () => 0.999999);
    expect([1, 2, 3, 4].map(max)).to.deep.equal([999, 1999, 3999, 7999]);
  });

  it('is full jitter: anywhere from 0 up to the ceiling', () => {
    expect(retryDelay(3, () => 0)).to.equal(0);
    expect(retryDelay(3, () => 0.5)).to.equal(2000);
  });

  it('is capped at 30 s however many failures', () => {
    expect(DEFAULT_BACKOFF.capMs).to.equal(30_000);
    expect(retryDelay(50, () => 0.999999)).to.equal(29_999);
    expect(retryDelay(1e6, () => 0.999999)).to.be.at.most(30_000);
  });

  it('honours Retry-After, even above the cap', () => {
    expect(retryDelay(1, () => 0, 2000)).to.equal(2000);
    expect(retryDelay(1, () => 0.999, 45_000)).to.equal(45_000);
    // a jittered delay longer than Retry-After stays as it is
    expect(retryDelay(6, () => 0.9, 100)).to.equal(Math.floor(0.9 * 30_000));
  });

  it('stays within [0, min(cap, base·2^(n-1))] for every failure count and any random value', () => {
    const opts = STREAM_BACKOFF;
    for (let n = 1; n < 40; n++) {
      const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** (n - 1));
      for (const r of [0, 1e-9, 0.25, 0.5, 0.999999, 1]) {
        expect(retryDelay(n, () => r, undefined, opts), `failure ${n}, random ${r}`).to.be.within(0, ceiling);
      }
      for (let i = 0; i < 50; i++) expect(retryDelay(n, Math.random, undefined, opts)).to.be.within(0, ceiling);
    }
  });

  it('is jittered: the same failure count gives different delays', () => {
    const seen = new Set(Array.from({ length: 20 }, () => retryDelay(7, Math.random, undefined, STREAM_BACKOFF)));
    expect(seen.size).to.be.greaterThan(5);
  });

  it('clamps out-of-range random values and failure counts below one', () => {
    expect(retryDelay(-3, () => 2, undefined, STREAM_BACKOFF)).to.equal(500);
    expect(retryDelay(3, () => -1, undefined, STREAM_BACKOFF)).to.equal(0);
  });
});
