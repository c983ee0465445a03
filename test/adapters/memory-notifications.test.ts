import { expect } from '@open-wc/testing';
import { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import { MemoryNotifications } from '../../src/adapters/memory/notifications.js';

describe('MemoryBackend notifications (the demo)', () => {
  it('offers SMS and e-mail, confirms with the logged code, and logs the fixed text it would send when the clinic writes', async () => {
    const lines: string[] = [];
    const n = new MemoryNotifications('Vårdcentralen Exempel', (l) => lines.push(l));
    expect((await n.get()).available).to.deep.equal(['sms', 'email']);
    let err: unknown;
    await n.set('sms', { address: '08-123 456' }).catch((e: unknown) => { err = e; });
    expect((err as { code?: string }).code).to.equal('invalid-address');
    await n.set('sms', { address: '070-123 45 67' });
    const code = /är (\d{6})\./.exec(lines.at(-1)!)![1]!;
    expect(lines.at(-1)).to.not.contain('070').and.not.contain('+4670');
    await n.confirm('sms', code === '000000' ? '000001' : '000000').catch((e: unknown) => { err = e; });
    expect((err as { code?: string }).code).to.equal('wrong-code');
    const s = await n.confirm('sms', code);
    expect(s.channels).to.deep.equal([{ channel: 'sms', address: '+46701234567', confirmed: true }]);
    n.clinicWrote();
    expect(lines.at(-1)).to.equal('[vard-chat demo] would send by SMS: "Du har ett nytt meddelande från Vårdcentralen Exempel. Logga in för att läsa det."');
    await n.withdraw('sms');
    const before = lines.length;
    n.clinicWrote();
    expect(lines.length).to.equal(before);
  });

  it('MemoryBackend.notifications() gives the same settings each time', async () => {
    const b = new MemoryBackend({ persistence: null, latencyMs: 0 });
    expect(await b.notifications()).to.equal(await b.notifications());
    b.dispose();
  });
});
