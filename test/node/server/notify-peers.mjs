// Real protocol peers for the notification tests: an SMTP server (smtp-server) whose mails are
// parsed with mailparser, an HTTP endpoint for the SMS webhook, and an HTTP endpoint standing in
// for a browser's push service; plus a browser's push subscription keys (P-256, auth secret) so
// the test can decrypt what the push service received. Each listens on a free port of 127.0.0.1.
import { createServer } from 'node:http';
import * as nodeCrypto from 'node:crypto';
import { createECDH, randomBytes } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import webpush from 'web-push';

/** Waits until `check()` is true (bounded by the test's own timeout; no timed assertion). */
export async function until(check, what = 'condition') {
  for (let i = 0; ; i++) {
    if (await check()) return;
    if (i > 3000) throw new Error(`never true: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server ?? server).address().port)));
const close = (server) => new Promise((resolve) => server.close(() => resolve()));

export async function smtpSink() {
  const mails = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, _session, cb) {
      simpleParser(stream).then((mail) => { mails.push(mail); cb(); }, cb);
    },
  });
  const port = await listen(server);
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => close(server) };
}

/** An HTTP endpoint that records each request; `fail` holds statuses to answer before 2xx. */
export async function httpSink(okStatus = 200) {
  const requests = [];
  const fail = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const status = fail.length ? fail.shift() : okStatus;
      requests.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks), status });
      res.writeHead(status).end();
    });
  });
  const port = await listen(server);
  const origin = `http://127.0.0.1:${port}`;
  return { origin, url: `${origin}/sms`, requests, fail, ok: () => requests.filter((r) => r.status < 300), close: () => close(server) };
}

/** A browser's push subscription to `endpoint`, with the keys to decrypt what is sent to it. */
export function browserSubscription(endpoint) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    subscription: { endpoint, expirationTime: null, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } },
    ecdh,
    auth,
  };
}

export const vapidKeys = () => webpush.generateVAPIDKeys();

/**
 * Decrypts a Web Push body (RFC 8291 on RFC 8188 aes128gcm), written from the RFCs here rather
 * than with web-push's own library, so the test checks the encryption independently.
 */
export function decryptPush(body, { ecdh, auth }) {
  const { createHmac, createDecipheriv } = nodeCrypto;
  const hmac = (key, data) => createHmac('sha256', key).update(data).digest();
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  const asPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  if (record.length > rs) throw new Error('more than one record');
  const uaPublic = ecdh.getPublicKey();
  const secret = ecdh.computeSecret(asPublic);
  const prkKey = hmac(auth, secret);
  const ikm = hmac(prkKey, Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const d = createDecipheriv('aes-128-gcm', cek, nonce);
  d.setAuthTag(record.subarray(record.length - 16));
  const plain = Buffer.concat([d.update(record.subarray(0, record.length - 16)), d.final()]);
  const end = plain.lastIndexOf(2);
  if (end < 0) throw new Error('no last-record delimiter');
  return plain.subarray(0, end).toString('utf8');
}
