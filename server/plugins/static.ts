/**
 * Files: the clinician console at /console/ (dist/console/, built by the console's own build;
 * the old server/console/ page while that build is absent), and with `staticRoot` the demo pages
 * and the widget build (only /demo/ and /dist/). Demo pages name the server they talk to:
 * `{{ORIGIN}}` in them becomes this server's public origin, `{{OIDC_ISSUER}}` the e-ID broker's issuer.
 * Compressed (brotli, else gzip) for a browser that accepts it; the build's hashed chunks are
 * cached for a year (their name changes with their content), everything else is revalidated.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { notFound } from '../errors.js';

export interface StaticOptions {
  /** The project folder (holds dist/ and demo/). */
  projectRoot: string;
  /** Serve the demo and the widget build from this folder (the project folder in development). */
  staticRoot?: string;
  origin: string;
  /** The e-ID broker's issuer: `{{OIDC_ISSUER}}` in demo pages (browser OIDC). */
  oidcIssuer?: string;
}

/** The console's files: its build, else the legacy page. */
export function consoleDir(projectRoot: string): string {
  const built = join(projectRoot, 'dist', 'console');
  return existsSync(join(built, 'index.html')) ? built : join(projectRoot, 'server', 'console');
}

const noCache = (res: { setHeader(k: string, v: string): unknown }) => void res.setHeader('cache-control', 'no-cache');
/** A rollup chunk with a content hash in its name (`panel-CWMd9NAN.js`). */
const HASHED = /-[A-Za-z0-9_-]{8}\.js(\.map)?$/;
const cacheFor = (res: { setHeader(k: string, v: string): unknown }, path: string) =>
  void res.setHeader('cache-control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');

export const staticFiles: FastifyPluginAsync<StaticOptions> = async (app, o) => {
  // only the files (this plugin's routes): the API's JSON and the event streams are left alone
  await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
  await app.register(fastifyStatic, { root: consoleDir(o.projectRoot), prefix: '/console/', decorateReply: false, cacheControl: false, setHeaders: noCache, index: ['index.html'], redirect: true, wildcard: true });
  app.get('/console', async (_, reply) => reply.redirect('/console/', 302));

  const root = o.staticRoot;
  if (!root) return;
  await app.register(fastifyStatic, { root, serve: false, decorateReply: true, cacheControl: false, setHeaders: cacheFor });

  const html = async (reply: FastifyReply, rel: string) => {
    try {
      const body = (await readFile(join(root, rel), 'utf8')).replaceAll('{{ORIGIN}}', o.origin).replaceAll('{{OIDC_ISSUER}}', o.oidcIssuer ?? '');
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(body);
    } catch {
      throw notFound();
    }
  };
  /** A path below `folder` (no way out of it), or 404. */
  const inside = (folder: 'demo' | 'dist', raw: string): string => {
    const rel = normalize(join(folder, raw));
    if (!rel.startsWith(folder + sep) || rel.split(sep).includes('..') || rel.includes('\0')) throw notFound();
    return rel;
  };

  app.get('/', async (_, reply) => html(reply, join('demo', 'http.html')));
  for (const folder of ['demo', 'dist'] as const) {
    app.get(`/${folder}/*`, async (req, reply) => {
      const rel = inside(folder, (req.params as { '*': string })['*']);
      if (folder === 'demo' && rel.endsWith('.html')) return html(reply, rel);
      return reply.sendFile(rel, root);
    });
  }
};
