// @ts-nocheck
// Server processes for tests and the server bench: the reference server started in a child
// process of its own on 127.0.0.1 (SQLite file or DATABASE_URL), its RSS read from /proc, killed
// with SIGKILL when a test wants a crash.
import { spawn } from 'node:child_process';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from './postgres.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** The server's app module: the built TypeScript server (npm run build:server), else the JS one. */
export function serverEntry() {
  const built = join(root, 'dist', 'server', 'app.js');
  if (existsSync(built)) return built;
  return join(root, 'server', 'app.js');
}

/**
 * Starts one server process on 127.0.0.1 and waits until it answers.
 * @param {{ databaseUrl?: string, sqliteFile?: string, env?: Record<string,string>, options?: object, nodeArgs?: string[] }} opts
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
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--input-type=module', '-e', script], {
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
    /** CPU time (user + system) the process has used, ms: a figure the machine's other load does not inflate. */
    cpuMs() {
      return processCpuMs(child.pid);
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


/** CPU time (user + system) of one process, ms, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU time of a process and all its descendants (a PostgreSQL postmaster and its backends), ms. */
export function treeCpuMs(pid) {
  const parent = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone */ }
  }
  let total = 0;
  for (const [p] of parent) {
    let q = p;
    for (let i = 0; i < 10 && q && q !== pid; i++) q = parent.get(q);
    if (q === pid) total += processCpuMs(p);
  }
  return total;
}
