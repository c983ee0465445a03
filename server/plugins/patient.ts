/** The patient protocol under /api, registered from the protocol's route table (src/protocol/api.ts). */
import type { FastifyPluginAsync } from 'fastify';
import { PATIENT_ROUTES } from '../../src/protocol/index.js';
import type { Deps } from '../deps.js';
import { invalid } from '../errors.js';
import { clearCookie, route, sessionIdOf } from '../http.js';
import { limitedSession } from './limits.js';
import { patientOf } from '../patient-auth.js';
import { PATIENT_COOKIE } from '../services/sessions.js';
import { triageFor } from '../services/triage.js';
import type { SessionRecord } from '../store/store.js';

export const patientRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const { sessions, conversations, actions, sends } = deps;
  // a bearer token or the session; every write also takes a token of the patient's write limit (plugins/limits.ts)
  const patient = limitedSession(deps, 'patient', patientOf(deps));
  const R = PATIENT_ROUTES;
  const me = (s: SessionRecord | null): SessionRecord => {
    if (!s) throw new Error('route without a session');
    return s;
  };

  // logged out is an answer (200 { loggedIn: false }), not an error: the widget's probe before login logs nothing;
  // storageKey: the key the widget encrypts its outbox with, stable per patient (HMAC under VARD_SECRET)
  route(app, R.getSession, patient, async (_, s) => (s
    ? { subject: s.subject, name: s.name, expiresAt: new Date(s.expiresAt).toISOString(), storageKey: deps.keys.storageKeyOf(s.subject) }
    : { loggedIn: false as const }));

  // logout through the protocol itself (HttpBackend.logout): ends the session, clears the cookie; idempotent
  route(app, R.endSession, patient, async (_, __, req, reply) => {
    await sessions.end(sessionIdOf(req, PATIENT_COOKIE));
    clearCookie(reply, PATIENT_COOKIE, { secure: deps.secure });
    return reply.code(204).send();
  });

  route(app, R.getTriage, patient, async ({ query }, _, req) => triageFor(query.locale ?? req.headers['accept-language']));

  route(app, R.listConversations, patient, async (_, s) => ({ conversations: await conversations.list(me(s)) }));

  route(app, R.startConversation, patient, async ({ body }, s, _, reply) => {
    sends.take(me(s).id);
    return reply.code(201).send(await conversations.start(me(s), body));
  });

  route(app, R.getMessages, patient, async ({ params, query }, s) => {
    const limit = query.limit === undefined ? 50 : Number(query.limit);
    if (limit < 1 || limit > 200) throw invalid('limit: 1–200');
    const page = query.before === undefined ? { limit } : { limit, before: Number(query.before) };
    return conversations.page(me(s), params.conversationId, page);
  });

  route(app, R.sendMessage, patient, async ({ params, body }, s, _, reply) => {
    sends.take(me(s).id);
    const r = await conversations.send(me(s), params.conversationId, params.clientId, body.text, body.attachmentCount);
    // test hook (ServerOptions.ackDelayMs): stored, but the answer is held
    if (deps.ackDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, deps.ackDelayMs));
    return reply.code(r.created ? 201 : 200).send(r.message);
  });

  route(app, R.markRead, patient, async ({ params, body }, s, _, reply) => {
    await conversations.markRead(me(s), params.conversationId, body.messageId);
    return reply.code(204).send();
  });

  route(app, R.setTyping, patient, async ({ params, body }, s, _, reply) => {
    await conversations.typing(me(s), params.conversationId, body.typing);
    return reply.code(204).send();
  });

  route(app, R.respond, patient, async ({ params, body }, s, _, reply) => {
    await actions.answer(me(s), params.conversationId, params.actionId, body.response);
    return reply.code(204).send();
  });

  route(app, R.submitEvaluation, patient, async ({ params, body }, s, _, reply) => {
    await actions.evaluate(me(s), params.conversationId, body.answers);
    return reply.code(204).send();
  });
};
