import { expect } from '@open-wc/testing';
import { InactivityTimer, type ActivityChannel, type ActivityMessage, type Clock } from '../../src/core/inactivity.js';

/** A manual clock: time moves only when the test says so. */
function fakeClock() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let seq = 0;
  const clock: Clock & { advance(ms: number): void } = {
    now: () => now,
    setTimeout(fn, ms) {
      const id = ++seq;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout(id) {
      timers = timers.filter((t) => t.id !== id);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers = timers.filter((t) => t !== next);
        now = next.at;
        next.fn();
      }
      now = end;
    },
  };
  return clock;
}

/** Two tabs' channels joined together, like a BroadcastChannel (not delivered to the sender). */
function channelPair(): [ActivityChannel, ActivityChannel, ActivityMessage[]] {
  const subs: [Set<(m: ActivityMessage) => void>, Set<(m: ActivityMessage) => void>] = [new Set(), new Set()];
  const log: ActivityMessage[] = [];
  const make = (me: 0 | 1): ActivityChannel => ({
    post: (m) => {
      log.push(m);
      for (const fn of subs[me === 0 ? 1 : 0]) fn(m);
    },
    subscribe: (fn) => {
      subs[me].add(fn);
      return () => subs[me].delete(fn);
    },
  });
  return [make(0), make(1), log];
}

describe('InactivityTimer', () => {
  it('warns at timeout minus the warning time, then times out', () => {
    const clock = fakeClock();
    const timer = new InactivityTimer({ timeoutMs: 15 * 60_000, warningMs: 60_000, clock });
    const seen: string[] = [];
    timer.on('warn', () => seen.push('warn'));
    timer.on('timeout', () => seen.push('timeout'));
    timer.start();
    clock.advance(14 * 60_000 - 1);
    expect(seen).to.deep.equal([]);
    clock.advance(1);
    expect(seen).to.deep.equal(['warn']);
    expect(timer.warning).to.equal(true);
    expect(timer.secondsLeft).to.equal(60);
    clock.advance(60_000);
    expect(seen).to.deep.equal(['warn', 'timeout']);
    expect(timer.warning).to.equal(false);
  });

  it('gives the warning at least 20 seconds, even with a shorter setting or timeout', () => {
    const clock = fakeClock();
    const timer = new InactivityTimer({ timeoutMs: 5_000, warningMs: 3_000, clock });
    expect(timer.warningMs).to.equal(20_000);
    expect(timer.timeoutMs).to.equal(20_000);
    let out = false;
    timer.on('timeout', () => (out = true));
    timer.start();
    clock.advance(19_999);
    expect(timer.warning).to.equal(true);
    expect(out).to.equal(false);
    clock.advance(1);
    expect(out).to.equal(true);
  });

  it('activity resets the countdown; passive activity does not dismiss a raised warning, extend does', () => {
    const clock = fakeClock();
    const timer = new InactivityTimer({ timeoutMs: 60_000, warningMs: 20_000, clock });
    let out = false;
    timer.on('timeout', () => (out = true));
    timer.start();
    clock.advance(30_000);
    timer.activity();
    clock.advance(39_999);
    expect(timer.warning).to.equal(false);
    clock.advance(1);
    expect(timer.warning).to.equal(true);
    timer.activity(); // a stray mouse move is not an answer to the warning
    expect(timer.warning).to.equal(true);
    clock.advance(10_000);
    timer.extend();
    expect(timer.warning).to.equal(false);
    clock.advance(59_999);
    expect(out).to.equal(false);
    clock.advance(1);
    expect(out).to.equal(true);
  });

  it('activity in another tab counts, and a timeout in one tab logs out the other', () => {
    const clock = fakeClock();
    const [a, b, log] = channelPair();
    const tabA = new InactivityTimer({ timeoutMs: 60_000, warningMs: 20_000, clock, channel: a, broadcastEveryMs: 0 });
    const tabB = new InactivityTimer({ timeoutMs: 60_000, warningMs: 20_000, clock, channel: b, broadcastEveryMs: 0 });
    const outs: string[] = [];
    tabA.on('timeout', () => outs.push('A'));
    tabB.on('timeout', () => outs.push('B'));
    tabA.start();
    tabB.start();
    clock.advance(50_000);
    expect(tabA.warning && tabB.warning).to.equal(true);
    tabB.extend(); // "Fortsätt vara inloggad" in tab B
    expect(tabA.warning).to.equal(false);
    clock.advance(30_000);
    tabA.activity(); // the patient types in tab A
    expect(log.filter((m) => m.type === 'activity').length).to.be.greaterThan(1);
    clock.advance(59_999);
    expect(outs).to.deep.equal([]);
    clock.advance(1);
    expect(outs.sort()).to.deep.equal(['A', 'B']);
  });

  it('stop() cancels everything', () => {
    const clock = fakeClock();
    const timer = new InactivityTimer({ timeoutMs: 60_000, clock });
    let fired = false;
    timer.on('warn', () => (fired = true));
    timer.on('timeout', () => (fired = true));
    timer.start();
    timer.stop();
    clock.advance(120_000);
    expect(fired).to.equal(false);
  });
});
