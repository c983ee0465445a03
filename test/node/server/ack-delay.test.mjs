import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, json } from './helpers.mjs';

test('ackDelayMs (test hook): the message is stored before its acknowledgement is sent, a resend is answered 200', async () => {
  const t = await start({ ackDelayMs: 400 });
  try {
    const p = await t.patient();
    const c = await (await p.as('/conversations', { method: 'POST', body: json({}) })).json();
    let answered = false;
    const put = p.as(`/conversations/${c.id}/messages/held-1`, { method: 'PUT', body: json({ text: 'Hej' }) }).then((r) => {
      answered = true;
      return r;
    });
    const stored = () => t.s.db.prepare('SELECT COUNT(*) n FROM messages WHERE client_id = ?').get('held-1').n;
    while (stored() === 0) await new Promise((r) => setTimeout(r, 5));
    assert.equal(answered, false, 'stored, acknowledgement still held');
    assert.equal((await put).status, 201);
    assert.equal((await p.as(`/conversations/${c.id}/messages/held-1`, { method: 'PUT', body: json({ text: 'Hej' }) })).status, 200);
    assert.equal(stored(), 1);
  } finally {
    await t.s.close();
  }
});
