/**
 * Rate limits on writes (429 `rate-limited` with Retry-After), on top of the per-session send
 * limit and the per-patient stream cap:
 * - per patient and per clinician: every state-changing request (typing, read, answers,
 *   evaluations, sends, conversation starts, console writes) takes a token of `writes`;
 * - per client IP: every state-changing request and every login start takes a token of
 *   `ipWrites` (a wide limit: a clinic's staff or a household may share one address).
 * Token buckets in memory (services/rate-limit.ts): per process.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Deps } from '../deps.js';
import type { SessionKind, SessionRecord } from '../store/store.js';

const isWrite = (req: FastifyRequest): boolean => req.method === 'POST' || req.method === 'PUT' || req.method === 'DELETE' || req.method === 'PATCH';
const isLoginStart = (req: FastifyRequest): boolean => {
  const path = req.url.split('?')[0];
  return req.method === 'GET' && (path === '/auth/login' || path === '/console/auth/login');
};

/** A session look-up (`find`) that also takes a write token of the patient (or clinician) on state-changing requests. */
export function limitedSession(deps: Deps, kind: SessionKind, find: (req: FastifyRequest, required: boolean) => Promise<SessionRecord | null>) {
  return async (req: FastifyRequest, required: boolean): Promise<SessionRecord | null> => {
    const s = await find(req, required);
    if (s && isWrite(req)) deps.writes.take(`${kind}:${s.subject}`);
    return s;
  };
}

/** The per-IP limit, for the whole app (registered at the root, before the routes). */
const limits: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', async (req) => {
    if (isWrite(req) || isLoginStart(req)) deps.ipWrites.take(`ip:${req.ip}`);
  });
};
export const ipLimits = fp(limits, { name: 'vard-ip-limits' });
