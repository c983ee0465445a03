/**
 * The clinician console's API under /console/api, from its route table (src/protocol/console.ts).
 * Every route but the login ones needs a staff session; a clinician reads and writes only the
 * conversations of their queues or assigned to them (services/staff-access.ts), else 403.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { CONSOLE_ROUTES } from '../../src/protocol/console.js';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import { clearCookie, route, sessionIdOf, sessionOf, setSessionCookie } from '../http.js';
import { clinician } from '../services/desk.js';
import { profession } from '../services/queues.js';
import { recordBundle, recordNote } from '../services/record.js';
import { STAFF_COOKIE } from '../services/sessions.js';
import { forbidden, staffConversation, staffMay, staffQueues } from '../services/staff-access.js';
import type { ConversationRecord, SessionRecord } from '../store/store.js';
import { isQueue, type Queue } from '../services/queues.js';
import { limitedSession } from './limits.js';

export const consoleRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const { sessions, desk, actions, conversations } = deps;
  const staff = limitedSession(deps, 'staff', sessionOf(deps.sessions, 'staff', STAFF_COOKIE));
  const R = CONSOLE_ROUTES;
  const cookie = { secure: deps.secure, path: '/console', sameSite: 'strict' as const };
  const me = (s: SessionRecord | null): SessionRecord => {
    if (!s) throw new Error('route without a session');
    return s;
  };
  /** The conversation, when this clinician may see it: 404 when there is none, 403 when it is not theirs. */
  const mine = (s: SessionRecord | null, id: string): Promise<ConversationRecord> => staffConversation(conversations, me(s), id);

  route(app, R.loginOptions, staff, async () => ({ sso: deps.staffSso, devLogin: deps.devLogin }));

  // development login by name and queue: only with DEV_LOGIN=1 (staff log in at /console/auth/login)
  route(app, R.login, staff, async ({ body }, _, __, reply) => {
    if (!deps.devLogin) throw notFound();
    const queue = body.queue ?? 'nurse';
    const who = { subject: `staff-${randomUUID()}`, name: body.name, profession: body.profession ?? profession(queue), queue, queues: [queue] };
    const token = await sessions.create('staff', who);
    setSessionCookie(reply, STAFF_COOKIE, token, cookie);
    return { token, name: who.name, profession: who.profession, queue, queues: [queue] };
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
    const queues = staffQueues(s).filter(isQueue);
    return { name: who.name, profession: who.profession, queue: isQueue(s.queue) ? s.queue : queues[0] ?? 'nurse', queues };
  });

  route(app, R.overview, staff, async (_, s) => {
    const may = staffMay(me(s));
    return desk.overview((c) => may({ queue: c.queue, assignee: c.assignee?.name ?? null }));
  });
  route(app, R.takeNext, staff, async ({ body }, s) => {
    const queue = body.queue ?? (me(s).queue as Queue | null) ?? 'nurse';
    if (!staffQueues(me(s)).includes(queue)) throw forbidden();
    return desk.takeNext(me(s), queue);
  });
  route(app, R.startConversation, staff, async ({ body }, s, _, reply) => reply.code(201).send(await desk.start(me(s), body)));
  route(app, R.detail, staff, async ({ params }, s) => desk.detail((await mine(s, params.conversationId)).id));
  route(app, R.messages, staff, async ({ params }, s) => conversations.pageOf((await mine(s, params.conversationId)).id, { limit: 200 }));
  route(app, R.send, staff, async ({ params, body }, s, _, reply) => {
    const r = await desk.send(me(s), (await mine(s, params.conversationId)).id, body);
    return reply.code(r.created ? 201 : 200).send(r.message);
  });

  route(app, R.typing, staff, async ({ params, body }, s, _, reply) => {
    await desk.typing(me(s), (await mine(s, params.conversationId)).id, body.typing);
    return reply.code(204).send();
  });

  route(app, R.read, staff, async ({ params }, s, __, reply) => {
    await desk.read((await mine(s, params.conversationId)).id);
    return reply.code(204).send();
  });

  route(app, R.handover, staff, async ({ params, body }, s) => desk.handover(me(s), (await mine(s, params.conversationId)).id, body));
  route(app, R.close, staff, async ({ params, body }, s) => desk.close((await mine(s, params.conversationId)).id, body.evaluation !== false));
  route(app, R.record, staff, async ({ params }, s) => recordNote(await desk.detail((await mine(s, params.conversationId)).id)));

  route(app, R.recordFhir, staff, async ({ params }, s, __, reply) => {
    const bundle = recordBundle(await desk.detail((await mine(s, params.conversationId)).id));
    return reply
      .header('content-type', 'application/fhir+json; charset=utf-8')
      .header('content-disposition', `attachment; filename="chatt-${params.conversationId}.json"`)
      .send(JSON.stringify(bundle));
  });

  // read-only: the clinic's templates; the console fills them from the conversation it shows
  route(app, R.templates, staff, async () => ({ templates: [...deps.templates], ...(deps.clinicName ? { clinicName: deps.clinicName } : {}) }));

  route(app, R.evaluationSummary, staff, async ({ query }, s) => {
    const queues = staffQueues(me(s));
    if (query.queue !== undefined && !queues.includes(query.queue)) throw forbidden();
    const summary = await actions.summary(query.queue);
    return { queues: summary.queues.filter((q) => queues.includes(q.queue)) };
  });
};
