/** The event streams (Server-Sent Events): the patient's at /api/events, staff's at /console/api/events. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { PATIENT_ROUTES } from '../../src/protocol/index.js';
import { CONSOLE_ROUTES } from '../../src/protocol/console.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import { route, sessionOf } from '../http.js';
import { patientOf } from '../patient-auth.js';
import { STAFF_COOKIE } from '../services/sessions.js';
import { staffMay } from '../services/staff-access.js';

/** Last-Event-ID header, else the `lastEventId` query (EventSource polyfills). */
function lastEventId(req: FastifyRequest): string | undefined {
  const h = req.headers['last-event-id'];
  if (typeof h === 'string') return h;
  const q = (req.query as { lastEventId?: unknown } | undefined)?.lastEventId;
  return typeof q === 'string' ? q : undefined;
}

/** Hands the raw response to the hub; headers set so far (CORS) go with it. */
function hijack(reply: FastifyReply): void {
  for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) reply.raw.setHeader(k, typeof v === 'number' ? String(v) : v);
  reply.hijack();
}

export const eventRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const { hub, desk, sessions } = deps;

  await app.register(async (api) => {
    route(api, PATIENT_ROUTES.events, patientOf(deps), async (_, s, req, reply) => {
      // a cap per patient: one client cannot hold thousands of streams (each costs memory)
      if (s && hub.streamsOf(s.subject) >= deps.maxStreamsPerPatient) throw new ApiError(429, 'too-many-streams', 'Too many open event streams for this patient.', { 'retry-after': '5' });
      hijack(reply);
      // through the property each time: the chaos suite wraps hub.open
      await hub.open(req.raw, reply.raw, s?.subject ?? '', lastEventId(req), undefined, s ? sessions.leaseOf(s) : undefined);
    });
  }, { prefix: '/api' });

  await app.register(async (api) => {
    route(api, CONSOLE_ROUTES.events, sessionOf(sessions, 'staff', STAFF_COOKIE), async (_, s, req, reply) => {
      if (!s) return;
      hijack(reply);
      // presence: counted from the start, so a stream closed while it opens is uncounted too
      const opened = desk.streamOpened(s);
      reply.raw.on('close', () => void opened.then(() => desk.streamClosed(s)).catch(() => undefined));
      // only events of the clinician's queues and of conversations assigned to them
      await hub.open(req.raw, reply.raw, null, lastEventId(req), staffMay(s), sessions.leaseOf(s));
      await opened;
    });
  }, { prefix: '/console/api' });
};
