/**
 * The reference server: Fastify with one plugin per concern, registered in the list below —
 * the patient protocol under /api, the event streams, the clinician console's API under
 * /console/api, the BFF login under /auth, files (console, demo), and the dev hooks.
 * Routes are thin: services hold the rules, the store holds SQL.
 */
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import type SQLite from 'better-sqlite3';
import { ApiError, MESSAGES } from './errors.js';
import { serializerCompiler, validatorCompiler } from './validation.js';
import { projectRoot, type ServerOptions } from './config.js';
import type { Deps } from './deps.js';
import { EventHub } from './hub.js';
import { openSqliteStore } from './store/sqlite-store.js';
import { openPostgresStore } from './store/postgres-store.js';
import type { Store } from './store/store.js';
import { Actions } from './services/actions.js';
import { Conversations } from './services/conversations.js';
import { Desk } from './services/desk.js';
import { RateLimiter } from './services/rate-limit.js';
import { Sessions } from './services/sessions.js';
import { Attachments } from './services/attachments.js';
import { Notes } from './services/notes.js';
import { DEFAULT_TEMPLATES } from './services/templates.js';
import { ruleScanner } from './attachments/scanner.js';
import { attachmentRoutes } from './plugins/attachments.js';
import { patientRoutes } from './plugins/patient.js';
import { eventRoutes } from './plugins/events.js';
import { consoleRoutes } from './plugins/console.js';
import { authRoutes } from './plugins/auth.js';
import { staticFiles } from './plugins/static.js';
import { devRoutes } from './plugins/dev.js';
import { ipLimits } from './plugins/limits.js';
import { staffAuthRoutes, type StaffOidc } from './plugins/staff-auth.js';
import { securityPlugin } from './plugins/security.js';
import { createNotify, type Notify } from './notify/index.js';
import { notifyRoutes } from './notify/routes.js';
import { BearerTokens, PatientKeys, privateKeyAuth, type Broker } from './broker.js';
import { OIDC_DEFAULTS } from './config.js';
import type * as OAuth from 'oauth4webapi';

export type { ServerOptions };

export const MAX_BODY_BYTES = 64 * 1024;

export interface RunningServer {
  /** The public origin (what browsers use). */
  url: string;
  /** Where it listens (differs from url behind a proxy / with publicOrigin). */
  listenUrl: string;
  server: Server;
  app: FastifyInstance;
  store: Store;
  /** The raw SQLite handle (tests read it; the server never does); undefined on PostgreSQL. */
  db: SQLite.Database | undefined;
  hub: EventHub;
  services: Pick<Deps, 'sessions' | 'conversations' | 'actions' | 'desk' | 'attachments' | 'notes'>;
  /** Notifications: settings and the notifier (tests call notifier.tick()). */
  notify: Notify;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const { store, sqlite } = opts.databaseUrl
    ? { store: (await openPostgresStore(opts.databaseUrl, {
      listenUrl: opts.databaseListenUrl, poolMax: opts.pgPoolMax,
      onListenerError: (err) => console.error('[store] PostgreSQL listener:', (err as { code?: string }).code ?? err.message),
    })).store, sqlite: undefined }
    : await openSqliteStore(opts.db ?? ':memory:');
  const hub = await EventHub.create(store, { heartbeatMs: opts.heartbeatMs ?? 15_000, retention: opts.eventRetention ?? 50_000, ...(opts.clock ? { now: opts.clock } : {}) });
  const sessions = new Sessions(store, {
    ...(opts.sessionIdleSeconds !== undefined ? { idleSeconds: opts.sessionIdleSeconds } : {}),
    ...(opts.sessionMaxSeconds !== undefined ? { maxSeconds: opts.sessionMaxSeconds } : {}),
    ...(opts.clock ? { now: opts.clock } : {}),
  });
  // a logout ends the session's open streams too
  sessions.onEnd = (id) => hub.endSession(id);
  const conversations = new Conversations(store);
  const actions = new Actions(store, conversations);
  const desk = new Desk(store, conversations, actions);
  const attachments = new Attachments(store, conversations, opts.scanner ?? ruleScanner());
  const notes = new Notes(store, conversations);
  const notify = createNotify(store, hub, opts.notify);

  // the server listens first: the origin (its port) is needed to build the app (the e-ID
  // provider's redirect address); Fastify then serves on it (serverFactory)
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const origin = opts.publicOrigin ?? `http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host ?? '127.0.0.1'}:${addr.port}`;

  const keys = new PatientKeys(opts.secret);
  if (keys.ephemeral) warnOnce('secret', 'VARD_SECRET is not set: patient subjects and storage keys come from a random secret of this process and change at every restart (queued messages then cannot be read). Set VARD_SECRET in production.');
  const login = opts.oidc === false ? undefined : await brokerFor(opts.oidc ?? {}, origin, opts.staffOidc === undefined, opts.idpPort ?? 0);
  // the staff IdP: STAFF_OIDC_*, else the pretend provider's staff client when it runs
  const staffOidc: StaffOidc | undefined = opts.staffOidc ? opts.staffOidc : opts.staffOidc === undefined ? login?.staff : undefined;
  const sendsPerMinute = opts.sendsPerMinute ?? 30;
  // every send is a write too: the write limit is never below twice the send limit
  const writesPerMinute = opts.writesPerMinute ?? Math.max(240, sendsPerMinute * 2);
  const deps: Deps = {
    store, sessions, conversations, actions, desk, attachments, notes, hub,
    sends: new RateLimiter(sendsPerMinute),
    writes: new RateLimiter(writesPerMinute),
    ipWrites: new RateLimiter(opts.ipWritesPerMinute ?? Math.max(2400, writesPerMinute * 10)),
    staffSso: staffOidc !== undefined,
    origin, secure: origin.startsWith('https:'), allowOrigin: opts.allowOrigin ?? (() => false),
    devLogin: opts.devLogin ?? false, ackDelayMs: opts.ackDelayMs ?? 0, maxStreamsPerPatient: opts.maxStreamsPerPatient ?? 5,
    keys, ...(login ? { bearer: new BearerTokens(login.broker, keys) } : {}),
    templates: opts.templates ?? DEFAULT_TEMPLATES, ...(opts.notify?.clinicName ? { clinicName: opts.notify.clinicName } : {}),
  };

  const app = buildApp(deps, {
    projectRoot: projectRoot(), origin, ...(opts.staticRoot ? { staticRoot: opts.staticRoot } : {}), ...(login ? { oidcIssuer: login.broker.issuer.href.replace(/\/$/, '') } : {}),
  }, login?.broker, server, staffOidc);
  // notifications (server/notify/): the patient's settings under /api
  void app.register(notifyRoutes, { deps, settings: notify.settings, prefix: '/api' });
  await app.ready();

  // expired logins and sessions (idle or past their cap) and events beyond the retention, purged on a timer
  const retention = opts.eventRetention ?? 50_000;
  let purging: Promise<void> = Promise.resolve();
  const purge = setInterval(() => {
    purging = (async () => {
      await sessions.purge();
      const head = await store.headEventId();
      if (head > retention) await store.pruneEvents(head - retention);
    })().catch((err: unknown) => console.error('[purge] failed:', err instanceof Error ? err.message : 'unknown'));
  }, opts.purgeIntervalMs ?? 60_000);
  purge.unref();

  return {
    url: origin,
    listenUrl: `http://${opts.host ?? '127.0.0.1'}:${addr.port}`,
    server,
    app,
    store,
    db: sqlite,
    hub,
    services: { sessions, conversations, actions, desk, attachments, notes },
    notify,
    async close() {
      clearInterval(purge);
      await purging;
      await notify.close();
      await hub.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
      await login?.close();
      await store.close();
    },
  };
}

/** The app: root concerns (parsing, errors, cookies, CORS), then the plugins, as a list. */
export function buildApp(deps: Deps, files: { projectRoot: string; staticRoot?: string; origin: string; oidcIssuer?: string }, broker: Broker | undefined, server: Server, staffOidc?: StaffOidc): FastifyInstance {
  const app = Fastify({
    serverFactory: (handler) => server.on('request', handler),
    bodyLimit: MAX_BODY_BYTES,
    // bad %-escapes in a path are the client's fault: 400, never 500
    frameworkErrors: (err, _req, reply) => void (reply as FastifyReply).code(400).header('cache-control', 'no-store')
      .send({ code: 'invalid-request', message: err.code === 'FST_ERR_BAD_URL' ? 'The path is not valid.' : MESSAGES['invalid-request'] }),
    return503OnClosing: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // JSON only (no text/plain): another content type on a route with a body → 415
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (!text.trim()) return done(null, {});
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      done(new ApiError(400, 'invalid-json'), undefined);
    }
  });

  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    const e = toApiError(err);
    if (e.status >= 500) req.log.error({ code: (err as FastifyError).code }, 'internal error');
    return reply.code(e.status).headers({ ...e.headers, 'cache-control': 'no-store' }).send({ code: e.code, message: e.message });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).header('cache-control', 'no-store').send({ code: 'not-found', message: MESSAGES['not-found'] }));
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  void app.register(securityPlugin, { origin: deps.origin, secure: deps.secure, allowOrigin: deps.allowOrigin });
  void app.register(fastifyCookie);
  void app.register(ipLimits, { deps });
  void app.register(fastifyCors, {
    origin: (origin, cb) => cb(null, origin !== undefined && deps.allowOrigin(origin)),
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'last-event-id', 'x-attachment-name', 'x-attachment-alt'],
    exposedHeaders: ['Retry-After'],
    maxAge: 600,
  });

  // 200 when the server can serve (its database answers); for load balancers and orchestrators
  app.get('/healthz', async (_req, reply) => {
    try {
      await deps.store.headEventId();
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ code: 'unavailable', message: 'The database does not answer.' });
    }
  });

  const plugins: [string, (app: FastifyInstance) => unknown][] = [
    ['patient protocol', (a) => a.register(patientRoutes, { deps, prefix: '/api' })],
    ['event streams', (a) => a.register(eventRoutes, { deps })],
    ['console API', (a) => a.register(consoleRoutes, { deps, prefix: '/console/api' })],
    ['attachments and notes', (a) => a.register(attachmentRoutes, { deps })],
    ['BFF login', (a) => (broker ? a.register(authRoutes, { deps, broker, prefix: '/auth' }) : undefined)],
    ['staff login', (a) => (staffOidc ? a.register(staffAuthRoutes, { deps, oidc: staffOidc, prefix: '/console/auth' }) : undefined)],
    ['files', (a) => a.register(staticFiles, files)],
    ['dev hooks', (a) => (deps.devLogin ? a.register(devRoutes, { deps, prefix: '/dev' }) : undefined)],
  ];
  for (const [, register] of plugins) register(app);
  return app;
}

const warned = new Set<string>();
/** A startup warning, once per process (tests start many servers). */
function warnOnce(key: string, text: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`\n*** Vård Chat reference server: ${text}\n`);
}

/**
 * The e-ID broker: the configured one (OIDC_ISSUER), else the embedded pretend e-ID provider
 * (with a loud warning: anyone can log in as a test person there).
 */
async function brokerFor(o: import('./config.js').OidcOptions, origin: string, staff: boolean, idpPort: number): Promise<{ broker: Broker; staff?: StaffOidc; close(): Promise<void> }> {
  const acr = { ...OIDC_DEFAULTS.acr, ...o.acr };
  const personalNumberClaim = o.personalNumberClaim ?? OIDC_DEFAULTS.personalNumberClaim;
  const audience = o.audience ?? `${origin}/api`;
  if (o.issuer) {
    if (!o.clientId || (!o.clientSecret && !o.privateKeyPem)) throw new Error('oidc: a client id and a client secret or private key are needed with an issuer');
    const issuer = new URL(o.issuer);
    const oauth = await import('oauth4webapi');
    const clientAuth: OAuth.ClientAuth = o.privateKeyPem ? await privateKeyAuth(o.privateKeyPem, o.privateKeyId) : oauth.ClientSecretBasic(o.clientSecret ?? '');
    return {
      broker: { issuer, client: { client_id: o.clientId }, clientAuth, acr, personalNumberClaim, audience, insecure: issuer.protocol === 'http:', ...(o.scope ? { scope: o.scope } : {}) },
      close: async () => {},
    };
  }
  warnOnce('idp', 'OIDC_ISSUER is not set: the PRETEND e-ID provider is running. Anyone can log in as a test person. Development only; never in front of patients.');
  const { startIdp } = await import('./idp.js');
  const idp = await startIdp({
    redirectUri: `${origin}/auth/callback`, postLogoutUri: `${origin}/`, acr, personalNumberClaim,
    browser: { redirectUris: [`${origin}/demo/oidc.html`], audience },
    ...(staff ? { staffRedirectUri: `${origin}/console/auth/callback` } : {}),
    port: idpPort,
  });
  const oauth = await import('oauth4webapi');
  return {
    broker: { issuer: new URL(idp.issuer), client: { client_id: idp.client.client_id }, clientAuth: oauth.ClientSecretBasic(idp.client.client_secret), acr, personalNumberClaim, audience, insecure: true },
    ...(idp.staffClient ? { staff: { issuer: idp.issuer, clientId: idp.staffClient.client_id, clientSecret: idp.staffClient.client_secret } } : {}),
    close: () => idp.close(),
  };
}

/** Any error → a status and a code; bad input is a 4xx, only our own faults are 500. */
function toApiError(err: FastifyError | ApiError): ApiError {
  if (err instanceof ApiError) return err;
  const f = err as FastifyError & { validation?: unknown };
  if (f.validation || f.code === 'FST_ERR_VALIDATION') return new ApiError(400, 'invalid-request', f.message.slice(0, 300));
  switch (f.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new ApiError(415, 'unsupported-media-type');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'body-too-large');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'invalid-json');
    default:
      break;
  }
  const status = typeof f.statusCode === 'number' ? f.statusCode : 500;
  if (status === 429) return new ApiError(429, 'rate-limited');
  if (status >= 400 && status < 500) return new ApiError(status, status === 404 ? 'not-found' : 'invalid-request');
  return new ApiError(500, 'internal');
}
export { PATIENT_ROUTES } from '../src/protocol/index.js';
export { CONSOLE_ROUTES } from '../src/protocol/console.js';
export { readEnv } from './config.js';
export { ruleScanner, EICAR, type AttachmentScanner } from './attachments/scanner.js';
export { sniff } from './attachments/sniff.js';
export { DEFAULT_TEMPLATES, loadTemplatesFile, readTemplatesEnv } from './services/templates.js';
export { fillTemplate, placeholdersIn } from '../src/protocol/templates.js';
export { readNotifyEnv } from './notify/config.js';
export { NOTIFY_ROUTES } from '../src/protocol/notifications.js';
