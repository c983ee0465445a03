/** Options of startServer, and where the project's files are. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ServerOptions {
  /** SQLite file, `:memory:` by default (when there is no databaseUrl). */
  db?: string;
  /** PostgreSQL (DATABASE_URL): several processes on one database. Unset: SQLite in `db`. */
  databaseUrl?: string;
  /** DATABASE_LISTEN_URL: the direct URL for LISTEN and migrations when databaseUrl is a transaction-mode pooler. */
  databaseListenUrl?: string;
  /** VARD_PG_POOL_MAX: query connections per process (PostgreSQL). */
  pgPoolMax?: number;
  /** 0 (a free port) by default. */
  port?: number;
  /** 127.0.0.1 by default. */
  host?: string;
  /** CORS: which other origins (same site) may call the API with credentials. */
  allowOrigin?: (origin: string) => boolean;
  /** POST /dev/session and the /dev/* test hooks (never in production). */
  devLogin?: boolean;
  /** Rate limit of message sends and conversation starts per session (per minute). */
  sendsPerMinute?: number;
  /** Concurrent event streams per patient; more → 429 `too-many-streams` (default 5). */
  maxStreamsPerPatient?: number;
  /** SSE heartbeat interval. */
  heartbeatMs?: number;
  /** Events kept for resume. */
  eventRetention?: number;
  /** The embedded pretend e-ID provider's port: 0 (a free port) by default; `npm run serve` gives it IDP_PORT. */
  idpPort?: number;
  /** The embedded pretend e-ID provider (on by default); `false` for none. */
  oidc?: false | { issuer?: string };
  /** Serve /demo/ and /dist/ from this folder (the demo). */
  staticRoot?: string;
  /** The origin browsers use, when behind a proxy. */
  publicOrigin?: string;
  /**
   * Test hook (off by default): hold every patient message acknowledgement (PUT …/messages/{clientId})
   * this long after the message is stored.
   */
  ackDelayMs?: number;
}

/** The project folder (the one with the package.json named vard-chat), from this module's place. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'vard-chat') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('the project folder (package.json "vard-chat") was not found above the server');
    dir = up;
  }
}

/** The environment the server reads (once, at start). Nothing else reads process.env. */
export interface EnvConfig {
  port: number;
  /** IDP_PORT: the pretend e-ID provider's fixed port (default PORT + 1, so 8788; 0 with PORT=0). */
  idpPort: number;
  host: string;
  publicOrigin: string;
  /** SQLite file. */
  db: string;
  /** DATABASE_URL (PostgreSQL), when set. */
  databaseUrl: string | undefined;
  databaseListenUrl: string | undefined;
  pgPoolMax: number;
  devLogin: boolean;
  allowOrigins: string[];
  sendsPerMinute: number;
  maxStreamsPerPatient: number;
}

/** Reads and checks the environment; throws naming the variable that is wrong. */
export function readEnv(env: NodeJS.ProcessEnv, root: string): EnvConfig {
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw.slice(0, 40)}")`);
    return n;
  };
  const origin = (name: string, raw: string): string => {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new Error(`${name}: "${raw.slice(0, 80)}" is not an origin (like https://chat.clinic.example)`);
    }
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin !== raw.replace(/\/$/, '')) throw new Error(`${name}: "${raw.slice(0, 80)}" is not an origin (scheme, host and port only)`);
    return u.origin;
  };
  const port = int('PORT', 8787, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const devLogin = env.DEV_LOGIN === '1';
  if (env.DEV_LOGIN !== undefined && env.DEV_LOGIN !== '' && env.DEV_LOGIN !== '1' && env.DEV_LOGIN !== '0') throw new Error('DEV_LOGIN must be 1 or 0');
  return {
    port,
    idpPort: int('IDP_PORT', port === 0 ? 0 : port + 1, 0, 65535),
    host,
    publicOrigin: env.PUBLIC_ORIGIN ? origin('PUBLIC_ORIGIN', env.PUBLIC_ORIGIN) : `http://localhost:${port}`,
    db: env.VARD_DB || join(root, '.data', 'chat.sqlite'),
    databaseUrl: postgresUrl('DATABASE_URL', env.DATABASE_URL),
    databaseListenUrl: postgresUrl('DATABASE_LISTEN_URL', env.DATABASE_LISTEN_URL),
    pgPoolMax: int('VARD_PG_POOL_MAX', 10, 1, 1000),
    devLogin,
    allowOrigins: (env.ALLOW_ORIGINS ?? '').split(',').map((x) => x.trim()).filter(Boolean).map((x) => origin('ALLOW_ORIGINS', x)),
    sendsPerMinute: int('VARD_SENDS_PER_MINUTE', 30, 1, 1_000_000),
    maxStreamsPerPatient: int('VARD_MAX_STREAMS_PER_PATIENT', 5, 1, 1000),
  };
}

/** A postgres:// URL, or undefined when unset; never echoes the value (it may hold a password). */
function postgresUrl(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^postgres(ql)?:\/\//i.test(raw)) throw new Error(`${name} must start with postgres:// or postgresql:// (leave DATABASE_URL unset for SQLite in VARD_DB)`);
  try {
    new URL(raw);
  } catch {
    throw new Error(`${name} is not a valid URL`);
  }
  return raw;
}
