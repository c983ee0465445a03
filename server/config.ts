/** Options of startServer, and where the project's files are. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AttachmentScanner } from './attachments/scanner.js';
import type { NotifyOptions } from './notify/config.js';
import type { MessageTemplate } from '../src/protocol/templates.js';

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
  /**
   * The e-ID broker (OpenID Connect). Without an `issuer` the embedded pretend e-ID provider
   * starts (development only, with a loud warning); `false` for no login at all.
   */
  oidc?: false | OidcOptions;
  /**
   * VARD_SECRET: the server secret the per-patient subject and storage key are derived from
   * (HMAC-SHA-256). Without it a random one per process (subjects and keys change at restart).
   */
  secret?: string;
  /**
   * The staff IdP for the console's login (STAFF_OIDC_*). Unset: the dev provider's staff client
   * (when the dev provider runs); `false`: no staff login but the development one.
   */
  staffOidc?: false | { issuer: string; clientId: string; clientSecret: string };
  /** Sliding idle timeout of patient and staff sessions, seconds (default 900). */
  sessionIdleSeconds?: number;
  /** Absolute cap of a session from its login, seconds (default 14400). */
  sessionMaxSeconds?: number;
  /** State-changing requests per patient and per clinician per minute (default the larger of 240 and twice sendsPerMinute). */
  writesPerMinute?: number;
  /** State-changing requests and login starts per client IP per minute (default the larger of 2,400 and ten times writesPerMinute). */
  ipWritesPerMinute?: number;
  /** How often expired logins and sessions, and events beyond the retention, are purged (ms; default 60,000). */
  purgeIntervalMs?: number;
  /** Test hook: the sessions' clock (epoch ms). */
  clock?: () => number;
  /** The embedded pretend e-ID provider's port: 0 (a free port) by default; `npm run serve` gives it IDP_PORT. */
  idpPort?: number;
  /** Serve /demo/ and /dist/ from this folder (the demo). */
  staticRoot?: string;
  /** The origin browsers use, when behind a proxy. */
  publicOrigin?: string;
  /**
   * Test hook (off by default): hold every patient message acknowledgement (PUT …/messages/{clientId})
   * this long after the message is stored.
   */
  ackDelayMs?: number;
  /** The clinic's virus scanner for attachments (default: the reference, which rejects only the EICAR test file). */
  scanner?: AttachmentScanner;
  /** The clinic's message templates for the console (VARD_TEMPLATES; readTemplatesEnv reads the file). Default: the built-in ones. */
  templates?: readonly MessageTemplate[];
  /** Notifications (server/notify/; readNotifyEnv reads them from the environment). */
  notify?: NotifyOptions;
}

/** The e-ID broker: a clinic's OpenID Provider (BankID and Freja eID through one broker). */
export interface OidcOptions {
  /** OIDC_ISSUER. Unset: the embedded pretend e-ID provider. */
  issuer?: string;
  /** OIDC_CLIENT_ID: the server's (confidential) client at the broker. */
  clientId?: string;
  /** OIDC_CLIENT_SECRET: `client_secret_basic`. */
  clientSecret?: string;
  /** OIDC_PRIVATE_KEY_FILE's PEM (PKCS#8, RSA or EC P-256): `private_key_jwt` instead of a secret. */
  privateKeyPem?: string;
  /** OIDC_PRIVATE_KEY_ID: the `kid` of that key at the broker, when it wants one. */
  privateKeyId?: string;
  /** `acr_values` that mean BankID and Freja eID (OIDC_ACR_BANKID, OIDC_ACR_FREJA). */
  acr?: Partial<Record<'bankid' | 'freja', string>>;
  /** OIDC_PERSONAL_NUMBER_CLAIM: the claim that carries the personal identity number. */
  personalNumberClaim?: string;
  /** OIDC_SCOPE: what the login asks for (default `openid profile`; some brokers need a scope for the number). */
  scope?: string;
  /** OIDC_API_AUDIENCE: the `aud` a bearer access token for this server's /api must carry. */
  audience?: string;
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
  writesPerMinute: number;
  ipWritesPerMinute: number;
  sessionIdleSeconds: number;
  sessionMaxSeconds: number;
  /** STAFF_OIDC_*: the staff IdP; undefined → the dev provider's staff client. */
  staffOidc: { issuer: string; clientId: string; clientSecret: string } | undefined;
  /** The e-ID broker; `issuer` undefined → the pretend e-ID provider. */
  oidc: Required<Pick<OidcOptions, 'acr' | 'personalNumberClaim'>> & Omit<OidcOptions, 'acr' | 'personalNumberClaim' | 'privateKeyPem'> & { privateKeyFile?: string };
  /** VARD_SECRET, when set. */
  secret: string | undefined;
}

/** Defaults of the broker settings: Idura-style acr values, the Swedish OIDC profile's claim. */
export const OIDC_DEFAULTS = {
  acr: { bankid: 'urn:grn:authn:se:bankid', freja: 'urn:grn:authn:se:frejaid' },
  personalNumberClaim: 'https://id.oidc.se/claim/personalIdentityNumber',
} as const;

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
    writesPerMinute: int('VARD_WRITES_PER_MINUTE', 240, 1, 1_000_000),
    ipWritesPerMinute: int('VARD_IP_WRITES_PER_MINUTE', 2400, 1, 10_000_000),
    sessionIdleSeconds: int('VARD_SESSION_IDLE_SECONDS', 900, 10, 86_400),
    sessionMaxSeconds: int('VARD_SESSION_MAX_SECONDS', 14_400, 60, 7 * 86_400),
    staffOidc: staffOidc(env),
    oidc: readOidc(env),
    secret: readSecret(env.VARD_SECRET),
  };
}

/** STAFF_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET: all three or none (the secret is never echoed). */
function staffOidc(env: NodeJS.ProcessEnv): EnvConfig['staffOidc'] {
  const issuer = env.STAFF_OIDC_ISSUER || undefined;
  const clientId = env.STAFF_OIDC_CLIENT_ID || undefined;
  const clientSecret = env.STAFF_OIDC_CLIENT_SECRET || undefined;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) throw new Error('STAFF_OIDC_ISSUER, STAFF_OIDC_CLIENT_ID and STAFF_OIDC_CLIENT_SECRET go together: set all three, or none for the dev provider');
  checkIssuer('STAFF_OIDC_ISSUER', issuer);
  return { issuer, clientId, clientSecret };
}

/** An issuer is an https URL (http only on localhost, for tests); the error names the variable. */
function checkIssuer(name: string, issuer: string): void {
  let u: URL;
  try {
    u = new URL(issuer);
  } catch {
    throw new Error(`${name}: "${issuer.slice(0, 80)}" is not a URL`);
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1'))) throw new Error(`${name} must be https (http only on localhost, for tests)`);
}

/** The OIDC_* variables; an issuer needs a client id and a secret or a private key. Never echoes a secret. */
function readOidc(env: NodeJS.ProcessEnv): EnvConfig['oidc'] {
  const text = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    if (raw.length > 2000) throw new Error(`${name} is too long`);
    return raw;
  };
  const issuer = text('OIDC_ISSUER');
  if (issuer) checkIssuer('OIDC_ISSUER', issuer);
  const clientId = text('OIDC_CLIENT_ID');
  const clientSecret = text('OIDC_CLIENT_SECRET');
  const privateKeyFile = text('OIDC_PRIVATE_KEY_FILE');
  if (issuer && !clientId) throw new Error('OIDC_CLIENT_ID is needed with OIDC_ISSUER');
  if (issuer && !clientSecret && !privateKeyFile) throw new Error('OIDC_CLIENT_SECRET (or OIDC_PRIVATE_KEY_FILE) is needed with OIDC_ISSUER');
  if (clientSecret && privateKeyFile) throw new Error('OIDC_CLIENT_SECRET and OIDC_PRIVATE_KEY_FILE: set one, not both');
  const privateKeyId = text('OIDC_PRIVATE_KEY_ID');
  const audience = text('OIDC_API_AUDIENCE');
  const scope = text('OIDC_SCOPE');
  if (scope && !/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/.test(scope)) throw new Error('OIDC_SCOPE: scopes separated by single spaces');
  return {
    acr: { bankid: text('OIDC_ACR_BANKID') ?? OIDC_DEFAULTS.acr.bankid, freja: text('OIDC_ACR_FREJA') ?? OIDC_DEFAULTS.acr.freja },
    personalNumberClaim: text('OIDC_PERSONAL_NUMBER_CLAIM') ?? OIDC_DEFAULTS.personalNumberClaim,
    ...(issuer ? { issuer } : {}), ...(clientId ? { clientId } : {}), ...(clientSecret ? { clientSecret } : {}),
    ...(privateKeyFile ? { privateKeyFile } : {}), ...(privateKeyId ? { privateKeyId } : {}), ...(audience ? { audience } : {}), ...(scope ? { scope } : {}),
  };
}

/** VARD_SECRET: at least 32 characters (a random 32-byte base64 string is 44). */
function readSecret(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 32) throw new Error('VARD_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`)');
  return raw;
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
