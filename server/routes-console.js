// The clinician console's API, mounted under /console/api. Not part of the patient protocol;
// the console page (server/console/) and the conformance driver use it.
import { randomUUID } from 'node:crypto';
import { HttpError, readJson, send, cookie } from './http-util.js';
import { createSession, endSession, requireSession, sessionIdOf, STAFF_COOKIE, SESSION_SECONDS } from './sessions.js';
import { Chat, QUEUES } from './chat.js';
import { checkText } from './routes-patient.js';

const KINDS = new Set(['text', 'booking', 'questionnaire', 'callback', 'video']);

export const evaluationQuestionnaire = {
  resourceType: 'Questionnaire', id: 'chat-evaluation', status: 'active',
  item: [
    { linkId: 'satisfaction', type: 'choice', required: true, text: 'Hur nöjd är du med chatten?',
      answerOption: [1, 2, 3, 4, 5].map((n) => ({ valueInteger: n })) },
    { linkId: 'comment', type: 'text', text: 'Vill du berätta mer?', maxLength: 1000 },
  ],
};

/** @param {import('./routes-patient.js').Deps & { secure: boolean }} d */
export function consoleRoutes(d) {
  const { db, chat, hub } = d;
  /** @param {import('./routes-patient.js').Ctx} ctx */
  const staff = (ctx) => requireSession(db, ctx.req, 'staff');
  /** @param {import('./routes-patient.js').Ctx} ctx */
  const conv = (ctx) => {
    const s = staff(ctx);
    const c = chat.row(ctx.params[0] ?? '');
    if (!c) throw new HttpError(404, 'not-found');
    return { s, c };
  };
  /** @param {any} s */
  const me = (s) => ({ role: 'clinician', name: s.name, profession: s.profession ?? Chat.profession(s.queue ?? 'nurse') });
  /**
   * Presence: a clinician is online while they have the console open (its event stream). The
   * patients of their open conversations hear when that changes, and when they join one.
   * @type {Map<string, number>} open console streams per clinician name
   */
  const streams = new Map();
  const online = (/** @type {string} */ name) => (streams.get(name) ?? 0) > 0;
  /** @param {any} s @param {boolean} isOnline @param {string} [only] one conversation id */
  const announce = (s, isOnline, only) => {
    const author = me(s);
    const rows = /** @type {{ id: string, assignee: string }[]} */ (db.prepare("SELECT id, assignee FROM conversations WHERE status != 'closed' AND assignee IS NOT NULL").all());
    for (const r of rows) {
      if ((only === undefined || r.id === only) && JSON.parse(r.assignee).name === author.name) {
        chat.ephemeral(r.id, 'patient', { type: 'presence', online: isOnline, author });
      }
    }
  };
  /** Joins a conversation on the clinician's first act in it. @param {any} s @param {any} c */
  const join = (s, c) => {
    const author = me(s);
    if (c.assignee && JSON.parse(c.assignee).name === author.name && c.status !== 'queued') return;
    if (online(author.name)) queueMicrotask(() => announce(s, true, c.id));
    chat.addMessage(c.id, { author: { role: 'system' }, kind: 'system', text: `${author.name} (${author.profession}) anslöt till chatten.`, payload: { event: 'joined' } });
    chat.update(c.id, { assignee: author, status: c.mode === 'sync' ? 'active' : c.status === 'queued' ? 'waiting-for-clinic' : c.status });
  };

  /** @type {[string, RegExp, (ctx: import('./routes-patient.js').Ctx) => Promise<void> | void][]} */
  return [
    ['POST', /^\/login$/, async ({ req, res }) => {
      const body = await readJson(req);
      const name = typeof body?.name === 'string' && body.name.trim() ? body.name.trim().slice(0, 80) : null;
      const queue = QUEUES.includes(body?.queue) ? body.queue : 'nurse';
      if (!name) throw new HttpError(400, 'invalid-request');
      const profession = typeof body.profession === 'string' && body.profession ? body.profession.slice(0, 60) : Chat.profession(queue);
      const id = createSession(db, 'staff', { subject: `staff-${randomUUID()}`, name, profession, queue });
      send(res, 200, { token: id, name, profession, queue }, { 'set-cookie': cookie(STAFF_COOKIE, id, { maxAge: SESSION_SECONDS, secure: d.secure, path: '/console' }) });
    }],
    ['POST', /^\/logout$/, ({ req, res }) => {
      endSession(db, sessionIdOf(req, STAFF_COOKIE));
      send(res, 204, undefined, { 'set-cookie': cookie(STAFF_COOKIE, '', { maxAge: 0, secure: d.secure, path: '/console' }) });
    }],
    ['GET', /^\/me$/, (ctx) => {
      const s = staff(ctx);
      send(ctx.res, 200, { name: s.name, profession: s.profession, queue: s.queue });
    }],
    ['GET', /^\/overview$/, (ctx) => {
      staff(ctx);
      const conversations = chat.listAll();
      const queues = QUEUES.map((q) => ({ name: q, waiting: conversations.filter((c) => c.queueName === q && (c.status === 'queued' || (c.status === 'waiting-for-clinic' && !c.assignee))).length }));
      const patients = db.prepare('SELECT subject, name FROM patients ORDER BY name').all();
      send(ctx.res, 200, { queues, conversations, patients });
    }],
    ['POST', /^\/next$/, async (ctx) => {
      const s = staff(ctx);
      const body = await readJson(ctx.req);
      const c = chat.nextInQueue(QUEUES.includes(body?.queue) ? body.queue : s.queue ?? 'nurse');
      if (!c) throw new HttpError(404, 'not-found');
      join(s, c);
      send(ctx.res, 200, chat.view(chat.row(c.id)));
    }],
    ['POST', /^\/conversations$/, async (ctx) => {
      const s = staff(ctx);
      const body = await readJson(ctx.req);
      checkText(body?.text);
      const p = db.prepare('SELECT subject FROM patients WHERE subject = ?').get(body.patient);
      if (!p) throw new HttpError(404, 'not-found');
      const created = chat.create({ patient: body.patient, mode: body.mode === 'sync' ? 'sync' : 'async', initiator: 'clinic', queue: s.queue ?? 'nurse', assignee: me(s), subject: typeof body.subject === 'string' ? body.subject.slice(0, 120) : undefined });
      chat.addMessage(created.id, { author: me(s), kind: 'text', text: body.text });
      send(ctx.res, 201, chat.view(chat.row(created.id)));
    }],
    ['GET', /^\/conversations\/([^/]+)\/messages$/, (ctx) => {
      const { c } = conv(ctx);
      send(ctx.res, 200, chat.page(c.id, { limit: 200 }));
    }],
    ['POST', /^\/conversations\/([^/]+)\/messages$/, async (ctx) => {
      const { s, c } = conv(ctx);
      const body = await readJson(ctx.req);
      const kind = body?.kind ?? 'text';
      if (!KINDS.has(kind)) throw new HttpError(400, 'invalid-request');
      checkText(body.text);
      if (c.status === 'closed') throw new HttpError(409, 'conversation-closed');
      join(s, c);
      const { message } = /** @type {any} */ (chat.addMessage(c.id, { author: me(s), kind, text: body.text, payload: body.payload }));
      chat.markRead(c.id, 'staff');
      if (c.mode === 'async') chat.update(c.id, { status: 'waiting-for-patient' });
      send(ctx.res, 201, message);
    }],
    ['POST', /^\/conversations\/([^/]+)\/typing$/, async (ctx) => {
      const { s, c } = conv(ctx);
      const body = await readJson(ctx.req);
      if (typeof body?.typing !== 'boolean') throw new HttpError(400, 'invalid-request');
      chat.ephemeral(c.id, 'patient', { type: 'typing', typing: body.typing, author: me(s) });
      send(ctx.res, 204);
    }],
    ['POST', /^\/conversations\/([^/]+)\/read$/, (ctx) => {
      const { c } = conv(ctx);
      chat.markRead(c.id, 'staff');
      send(ctx.res, 204);
    }],
    ['POST', /^\/conversations\/([^/]+)\/handover$/, async (ctx) => {
      const { s, c } = conv(ctx);
      const body = await readJson(ctx.req);
      if (!QUEUES.includes(body?.queue)) throw new HttpError(400, 'invalid-request');
      const to = typeof body.to === 'string' && body.to.trim() ? { role: 'clinician', name: body.to.trim().slice(0, 80), profession: Chat.profession(body.queue) } : undefined;
      const text = to ? `Du kopplas vidare till ${to.name} (${to.profession}).` : `Du kopplas vidare till ${Chat.profession(body.queue)}.`;
      chat.addMessage(c.id, { author: { role: 'system' }, kind: 'handover', text, payload: { from: me(s), toQueue: body.queue, ...(to ? { to } : {}) } });
      chat.update(c.id, { queue: body.queue, assignee: to ?? null, status: to ? c.status : c.mode === 'sync' ? 'queued' : 'waiting-for-clinic' });
      send(ctx.res, 200, chat.view(chat.row(c.id)));
    }],
    ['POST', /^\/conversations\/([^/]+)\/close$/, async (ctx) => {
      const { c } = conv(ctx);
      const body = await readJson(ctx.req);
      if (c.status !== 'closed') {
        chat.addMessage(c.id, { author: { role: 'system' }, kind: 'system', text: 'Chatten är avslutad.', payload: { event: 'closed' } });
        if (body?.evaluation !== false) {
          chat.addMessage(c.id, { author: { role: 'system' }, kind: 'evaluation', text: 'Hur nöjd är du med chatten?', payload: { questionnaire: evaluationQuestionnaire } });
        }
        chat.update(c.id, { status: 'closed' });
      }
      send(ctx.res, 200, chat.view(chat.row(c.id)));
    }],
    ['GET', /^\/events$/, (ctx) => {
      const s = staff(ctx);
      const last = ctx.req.headers['last-event-id'] ?? ctx.url.searchParams.get('lastEventId') ?? undefined;
      hub.open(ctx.req, ctx.res, null, Array.isArray(last) ? last[0] : last);
      const name = me(s).name;
      streams.set(name, (streams.get(name) ?? 0) + 1);
      if (streams.get(name) === 1) announce(s, true);
      ctx.res.on('close', () => {
        const n = (streams.get(name) ?? 1) - 1;
        if (n > 0) return void streams.set(name, n);
        streams.delete(name);
        announce(s, false);
      });
    }],
  ];
}
