// Load generation for `npm run bench:server` (and the two-process tests): server processes on
// loopback, dev sessions, SSE streams opened by the thousand, latency percentiles. Everything is
// bounded in count and time; nothing leaves 127.0.0.1.
import http from 'node:http';
export { root, serverEntry, startServerProcess, treeCpuMs } from '../test/support/server-process.mjs';

/** A keep-alive agent per base URL for the API calls (not for streams). */
const agents = new Map();
function agentFor(base) {
  if (!agents.has(base)) agents.set(base, new http.Agent({ keepAlive: true, maxSockets: 64 }));
  return agents.get(base);
}

/** JSON request → { status, body, ms }. */
export function request(base, method, path, { token, body, origin } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(base + path, {
      method, agent: agentFor(base),
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(data !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
        ...(origin ? { origin } : {}),
      },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        let parsed;
        try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = text; }
        resolve({ status: res.statusCode ?? 0, body: parsed, ms: performance.now() - started });
      });
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout ${method} ${path}`)));
    req.on('error', reject);
    req.end(data);
  });
}

/** A dev patient session: { token, subject }. */
export async function patient(base, name = 'Test Testsson') {
  const r = await request(base, 'POST', '/dev/session', { body: { name } });
  if (r.status !== 200) throw new Error(`dev session: ${r.status} ${JSON.stringify(r.body)}`);
  return { token: r.body.token, subject: r.body.subject };
}

/** A dev staff session (DEV_LOGIN console login by name and queue). */
export async function staff(base, name = 'Anna Svensson', queue = 'nurse') {
  const r = await request(base, 'POST', '/console/api/login', { body: { name, queue } });
  if (r.status !== 200) throw new Error(`staff login: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/** A clinic-started async conversation with this patient (assigned to the clinician). */
export async function conversationWith(base, staffToken, subject) {
  const r = await request(base, 'POST', '/console/api/conversations', { token: staffToken, body: { patient: subject, mode: 'async', text: 'Hej! Hur mår du?' } });
  if (r.status !== 201) throw new Error(`start conversation: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

/** Runs `fn` over `items` with at most `limit` at once. */
export async function pool(items, limit, fn) {
  const out = new Array(items.length);
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (i < items.length) {
      const k = i++;
      out[k] = await fn(items[k], k);
    }
  }));
  return out;
}

/**
 * Opens one SSE stream; resolves when the server's first block (": connected") arrived, or with
 * `{ status }` when refused. `onEvent({ id, data, at })` gets each event with its arrival time.
 */
export function openStream(base, token, { lastEventId, onEvent, onClose } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(base + '/api/events', {
      agent: false,
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve({ status: res.statusCode, close: () => req.destroy() });
        return;
      }
      res.setEncoding('utf8');
      let buf = '';
      let opened = false;
      const stream = { status: 200, lastId: lastEventId, close: () => req.destroy() };
      res.on('data', (chunk) => {
        const at = performance.now();
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (!opened) {
            opened = true;
            resolve(stream);
          }
          const id = /^id: (.*)$/m.exec(block)?.[1];
          if (id !== undefined) stream.lastId = id;
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data !== undefined) onEvent?.({ id, data: JSON.parse(data), at });
        }
      });
      res.on('close', () => onClose?.());
      res.on('error', () => undefined);
    });
    req.on('error', (err) => reject(err));
    req.setTimeout(0);
    req.end();
  });
}

/** p50/p95/p99/max of numbers (ms). */
export function percentiles(values) {
  const s = [...values].sort((a, b) => a - b);
  const at = (p) => (s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN);
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1] ?? NaN };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
