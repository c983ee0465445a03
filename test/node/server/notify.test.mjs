// Notifications (#19) against the running reference server on SQLite, with real protocol peers:
// an SMTP server receives the e-mail (parsed with mailparser), an HTTP endpoint the SMS webhook,
// an HTTP endpoint stands in for the browser's push service (the body decrypted per RFC 8291).
// The notifier's clock is the test's: it moves only when the test moves it, and the test runs
// the notifier's tick itself, then waits on the peers (no sleeps).
import { describe, test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './helpers.mjs';
import { browserSubscription, decryptPush, httpSink, smtpSink, until, vapidKeys } from './notify-peers.mjs';

const CLINIC = 'Vårdcentralen Exempel';
const CLINIC_URL = 'https://vardcentralen.example.se/';
const FIXED = `Du har ett nytt meddelande från ${CLINIC}. Logga in för att läsa det.`;
const SECRET = 'Dina provsvar: hemoglobin 131 (hemligt-ord-42)';
const MIN = 60_000;
/** 11:00 in Stockholm (not quiet). */
const DAY = Date.parse('2026-12-02T10:00:00Z');

let smtp;
let sms;
let push;
const vapid = vapidKeys();
before(async () => {
  [smtp, sms, push] = await Promise.all([smtpSink(), httpSink(200), httpSink(201)]);
});
after(() => Promise.all([smtp.close(), sms.close(), push.close()]));

/** A server whose notifier uses `clock`, with all three channels pointed at the peers. */
async function server(clock, over = {}) {
  return start({
    notify: {
      clinicName: CLINIC, clinicUrl: CLINIC_URL, clock, tickMs: 3_600_000, batchMinutes: 5, retry: { baseMs: MIN, maxAttempts: 3 },
      smtp: { url: smtp.url, from: `${CLINIC} <noreply@vardcentralen.example.se>` },
      sms: { url: sms.url, token: 'sms-token-1' },
      vapid: { ...vapid, subject: 'mailto:it@vardcentralen.example.se' },
      pushOrigins: [push.origin],
      ...over,
    },
  });
}

/** Counts before a step, so each test looks only at what it caused. */
const marks = () => ({ mails: smtp.mails.length, sms: sms.requests.length, push: push.requests.length });
const since = (m) => ({ mails: smtp.mails.slice(m.mails), sms: sms.requests.slice(m.sms), push: push.requests.slice(m.push) });

describe('notifications on SQLite', () => {
  let h;
  let clock;
  beforeEach(async () => {
    clock = { t: DAY, now() { return this.t; } };
    h = await server(clock);
  });
  afterEach(() => h.s.close());

  /** Everything the hub has read so far has been recorded by the notifier. */
  const settled = async () => {
    const head = await h.s.store.headEventId();
    await until(() => h.s.notify.notifier.seenUpTo >= head, 'the notifier saw the newest event');
    await h.s.notify.notifier.settled();
  };
  const tickAfter = async (ms) => {
    await settled();
    clock.t += ms;
    await h.s.notify.notifier.tick();
  };

  /** A patient with e-mail and SMS confirmed by their codes, and a push subscription; and a conversation with a clinician. */
  async function setUp({ channels = ['email', 'sms', 'webpush'] } = {}) {
    const p = await h.patient('Test Testsson');
    const codeOf = (text) => /\b(\d{6})\b/.exec(text)?.[1];
    let browser;
    for (const channel of channels) {
      const m = marks();
      if (channel === 'webpush') {
        browser = browserSubscription(`${push.origin}/push/${Math.random().toString(36).slice(2)}`);
        const r = await p.as('/notifications/webpush', { method: 'PUT', body: JSON.stringify({ subscription: browser.subscription }) });
        assert.equal(r.status, 200);
        continue;
      }
      const address = channel === 'email' ? `patient${Math.random().toString(36).slice(2)}@example.se` : '070-123 45 67';
      const r = await p.as(`/notifications/${channel}`, { method: 'PUT', body: JSON.stringify({ address }) });
      assert.equal(r.status, 200, await r.clone().text());
      await until(() => (channel === 'email' ? smtp.mails.length > m.mails : sms.requests.length > m.sms), `the ${channel} code arrived`);
      const text = channel === 'email' ? smtp.mails.at(-1).text : JSON.parse(sms.requests.at(-1).body).text;
      const ok = await p.as(`/notifications/${channel}/confirm`, { method: 'POST', body: JSON.stringify({ code: codeOf(text) }) });
      assert.equal(ok.status, 200);
    }
    const settings = await (await p.as('/notifications')).json();
    assert.deepEqual(settings.channels.map((c) => [c.channel, c.confirmed]), channels.map((c) => [c, true]).sort());
    const conv = await (await p.as('/conversations', { method: 'POST', body: JSON.stringify({ mode: 'async', reason: 'advice' }) })).json();
    const staff = await h.staff('Anna Svensson', 'nurse');
    const write = (text = SECRET) => staff(`/conversations/${conv.id}/messages`, { method: 'POST', body: JSON.stringify({ kind: 'text', text }) });
    return { p, conv, staff, write, browser };
  }

  test('a clinician answers a patient who has left: one notification per channel, with no content, recorded for the console', async () => {
    const { conv, staff, write, browser } = await setUp();
    const m = marks();
    assert.equal((await write()).status, 201);
    await tickAfter(4 * MIN);
    assert.deepEqual(since(m), { mails: [], sms: [], push: [] }, 'nothing before the batch window ends');
    await tickAfter(1 * MIN);
    await until(() => since(m).push.length === 1 && since(m).sms.length === 1 && since(m).mails.length === 1, 'one on each channel');

    const mail = since(m).mails[0];
    assert.equal(mail.subject, `Nytt meddelande från ${CLINIC}`);
    assert.equal(mail.text.trim(), `${FIXED}\n${CLINIC_URL}`);
    assert.equal(mail.html, false, 'plain text only');
    const smsReq = since(m).sms[0];
    assert.equal(smsReq.headers.authorization, 'Bearer sms-token-1');
    assert.deepEqual(JSON.parse(smsReq.body), { to: '+46701234567', text: `${FIXED}\n${CLINIC_URL}` });

    const pushReq = since(m).push[0];
    assert.equal(pushReq.method, 'POST');
    assert.equal(pushReq.url, new URL(browser.subscription.endpoint).pathname);
    assert.equal(pushReq.headers['content-encoding'], 'aes128gcm');
    assert.equal(pushReq.headers.ttl, '86400');
    assert.match(pushReq.headers.authorization, /^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
    assert.equal(/k=([\w-]+)/.exec(pushReq.headers.authorization)[1], vapid.publicKey);
    const jwt = JSON.parse(Buffer.from(/t=[\w-]+\.([\w-]+)\./.exec(pushReq.headers.authorization)[1], 'base64url').toString());
    assert.equal(jwt.aud, push.origin, 'the JWT is for this push service');
    assert.equal(jwt.sub, 'mailto:it@vardcentralen.example.se');
    assert.deepEqual(JSON.parse(decryptPush(pushReq.body, browser)), { title: `Nytt meddelande från ${CLINIC}`, body: FIXED, url: CLINIC_URL });

    for (const text of [mail.text, mail.subject, JSON.parse(smsReq.body).text, decryptPush(pushReq.body, browser)]) {
      for (const secret of ['hemligt', 'hemoglobin', 'Anna', 'Svensson', 'advice', 'Testsson']) assert.ok(!text.includes(secret), `no "${secret}" in a notification`);
    }

    // never twice: another tick, later, sends nothing more
    await tickAfter(60 * MIN);
    assert.equal(since(m).mails.length + since(m).sms.length + since(m).push.length, 3);

    const detail = await (await staff(`/conversations/${conv.id}`)).json();
    assert.deepEqual(detail.notified.map((n) => n.channel).sort(), ['email', 'sms', 'webpush']);
    assert.ok(detail.notified.every((n) => n.at === new Date(clock.t - 60 * MIN).toISOString()));
  });

  test('batching: three messages and an offer within the window are one notification; a later message is another', async () => {
    const { conv, staff, write } = await setUp({ channels: ['sms'] });
    const m = marks();
    await write('Hej!');
    await tickAfter(1 * MIN);
    await write('En sak till.');
    await tickAfter(1 * MIN);
    const offer = await staff(`/conversations/${conv.id}/messages`, { method: 'POST', body: JSON.stringify({ kind: 'booking', text: 'Välj en tid.', payload: { slots: [{ id: 's1', start: '2030-01-01T09:00:00Z', end: '2030-01-01T09:20:00Z', type: 'visit' }] } }) });
    assert.equal(offer.status, 201);
    await tickAfter(3 * MIN);
    await until(() => since(m).sms.length === 1);
    await tickAfter(10 * MIN);
    assert.equal(since(m).sms.length, 1, 'one for the batch');
    await write('Och en sak till.');
    await tickAfter(5 * MIN);
    await until(() => since(m).sms.length === 2, 'a later message is notified again');
  });

  test('a handover and a clinic-started conversation notify too', async () => {
    const { p, conv, staff } = await setUp({ channels: ['sms'] });
    const m = marks();
    assert.equal((await staff(`/conversations/${conv.id}/handover`, { method: 'POST', body: JSON.stringify({ queue: 'doctor' }) })).status, 200);
    await tickAfter(5 * MIN);
    await until(() => since(m).sms.length === 1, 'the handover');
    const started = await staff('/conversations', { method: 'POST', body: JSON.stringify({ patient: p.subject, text: 'Hej, vi vill följa upp ditt besök.' }) });
    assert.equal(started.status, 201, await started.clone().text());
    await tickAfter(5 * MIN);
    await until(() => since(m).sms.length === 2, 'the clinic-started conversation');
  });

  test('quiet hours (21–07 Stockholm): held until 07:00, then sent', async () => {
    clock.t = Date.parse('2026-12-02T21:00:00Z'); // 22:00 in Stockholm
    const { write } = await setUp({ channels: ['sms'] });
    const m = marks();
    await write();
    await tickAfter(5 * MIN);
    await tickAfter(3 * 60 * MIN); // 01:05
    assert.equal(since(m).sms.length, 0, 'nothing at night');
    clock.t = Date.parse('2026-12-03T05:59:00Z'); // 06:59
    await h.s.notify.notifier.tick();
    assert.equal(since(m).sms.length, 0, 'still quiet at 06:59');
    clock.t = Date.parse('2026-12-03T06:00:00Z'); // 07:00
    await h.s.notify.notifier.tick();
    await until(() => since(m).sms.length === 1, 'sent at 07:00');
  });

  test('a channel that fails is tried again with backoff; the others are sent at once; a final failure is not retried', async () => {
    const { conv, staff, write } = await setUp({ channels: ['email', 'sms'] });
    const m = marks();
    sms.fail.push(503, 502);
    await write();
    await tickAfter(5 * MIN);
    await until(() => since(m).mails.length === 1 && since(m).sms.length === 1, 'e-mail sent; SMS tried once');
    assert.equal(since(m).sms[0].status, 503);
    await tickAfter(1 * MIN);
    await until(() => since(m).sms.length === 2, 'second try after 1 minute');
    await tickAfter(1 * MIN);
    assert.equal(since(m).sms.length, 2, 'the third waits 2 minutes (doubling)');
    await tickAfter(1 * MIN);
    await until(() => since(m).sms.length === 3 && since(m).sms[2].status === 200, 'third try succeeds');
    const detail = await (await staff(`/conversations/${conv.id}`)).json();
    assert.deepEqual(detail.notified.map((n) => n.channel).sort(), ['email', 'sms']);

    // a 400 is final: not tried again
    sms.fail.push(400);
    await write('igen');
    await tickAfter(5 * MIN);
    await until(() => since(m).sms.length === 4);
    await tickAfter(30 * MIN);
    assert.equal(since(m).sms.length, 4);
    const failed = (await h.s.store.listNotifyDeliveries((await h.s.store.findConversation(conv.id)).patient)).filter((d) => d.status === 'failed');
    assert.deepEqual(failed.map((d) => [d.channel, d.error]), [['sms', 'sms-400']]);
  });

  test('no notification while the patient has a stream open; after they leave, the next message notifies', async () => {
    const { p, write } = await setUp({ channels: ['sms'] });
    const m = marks();
    const ctrl = new AbortController();
    const res = await fetch(`${h.s.listenUrl}/api/events`, { headers: { authorization: `Bearer ${p.token}` }, signal: ctrl.signal });
    assert.equal(res.status, 200);
    await until(() => h.s.hub.streamsOf(p.subject) === 1, 'the stream is open');
    await write();
    await tickAfter(5 * MIN);
    await tickAfter(30 * MIN);
    assert.equal(since(m).sms.length, 0);
    const skipped = (await h.s.store.listNotifyDeliveries(p.subject)).filter((d) => d.status === 'skipped');
    assert.deepEqual(skipped.map((d) => d.error), ['online']);
    ctrl.abort();
    await until(() => h.s.hub.streamsOf(p.subject) === 0, 'the stream is closed');
    await write('Hej igen');
    await tickAfter(5 * MIN);
    await until(() => since(m).sms.length === 1);
  });

  test('read before the window ends: nothing is sent', async () => {
    const { p, conv, write } = await setUp({ channels: ['sms'] });
    const m = marks();
    const msg = await (await write()).json();
    assert.equal((await p.as(`/conversations/${conv.id}/read`, { method: 'POST', body: JSON.stringify({ messageId: msg.id }) })).status, 204);
    await tickAfter(5 * MIN);
    assert.equal(since(m).sms.length, 0);
    assert.deepEqual((await h.s.store.listNotifyDeliveries(p.subject)).map((d) => [d.status, d.error]), [['skipped', 'read']]);
  });

  test('withdrawal: a withdrawn channel gets nothing, the others still do', async () => {
    const { p, write } = await setUp({ channels: ['email', 'sms'] });
    const m = marks();
    assert.equal((await p.as('/notifications/sms', { method: 'DELETE' })).status, 204);
    assert.equal((await p.as('/notifications/sms', { method: 'DELETE' })).status, 204, 'idempotent');
    await write();
    await tickAfter(5 * MIN);
    await until(() => since(m).mails.length === 1);
    assert.equal(since(m).sms.length, 0);
    // withdrawn while a delivery waits for its retry: the retry is dropped
    assert.equal((await p.as('/notifications/email', { method: 'DELETE' })).status, 204);
    const settings = await (await p.as('/notifications')).json();
    assert.deepEqual(settings.channels, []);
    await write('igen');
    await tickAfter(5 * MIN);
    assert.equal(since(m).mails.length, 1);
  });

  test('the confirmation code: hashed at rest, wrong code, five tries, expiry after 10 minutes; an unconfirmed channel gets nothing', async () => {
    const p = await h.patient();
    const put = (address) => p.as('/notifications/sms', { method: 'PUT', body: JSON.stringify({ address }) });
    const confirm = (code) => p.as('/notifications/sms/confirm', { method: 'POST', body: JSON.stringify({ code }) });
    const lastCode = () => /\b(\d{6})\b/.exec(JSON.parse(sms.requests.at(-1).body).text)[1];
    for (const bad of ['0701234567x', '+46812345678', '+4670123456', '+467012345678', '+15551234567']) {
      const r = await put(bad);
      assert.equal(r.status, 422, bad);
      assert.equal((await r.json()).code, 'invalid-address');
    }
    assert.equal((await p.as('/notifications/email', { method: 'PUT', body: JSON.stringify({ address: 'inte en adress' }) })).status, 422);
    assert.equal((await (await p.as('/notifications/webpush', { method: 'PUT', body: JSON.stringify({ subscription: { ...browserSubscription('https://evil.example/push').subscription } }) })).json()).code, 'push-endpoint-not-allowed');
    assert.equal((await confirm('123456')).status, 404, 'no code pending');

    let m = marks();
    const set = await (await put('+46731234567')).json();
    assert.deepEqual(set.channels, [{ channel: 'sms', address: '+46731234567', confirmed: false, codeExpiresAt: new Date(clock.t + 10 * MIN).toISOString() }]);
    await until(() => since(m).sms.length === 1);
    const code = lastCode();
    assert.match(JSON.parse(sms.requests.at(-1).body).text, new RegExp(`^Din kod för aviseringar från ${CLINIC} är ${code}\\. Den gäller i 10 minuter\\.`));
    const row = h.s.db.prepare("select * from notify_channels where patient = ?").get(p.subject);
    assert.ok(row.code_hash && !row.code_hash.includes(code), 'the code is stored hashed');

    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 1; i <= 4; i++) {
      const r = await confirm(wrong);
      assert.equal(r.status, 422);
      assert.equal((await r.json()).code, 'wrong-code');
    }
    const fifth = await confirm(wrong);
    assert.equal(fifth.status, 410, 'the fifth wrong try uses the code up');
    assert.equal((await (await confirm(code)).json()).code, 'code-expired', 'the right code no longer works');

    // unconfirmed: a clinician's message notifies no one
    const conv = await (await p.as('/conversations', { method: 'POST', body: JSON.stringify({ mode: 'async', reason: 'advice' }) })).json();
    const staff = await h.staff();
    m = marks();
    await staff(`/conversations/${conv.id}/messages`, { method: 'POST', body: JSON.stringify({ kind: 'text', text: SECRET }) });
    await tickAfter(5 * MIN);
    assert.equal(since(m).sms.length, 0);

    // a new code, which expires after 10 minutes
    await put('+46731234567');
    await until(() => since(m).sms.length === 1);
    const code2 = lastCode();
    clock.t += 10 * MIN;
    assert.equal((await confirm(code2)).status, 410, 'expired');
    // and one in time works
    await put('+46731234567');
    await until(() => since(m).sms.length === 2);
    clock.t += 9 * MIN;
    const ok = await (await confirm(lastCode())).json();
    assert.deepEqual(ok.channels, [{ channel: 'sms', address: '+46731234567', confirmed: true }]);
    assert.equal(h.s.db.prepare("select code_hash from notify_channels where patient = ?").get(p.subject).code_hash, null, 'the code is gone once used');
  });

  test('GET /notifications: available channels, the VAPID key, the clinic name', async () => {
    const p = await h.patient();
    const r = await (await p.as('/notifications')).json();
    assert.deepEqual(r, { available: ['sms', 'email', 'webpush'], clinicName: CLINIC, vapidPublicKey: vapid.publicKey, channels: [] });
    assert.equal((await h.api('/api/notifications')).status, 401, 'a session is needed');
  });
});

test('with no channel configured: available is empty and setting one is refused', async () => {
  const lines = [];
  const { s, patient } = await start({ notify: { log: (l) => lines.push(l) } });
  try {
    const p = await patient();
    const r = await (await p.as('/notifications')).json();
    assert.deepEqual(r.available, []);
    const put = await p.as('/notifications/sms', { method: 'PUT', body: JSON.stringify({ address: '+46701234567' }) });
    assert.equal(put.status, 422);
    assert.equal((await put.json()).code, 'channel-unavailable');
  } finally {
    await s.close();
  }
});

test('readNotifyEnv: every variable, and an error naming the one that is wrong (never echoing a secret)', async () => {
  const { readNotifyEnv } = await import('../../../dist/server/app.js');
  assert.deepEqual(readNotifyEnv({}), {});
  const keys = vapidKeys();
  const env = {
    VARD_CLINIC_NAME: CLINIC, VARD_CLINIC_URL: CLINIC_URL, SMTP_URL: 'smtps://user:pass@smtp.example.se:465', SMTP_FROM: 'Vårdcentralen <noreply@example.se>',
    SMS_WEBHOOK_URL: 'https://sms.example.se/send', SMS_WEBHOOK_TOKEN: 'tok', VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey,
    VAPID_SUBJECT: 'mailto:it@example.se', VARD_PUSH_ORIGINS: 'https://fcm.googleapis.com', VARD_NOTIFY_QUIET: '22-06', VARD_NOTIFY_BATCH_MINUTES: '10',
  };
  assert.deepEqual(readNotifyEnv(env), {
    clinicName: CLINIC, clinicUrl: CLINIC_URL, smtp: { url: env.SMTP_URL, from: env.SMTP_FROM }, sms: { url: env.SMS_WEBHOOK_URL, token: 'tok' },
    vapid: { publicKey: keys.publicKey, privateKey: keys.privateKey, subject: env.VAPID_SUBJECT }, pushOrigins: ['https://fcm.googleapis.com'],
    quiet: { from: 22, to: 6 }, batchMinutes: 10,
  });
  assert.equal(readNotifyEnv({ VARD_NOTIFY_QUIET: 'off' }).quiet, null);
  for (const [bad, name] of [
    [{ SMTP_URL: 'http://x' }, 'SMTP_URL'], [{ SMTP_URL: 'smtp://u:secretpw@x' }, 'SMTP_FROM'], [{ VAPID_PUBLIC_KEY: 'x' }, 'VAPID_PUBLIC_KEY'],
    [{ VARD_NOTIFY_QUIET: '21' }, 'VARD_NOTIFY_QUIET'], [{ VARD_NOTIFY_BATCH_MINUTES: '-1' }, 'VARD_NOTIFY_BATCH_MINUTES'], [{ SMS_WEBHOOK_URL: 'ftp://x' }, 'SMS_WEBHOOK_URL'],
    [{ VARD_CLINIC_NAME: '<b>x</b>' }, 'VARD_CLINIC_NAME'],
  ]) {
    assert.throws(() => readNotifyEnv(bad), (err) => err.message.startsWith(name) && !err.message.includes('secretpw'), JSON.stringify(bad));
  }
});
