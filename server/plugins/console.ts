/** The clinician console's API under /console/api, from its route table (src/protocol/console.ts). */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { CONSOLE_ROUTES } from '../../src/protocol/console.js';
import type { Deps } from '../deps.js';
import { clearCookie, route, sessionIdOf, sessionOf, setSessionCookie } from '../http.js';
import { clinician } from '../services/desk.js';
import { profession } from '../services/queues.js';
import { recordBundle, recordNote } from '../services/record.js';
import { STAFF_COOKIE } from '../services/sessions.js';
import type { SessionRecord } from '../store/store.js';
import { isQueue } from '../services/queues.js';

export const consoleRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const { sessions, desk, actions, conversations } = deps;
  const staff = sessionOf(sessions, 'staff', STAFF_COOKIE);
  const R = CONSOLE_ROUTES;
  const cookie = { secure: deps.secure, path: '/console' };
  const me = (s: SessionRecord | null): SessionRecord => {
    if (!s) throw new Error('route without a session');
    return s;
  };

  // development login by name and queue (staff OIDC: issue #14)
  route(app, R.login, staff, async ({ body }, _, __, reply) => {
    const queue = body.queue ?? 'nurse';
    const who = { subject: `staff-${randomUUID()}`, name: body.name, profession: body.profession ?? profession(queue), queue };
    const token = await sessions.create('staff', who);
    setSessionCookie(reply, STAFF_COOKIE, token, cookie);
    return { token, name: who.name, profession: who.profession, queue };
  });

  route(app, R.logout, staff, async (_, __, req, reply) => {
    await sessions.end(sessionIdOf(req, STAFF_COOKIE));
    clearCookie(reply, STAFF_COOKIE, cookie);
    return reply.code(204).send();
  });

  // logged out is an answer, not an error: the console's probe at start logs nothing in the browser
  route(app, R.me, staff, async (_, s) => {
    if (!s) return { loggedIn: false as const };
    const who = clinician(s);
    return { name: who.name, profession: who.profession, queue: isQueue(s.queue) ? s.queue : 'nurse' };
  });

  route(app, R.overview, staff, async () => desk.overview());
  route(app, R.takeNext, staff, async ({ body }, s) => desk.takeNext(me(s), body.queue));
  route(app, R.startConversation, staff, async ({ body }, s, _, reply) => reply.code(201).send(await desk.start(me(s), body)));
  route(app, R.detail, staff, async ({ params }) => desk.detail(params.conversationId));
  route(app, R.messages, staff, async ({ params }) => conversations.pageOf((await conversations.find(params.conversationId)).id, { limit: 200 }));
  route(app, R.send, staff, async ({ params, body }, s, _, reply) => reply.code(201).send(await desk.send(me(s), params.conversationId, body)));

  route(app, R.typing, staff, async ({ params, body }, s, _, reply) => {
    await desk.typing(me(s), params.conversationId, body.typing);
    return reply.code(204).send();
  });

  route(app, R.read, staff, async ({ params }, _, __, reply) => {
    await desk.read(params.conversationId);
    return reply.code(204).send();
  });

  route(app, R.handover, staff, async ({ params, body }, s) => desk.handover(me(s), params.conversationId, body));
  route(app, R.close, staff, async ({ params, body }) => desk.close(params.conversationId, body.evaluation !== false));
  route(app, R.record, staff, async ({ params }) => recordNote(await desk.detail(params.conversationId)));

  route(app, R.recordFhir, staff, async ({ params }, _, __, reply) => {
    const bundle = recordBundle(await desk.detail(params.conversationId));
    return reply
      .header('content-type', 'application/fhir+json; charset=utf-8')
      .header('content-disposition', `attachment; filename="chatt-${params.conversationId}.json"`)
      .send(JSON.stringify(bundle));
  });

  route(app, R.evaluationSummary, staff, async ({ query }) => actions.summary(query.queue));
};
