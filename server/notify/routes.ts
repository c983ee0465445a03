/** The patient's notification settings under /api (NOTIFY_ROUTES in src/protocol/notifications.ts). */
import type { FastifyPluginAsync } from 'fastify';
import { NOTIFY_ROUTES } from '../../src/protocol/notifications.js';
import type { Deps } from '../deps.js';
import { route, sessionOf } from '../http.js';
import { RateLimiter } from '../services/rate-limit.js';
import { PATIENT_COOKIE } from '../services/sessions.js';
import type { SessionRecord } from '../store/store.js';
import type { NotifySettings } from './settings.js';

export const notifyRoutes: FastifyPluginAsync<{ deps: Deps; settings: NotifySettings }> = async (app, { deps, settings }) => {
  const patient = sessionOf(deps.sessions, 'patient', PATIENT_COOKIE);
  // each confirm runs scrypt: at most 10 a minute per patient (the code itself allows 5 tries)
  const confirms = new RateLimiter(10);
  const me = (s: SessionRecord | null): string => {
    if (!s) throw new Error('route without a session');
    return s.subject;
  };
  const R = NOTIFY_ROUTES;
  route(app, R.getNotifications, patient, async (_, s) => settings.get(me(s)));
  route(app, R.setNotification, patient, async ({ params, body }, s) => settings.set(me(s), params.channel, body));
  route(app, R.confirmNotification, patient, async ({ params, body }, s) => {
    confirms.take(me(s));
    return settings.confirm(me(s), params.channel, body.code);
  });
  route(app, R.deleteNotification, patient, async ({ params }, s, _, reply) => {
    await settings.withdraw(me(s), params.channel);
    return reply.code(204).send();
  });
};
