// Sessions: an opaque random id in an HttpOnly cookie (BFF) or, for tests and tools, as a
// bearer token. Patient and staff sessions are apart.
import { randomBytes } from 'node:crypto';
import { parseCookies, HttpError } from './http-util.js';

export const PATIENT_COOKIE = 'vc_session';
export const STAFF_COOKIE = 'vc_staff';
export const SESSION_SECONDS = 8 * 3600;

/** @param {import('./db.js').Db} db @param {'patient'|'staff'} kind @param {{ subject: string, name: string, profession?: string, queue?: string }} who */
export function createSession(db, kind, who) {
  const id = randomBytes(32).toString('base64url');
  db.prepare('INSERT INTO sessions (id, kind, subject, name, profession, queue, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id, kind, who.subject, who.name, who.profession ?? null, who.queue ?? null, Date.now() + SESSION_SECONDS * 1000);
  return id;
}

/** @param {import('node:http').IncomingMessage} req @param {string} cookieName */
export function sessionIdOf(req, cookieName) {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return parseCookies(req.headers.cookie)[cookieName];
}

/**
 * The session of a request, or throws 401.
 * @param {import('./db.js').Db} db @param {import('node:http').IncomingMessage} req @param {'patient'|'staff'} kind
 * @returns {{ id: string, subject: string, name: string, profession: string | null, queue: string | null, expires_at: number }}
 */
export function requireSession(db, req, kind) {
  const s = findSession(db, req, kind);
  if (!s) throw new HttpError(401, 'no-session');
  return s;
}

/** @param {import('./db.js').Db} db @param {import('node:http').IncomingMessage} req @param {'patient'|'staff'} kind */
export function findSession(db, req, kind) {
  const id = sessionIdOf(req, kind === 'patient' ? PATIENT_COOKIE : STAFF_COOKIE);
  if (!id) return undefined;
  const s = /** @type {any} */ (db.prepare('SELECT * FROM sessions WHERE id = ? AND kind = ?').get(id, kind));
  if (!s || s.expires_at < Date.now()) return undefined;
  return s;
}

/** @param {import('./db.js').Db} db @param {string | undefined} id */
export function endSession(db, id) {
  if (id) db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
}
