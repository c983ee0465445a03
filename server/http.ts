/**
 * Small HTTP helpers shared by the route plugins: route tables → Fastify routes with valibot
 * schemas and typed input, session look-up (cookie or bearer token), cookies.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type * as v from 'valibot';
import type {} from '@fastify/cookie';
import { ApiError } from './errors.js';
import type { SessionKind, SessionRecord } from './store/store.js';
import type { Sessions } from './services/sessions.js';

type In<S> = S extends v.GenericSchema ? v.InferOutput<S> : undefined;

export interface Spec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  auth?: boolean;
  params?: v.GenericSchema;
  query?: v.GenericSchema;
  body?: v.GenericSchema;
  /** A raw (file) body: its size limit replaces the app's JSON limit on this route. */
  rawBody?: { maxBytes: number };
  responses: Record<number, v.GenericSchema | null | string>;
}

/** A route's checked input: params, query and body as its schemas output them. */
export interface Input<R> {
  params: R extends { params: infer S } ? In<S> : undefined;
  query: R extends { query: infer S } ? In<S> : undefined;
  body: R extends { body: infer S } ? In<S> : undefined;
}

export type Handler<R, P> = (input: Input<R>, principal: P, req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** `/conversations/{conversationId}` → `/conversations/:conversationId` */
export const fastifyPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/** Registers one route of a table: its schemas, its session check (before the body is read), its handler. */
export function route<R extends Spec, P>(app: FastifyInstance, spec: R, principal: (req: FastifyRequest, required: boolean) => Promise<P>, handler: Handler<R, P>): void {
  const response: Record<number, v.GenericSchema> = {};
  for (const [status, schema] of Object.entries(spec.responses)) if (typeof schema === 'object' && schema !== null) response[Number(status)] = schema;
  const schema: RouteShorthandOptions['schema'] = { response };
  if (spec.params) schema.params = spec.params;
  if (spec.query) schema.querystring = spec.query;
  if (spec.body) schema.body = spec.body;
  const who = new WeakMap<FastifyRequest, P>();
  app.route({
    method: spec.method,
    url: fastifyPath(spec.path),
    schema,
    ...(spec.rawBody ? { bodyLimit: spec.rawBody.maxBytes } : {}),
    // the session is checked on arrival: no session → 401 before any body is read or checked
    onRequest: async (req) => {
      who.set(req, await principal(req, spec.auth !== false));
    },
    handler: async (req, reply) => {
      const input = { params: req.params, query: req.query, body: req.body } as Input<R>;
      return handler(input, who.get(req) as P, req, reply);
    },
  });
}

/** The session id of a request: a bearer token, else the cookie. */
export function sessionIdOf(req: FastifyRequest, cookie: string): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const value = req.cookies[cookie];
  return typeof value === 'string' && value ? value : undefined;
}

/** The session of this kind, or null (optional routes), or 401 `no-session`. */
export function sessionOf(sessions: Sessions, kind: SessionKind, cookie: string) {
  return async (req: FastifyRequest, required: boolean): Promise<SessionRecord | null> => {
    const s = await sessions.find(sessionIdOf(req, cookie), kind);
    if (!s && required) throw new ApiError(401, 'no-session');
    return s ?? null;
  };
}

export interface CookieOptions {
  secure: boolean;
  path?: string;
  /** `lax` by default; the staff cookie is `strict`. */
  sameSite?: 'lax' | 'strict';
}

/**
 * A session cookie in the browser's sense: no Max-Age or Expires, so it goes when the browser
 * closes (a shared computer). HttpOnly, Secure on https. The server ends it sooner (idle, cap).
 */
export function setSessionCookie(reply: FastifyReply, name: string, value: string, o: CookieOptions): void {
  reply.setCookie(name, value, { path: o.path ?? '/', httpOnly: true, sameSite: o.sameSite ?? 'lax', secure: o.secure });
}

export function clearCookie(reply: FastifyReply, name: string, o: CookieOptions): void {
  reply.setCookie(name, '', { path: o.path ?? '/', httpOnly: true, sameSite: o.sameSite ?? 'lax', secure: o.secure, maxAge: 0 });
}
