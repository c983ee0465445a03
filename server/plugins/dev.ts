/** Development-only hooks (`devLogin` / DEV_LOGIN=1): direct sessions and stream faults for tests. Without the flag they do not exist (404). */
import type { FastifyPluginAsync } from 'fastify';
import * as v from 'valibot';
import type { Deps } from '../deps.js';
import { setSessionCookie } from '../http.js';
import { PATIENT_COOKIE } from '../services/sessions.js';

const DevSessionBody = v.object({
  subject: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
  name: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
});

export const devRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/session', { schema: { body: DevSessionBody } }, async (req, reply) => {
    const body = req.body as v.InferOutput<typeof DevSessionBody>;
    const subject = body.subject ?? `dev-${crypto.randomUUID()}`;
    const name = body.name ?? 'Test Testsson';
    await deps.store.upsertPatient({ subject, name });
    const token = await deps.sessions.create('patient', { subject, name });
    setSessionCookie(reply, PATIENT_COOKIE, token, { secure: deps.secure });
    return { token, subject, name };
  });

  app.post('/close-streams', async (_, reply) => {
    deps.hub.closeAll();
    return reply.code(204).send();
  });

  app.post('/prune-events', async (_, reply) => {
    await deps.store.pruneEvents((await deps.store.headEventId()) + 1);
    return reply.code(204).send();
  });
};
