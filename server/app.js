// The reference server: the patient protocol under /api, the BFF login under /auth, the
// clinician console under /console, and (optionally) static files for the demo.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from './db.js';
import { Chat } from './chat.js';
import { EventHub } from './sse.js';
import { HttpError, RateLimiter, cors, send, sendError, readJson, cookie } from './http-util.js';
import { patientRoutes } from './routes-patient.js';
import { consoleRoutes } from './routes-console.js';
import { createSession, PATIENT_COOKIE, SESSION_SECONDS } from './sessions.js';

const CONSOLE_DIR = fileURLToPath(new URL('./console/', import.meta.url));
const TYPES = /** @type {Record<string,string>} */ ({ '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json', '.json': 'application/json' });

/**
 * @typedef {object} ServerOptions
 * @property {string} [db] SQLite file, `:memory:` by default
 * @property {number} [port] 0 (a free port) by default
 * @property {string} [host] 127.0.0.1 by default
 * @property {(origin: string) => boolean} [allowOrigin] CORS: which other origins (same site) may call the API
 * @property {boolean} [devLogin] allow POST /dev/session and /dev/* test hooks (never in production)
 * @property {number} [sendsPerMinute] rate limit of message sends and conversation starts per session
 * @property {number} [heartbeatMs] SSE heartbeat interval
 * @property {number} [eventRetention] events kept for resume
 * @property {false | { issuer?: string }} [oidc] embedded pretend e-ID provider (default on)
 * @property {string} [staticRoot] serve files under this folder for other paths (the demo)
 * @property {string} [publicOrigin] the origin browsers use, when behind a proxy
 * @property {number} [ackDelayMs] test hook (off by default): hold every patient message
 *   acknowledgement (PUT …/messages/{clientId}) this long after the message is stored, to widen
 *   the window in which a reload, a closed tab or a restart loses the answer but not the message
 */

/** @param {ServerOptions} [opts] */
export async function startServer(opts = {}) {
  const db = openDb(opts.db ?? ':memory:');
  /** @type {EventHub} */
  let hub;
  const chat = new Chat(db, { onEvent: () => hub.notify(), eventRetention: opts.eventRetention });
  hub = new EventHub(chat, { heartbeatMs: opts.heartbeatMs ?? 15_000 });
  const limiter = new RateLimiter(opts.sendsPerMinute ?? 30);
  const allowOrigin = opts.allowOrigin ?? (() => false);
  const server = createServer();
  await new Promise((/** @type {(v?: unknown) => void} */ resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = opts.publicOrigin ?? `http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host ?? '127.0.0.1'}:${addr.port}`;
  const secure = origin.startsWith('https:');
  const deps = { db, chat, hub, limiter, secure, ackDelayMs: opts.ackDelayMs ?? 0 };

  const auth = opts.oidc === false ? { routes: [], close: async () => undefined } : await (await import('./auth.js')).authRoutes({ db, chat, origin, secure, allowOrigin, issuer: opts.oidc?.issuer });
  const mounts = /** @type {[string, [string, RegExp, Function][]][]} */ ([
    ['/api', patientRoutes(deps)],
    ['/console/api', consoleRoutes(deps)],
    ['/auth', auth.routes],
  ]);
  if (opts.devLogin) mounts.push(['/dev', devRoutes(deps)]);

  server.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    try {
      if (cors(req, res, allowOrigin)) return;
      for (const [prefix, routes] of mounts) {
        if (!url.pathname.startsWith(prefix + '/')) continue;
        const path = url.pathname.slice(prefix.length);
        let pathMatched = false;
        for (const [method, re, handler] of routes) {
          const m = re.exec(path);
          if (!m) continue;
          pathMatched = true;
          if (method !== req.method) continue;
          await handler({ req, res, params: m.slice(1), url });
          return;
        }
        throw new HttpError(pathMatched ? 405 : 404, pathMatched ? 'method-not-allowed' : 'not-found');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(404, 'not-found');
      await serveStatic(res, url.pathname, opts.staticRoot, origin);
    } catch (err) {
      if (err instanceof HttpError) return sendError(res, err);
      console.error('[server] internal error:', err instanceof Error ? err.message : 'unknown');
      send(res, 500, { code: 'internal', message: 'Internal error.' });
    }
  });

  return {
    url: origin,
    /** Where it listens (differs from url behind a proxy / with publicOrigin). */
    listenUrl: `http://${opts.host ?? "127.0.0.1"}:${addr.port}`,
    server,
    chat,
    hub,
    db,
    async close() {
      hub.closeAll();
      await auth.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      db.close();
    },
  };
}

/** @param {import('node:http').ServerResponse} res @param {string} pathname @param {string | undefined} root @param {string} origin */
async function serveStatic(res, pathname, root, origin) {
  let file;
  if (pathname === '/console' || pathname === '/console/') file = join(CONSOLE_DIR, 'index.html');
  else if (pathname.startsWith('/console/')) file = join(CONSOLE_DIR, normalize(pathname.slice(9)).replace(/^(\.\.[/\\])+/, ''));
  else if (root) {
    const rel = normalize(pathname === '/' ? '/demo/http.html' : decodeURIComponent(pathname));
    if (/^[/\\](dist|demo)[/\\]/.test(rel) && !rel.includes('..')) file = join(root, rel); // only the demo and the build
  }
  if (!file) throw new HttpError(404, 'not-found');
  try {
    let body = await readFile(file);
    // demo pages name the server they talk to: {{ORIGIN}} is this server's public origin
    if (root && file.startsWith(join(root, 'demo')) && file.endsWith('.html')) body = Buffer.from(body.toString('utf8').replaceAll('{{ORIGIN}}', origin));
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' }).end(body);
  } catch {
    throw new HttpError(404, 'not-found');
  }
}

/** Development-only hooks (ServerOptions.devLogin): direct sessions and stream faults for tests. @param {any} d */
function devRoutes(d) {
  const { db, chat, hub, secure } = d;
  return [
    ['POST', /^\/session$/, async (/** @type {any} */ { req, res }) => {
      const body = await readJson(req);
      const subject = typeof body?.subject === 'string' ? body.subject : `dev-${crypto.randomUUID()}`;
      const name = typeof body?.name === 'string' ? body.name : 'Test Testsson';
      chat.upsertPatient(subject, name);
      const id = createSession(db, 'patient', { subject, name });
      send(res, 200, { token: id, subject, name }, { 'set-cookie': cookie(PATIENT_COOKIE, id, { maxAge: SESSION_SECONDS, secure }) });
    }],
    ['POST', /^\/close-streams$/, (/** @type {any} */ { res }) => {
      hub.closeAll();
      send(res, 204);
    }],
    ['POST', /^\/prune-events$/, (/** @type {any} */ { res }) => {
      chat.prune(chat.headId() + 1);
      send(res, 204);
    }],
  ];
}
