import { expect } from '@open-wc/testing';
import { broadcastChannel } from '../../src/browser/broadcast.js';
import { waitFor } from '../wait.js';

describe('broadcastChannel', () => {
  it('delivers to the other tabs of the channel, never to the sender, until unsubscribed', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const a = broadcastChannel<{ n: number }>(name)!;
    const b = broadcastChannel<{ n: number }>(name)!;
    const other = broadcastChannel<{ n: number }>(`${name}-other`)!;
    const atA: number[] = [], atB: number[] = [], atOther: number[] = [];
    a.subscribe((m) => atA.push(m.n));
    const offB = b.subscribe((m) => atB.push(m.n));
    other.subscribe((m) => atOther.push(m.n));
    a.post({ n: 1 });
    await waitFor(() => atB.length === 1);
    offB();
    a.post({ n: 2 });
    b.post({ n: 3 }); // B still sends after it stopped listening
    await waitFor(() => atA.length === 1);
    expect(atA).to.deep.equal([3]);
    expect(atB).to.deep.equal([1]);
    expect(atOther).to.deep.equal([]);
    for (const c of [a, b, other]) c.close();
  });
});
