// The patient protocol (docs/protocol.md, docs/openapi.yaml), mounted under /api.
import { HttpError, cookie, readJson, send } from './http-util.js';
import { PATIENT_COOKIE, endSession, requireSession, sessionIdOf } from './sessions.js';
import { queueFor } from './chat.js';
import { triageFor } from './triage.js';

export const MAX_MESSAGE_LENGTH = 4000;
const CLIENT_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** @typedef {{ req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, params: string[], url: URL }} Ctx */
/** @typedef {{ db: import('./db.js').Db, chat: import('./chat.js').Chat, hub: import('./sse.js').EventHub, limiter: import('./http-util.js').RateLimiter, secure?: boolean, ackDelayMs?: number }} Deps */

/** @param {string} text */
export function checkText(text) {
  if (typeof text !== 'string') throw new HttpError(400, 'invalid-request');
  if (!text.trim()) throw new HttpError(422, 'message-empty');
  if ([...text].length > MAX_MESSAGE_LENGTH) throw new HttpError(422, 'message-too-long');
}

/** @param {Deps} d */
export function patientRoutes(d) {
  const { db, chat, hub, limiter } = d;
  const ackDelayMs = d.ackDelayMs ?? 0;
  /** The patient's own conversation or 404 (never 403: another patient's must not be revealed). @param {Ctx} ctx */
  const own = (ctx) => {
    const s = requireSession(db, ctx.req, 'patient');
    const c = chat.row(ctx.params[0] ?? '');
    if (!c || c.patient !== s.subject) throw new HttpError(404, 'not-found');
    return { s, c };
  };

  /** @type {[string, RegExp, (ctx: Ctx) => Promise<void> | void][]} */
  const routes = [
    ['GET', /^\/session$/, ({ req, res }) => {
      const s = requireSession(db, req, 'patient');
      send(res, 200, { subject: s.subject, name: s.name, expiresAt: new Date(s.expires_at).toISOString() });
    }],
    // logout through the protocol itself (the widget's HttpBackend.logout): ends the session and
    // clears the cookie; idempotent, so a page's own logout URL may run as well
    ['DELETE', /^\/session$/, ({ req, res }) => {
      endSession(db, sessionIdOf(req, PATIENT_COOKIE));
      send(res, 204, undefined, { 'set-cookie': cookie(PATIENT_COOKIE, '', { maxAge: 0, secure: d.secure ?? false }) });
    }],
    ['GET', /^\/triage$/, ({ req, res, url }) =>
      send(res, 200, triageFor(url.searchParams.get('locale') ?? req.headers['accept-language']))],
    ['GET', /^\/conversations$/, ({ req, res }) => {
      const s = requireSession(db, req, 'patient');
      send(res, 200, { conversations: chat.listFor(s.subject) });
    }],
    ['POST', /^\/conversations$/, async ({ req, res }) => {
      const s = requireSession(db, req, 'patient');
      const body = await readJson(req);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'invalid-request');
      if (body.mode !== undefined && body.mode !== 'sync' && body.mode !== 'async') throw new HttpError(400, 'invalid-request');
      // the routing reason: a code, or the widget's coded answer { system?, code, display? }
      const reason = typeof body.reason === 'string' ? body.reason
        : body.reason && typeof body.reason === 'object' && typeof body.reason.code === 'string' ? body.reason.code : undefined;
      if (body.reason !== undefined && (reason === undefined || reason.length > 64)) throw new HttpError(400, 'invalid-request');
      limiter.take(s.id);
      const queue = queueFor(reason, body.triage);
      chat.upsertPatient(s.subject, s.name);
      send(res, 201, chat.create({ patient: s.subject, mode: body.mode ?? 'sync', initiator: 'patient', queue, reason }));
    }],
    ['GET', /^\/conversations\/([^/]+)\/messages$/, (ctx) => {
      const { c } = own(ctx);
      const limitRaw = ctx.url.searchParams.get('limit');
      const beforeRaw = ctx.url.searchParams.get('before');
      const limit = limitRaw === null ? 50 : Number(limitRaw);
      const before = beforeRaw === null ? undefined : Number(beforeRaw);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new HttpError(400, 'invalid-request');
      if (before !== undefined && !Number.isInteger(before)) throw new HttpError(400, 'invalid-request');
      send(ctx.res, 200, chat.page(c.id, before === undefined ? { limit } : { limit, before }));
    }],
    ['PUT', /^\/conversations\/([^/]+)\/messages\/([^/]+)$/, async (ctx) => {
      const { s, c } = own(ctx);
      const clientId = decodeURIComponent(ctx.params[1] ?? '');
      const body = await readJson(ctx.req);
      if (!CLIENT_ID.test(clientId)) throw new HttpError(400, 'invalid-request');
      checkText(body?.text);
      limiter.take(s.id);
      const r = db.transaction(() => {
        const existing = db.prepare('SELECT id FROM messages WHERE conversation_id = ? AND client_id = ?').get(c.id, clientId);
        if (!existing && c.status === 'closed') throw new HttpError(409, 'conversation-closed');
        const added = chat.addMessage(c.id, { author: { role: 'patient', name: s.name }, kind: 'text', text: body.text, clientId });
        if ('message' in added && added.created && c.mode === 'async' && c.status !== 'waiting-for-clinic') chat.update(c.id, { status: 'waiting-for-clinic' });
        return added;
      })();
      if ('conflict' in r) throw new HttpError(409, 'client-id-conflict');
      // test hook (ServerOptions.ackDelayMs): stored, but the answer is held
      if (ackDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, ackDelayMs));
      if (ctx.res.destroyed) return;
      send(ctx.res, r.created ? 201 : 200, r.message);
    }],
    ['POST', /^\/conversations\/([^/]+)\/read$/, async (ctx) => {
      const { c } = own(ctx);
      const body = await readJson(ctx.req);
      if (typeof body?.messageId !== 'string') throw new HttpError(400, 'invalid-request');
      if (!chat.markRead(c.id, 'patient', body.messageId)) throw new HttpError(404, 'not-found');
      send(ctx.res, 204);
    }],
    ['POST', /^\/conversations\/([^/]+)\/typing$/, async (ctx) => {
      const { s, c } = own(ctx);
      const body = await readJson(ctx.req);
      if (typeof body?.typing !== 'boolean') throw new HttpError(400, 'invalid-request');
      chat.ephemeral(c.id, 'staff', { type: 'typing', typing: body.typing, author: { role: 'patient', name: s.name } });
      send(ctx.res, 204);
    }],
    ['POST', /^\/conversations\/([^/]+)\/actions\/([^/]+)$/, async (ctx) => {
      const { c } = own(ctx);
      const body = await readJson(ctx.req);
      if (!body || !('response' in body)) throw new HttpError(400, 'invalid-request');
      chat.saveResponse(c.id, 'action', decodeURIComponent(ctx.params[1] ?? ''), body.response);
      send(ctx.res, 204);
    }],
    ['POST', /^\/conversations\/([^/]+)\/evaluation$/, async (ctx) => {
      const { c } = own(ctx);
      const body = await readJson(ctx.req);
      if (body?.answers?.resourceType !== 'QuestionnaireResponse') throw new HttpError(400, 'invalid-request');
      chat.saveResponse(c.id, 'evaluation', null, body.answers);
      send(ctx.res, 204);
    }],
    ['GET', /^\/events$/, ({ req, res, url }) => {
      const s = requireSession(db, req, 'patient');
      const last = req.headers['last-event-id'] ?? url.searchParams.get('lastEventId') ?? undefined;
      hub.open(req, res, s.subject, Array.isArray(last) ? last[0] : last);
    }],
  ];
  return routes;
}
