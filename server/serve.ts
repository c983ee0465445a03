/**
 * `npm run serve` (after the build) / `node dist/server/serve.js`: the reference server with the
 * demo page wired to it, the BFF login with the pretend e-ID provider, and the clinician
 * console. Configuration from the environment (docs/server.md); state in a SQLite file.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { projectRoot, readEnv } from './config.js';
import { startServer } from './app.js';
import { readNotifyEnv } from './notify/config.js';
import { readTemplatesEnv } from './services/templates.js';

const root = projectRoot();
let config;
let notify;
let templates;
try {
  config = readEnv(process.env, root);
  notify = readNotifyEnv(process.env);
  templates = readTemplatesEnv(process.env);
} catch (err) {
  console.error(`Vård Chat reference server: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
// the database's folder only for this user (0700); the file itself is made 0600 by the store
if (!config.databaseUrl && config.db !== ':memory:') mkdirSync(dirname(config.db), { recursive: true, mode: 0o700 });
const allowed = new Set(config.allowOrigins);
const { privateKeyFile, ...oidc } = config.oidc;
let privateKeyPem: string | undefined;
try {
  privateKeyPem = privateKeyFile ? readFileSync(privateKeyFile, 'utf8') : undefined;
} catch {
  console.error('Vård Chat reference server: OIDC_PRIVATE_KEY_FILE cannot be read');
  process.exit(1);
}

const s = await startServer({
  port: config.port,
  idpPort: config.idpPort,
  host: config.host,
  publicOrigin: config.publicOrigin,
  db: config.db,
  ...(config.databaseUrl ? { databaseUrl: config.databaseUrl, pgPoolMax: config.pgPoolMax } : {}),
  ...(config.databaseListenUrl ? { databaseListenUrl: config.databaseListenUrl } : {}),
  staticRoot: root,
  devLogin: config.devLogin,
  sendsPerMinute: config.sendsPerMinute,
  maxStreamsPerPatient: config.maxStreamsPerPatient,
  writesPerMinute: config.writesPerMinute,
  ipWritesPerMinute: config.ipWritesPerMinute,
  sessionIdleSeconds: config.sessionIdleSeconds,
  sessionMaxSeconds: config.sessionMaxSeconds,
  ...(config.staffOidc ? { staffOidc: config.staffOidc } : {}),
  oidc: { ...oidc, ...(privateKeyPem ? { privateKeyPem } : {}) },
  ...(config.secret ? { secret: config.secret } : {}),
  // other same-site origins whose pages may call the API with the cookie, e.g. ALLOW_ORIGINS=http://localhost:8000
  allowOrigin: (o) => allowed.has(o),
  notify,
  ...(templates ? { templates } : {}),
});
console.log(`Vård Chat reference server: ${s.url}
  patient page (widget on HttpBackend): ${s.url}/demo/http.html
  clinician console:                    ${s.url}/console/
  patient page (browser OIDC + HTTP):   ${s.url}/demo/oidc.html
  protocol base URL (data-backend):     ${s.url}/api
  e-ID broker:                          ${config.oidc.issuer ? config.oidc.issuer : `the PRETEND e-ID provider (no OIDC_ISSUER), http://127.0.0.1:${config.idpPort} (IDP_PORT)`}
  storage:                              ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite (${config.db})`}`);
if (config.devLogin) console.warn('  DEV_LOGIN=1: /dev/* test hooks and the console\'s name-and-queue login are open. Never in production.');
if (!config.staffOidc) console.warn('  staff login: the development provider\'s test clinicians (set STAFF_OIDC_ISSUER, STAFF_OIDC_CLIENT_ID and STAFF_OIDC_CLIENT_SECRET for the clinic\'s SITHS IdP).');
const stop = async () => {
  await s.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
