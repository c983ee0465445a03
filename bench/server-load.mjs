// Load generation for `npm run bench:server` (and the two-process tests): server processes on
// loopback, dev sessions, SSE streams opened by the thousand, latency percentiles. Everything is
// bounded in count and time; nothing leaves 127.0.0.1.
import { spawn } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '../test/support/postgres.mjs';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** The server's app module: the built TypeScript server (npm run build:server), else the JS one. */
export function serverEntry() {
  const built = join(root, 'dist', 'server', 'app.js');
  if (existsSync(built)) return built;
  return join(root, 'server', 'app.js');
}

/**
 * Starts one server process on 127.0.0.1 and waits until it answers.
 * @param {{ databaseUrl?: string, sqliteFile?: string, env?: Record<string,string>, options?: object }} opts
 */
export async function startServerProcess(opts = {}) {
  const port = await freePort();
  const options = {
    port, host: '127.0.0.1', devLogin: true, oidc: false,
    db: opts.sqliteFile ?? ':memory:',
    ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
    ...(opts.options ?? {}),
  };
  const script = `
    const { startServer } = await import(${JSON.stringify(pathToFileURL(serverEntry()).href)});
    const s = await startServer(JSON.parse(process.env.VARD_BENCH_OPTIONS));
    process.send?.({ ready: s.listenUrl ?? s.url });
    const stop = async () => { await s.close(); process.exit(0); };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    env: { ...process.env, ...(opts.env ?? {}), VARD_BENCH_OPTIONS: JSON.stringify(options), ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log = (log + d).slice(-4000)));
  child.stderr.on('data', (d) => (log = (log + d).slice(-4000)));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${log}`)), 60_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m.ready);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} while starting:\n${log}`));
    });
  });
  return {
    url, port, pid: child.pid, child,
    log: () => log,
    /** Resident set size of the server process, bytes (from /proc). */
    rss() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : NaN;
    },
    /** SIGKILL: the process dies mid-conversation, as a crash would. */
    kill() {
      child.kill('SIGKILL');
      return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once('exit', r)));
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

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
