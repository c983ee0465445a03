/**
 * Sessions: an opaque random id (cookie or bearer token); patients and staff apart.
 *
 * - Stored hashed: the database holds SHA-256 of the id, the cookie holds the id. A copy of the
 *   database gives no live session.
 * - A new id at every login (create), never reused.
 * - Lifetime: a sliding idle timeout (`idleSeconds`, counted from the last use) and an absolute
 *   cap (`maxSeconds`, from the login). The last use is written at most once a minute per session
 *   (less often than that the idle timeout is that much shorter), not once per request.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SessionKind, SessionRecord, Store } from '../store/store.js';

export const PATIENT_COOKIE = 'vc_session';
export const STAFF_COOKIE = 'vc_staff';
export const IDLE_SECONDS = 900;
export const MAX_SECONDS = 4 * 3600;

export interface Who {
  subject: string;
  name: string;
  profession?: string;
  queue?: string;
  /** A clinician's queues (staff). */
  queues?: string[];
}

export interface SessionTimes {
  idleSeconds?: number;
  maxSeconds?: number;
  /** The clock (epoch ms); tests pass a fake one. */
  now?: () => number;
}

/** SHA-256 of a session id, as stored. */
export const hashId = (id: string): string => createHash('sha256').update(id).digest('base64url');

export class Sessions {
  readonly idleMs: number;
  readonly maxMs: number;
  readonly now: () => number;
  /** How stale the stored last use may get before it is written again. */
  private readonly touchEveryMs: number;
  /** Told the stored id of every session that ends by logout (the hub ends its streams). */
  onEnd: ((storedId: string) => void) | undefined;

  constructor(private readonly store: Store, times: SessionTimes = {}) {
    this.idleMs = (times.idleSeconds ?? IDLE_SECONDS) * 1000;
    this.maxMs = (times.maxSeconds ?? MAX_SECONDS) * 1000;
    this.now = times.now ?? Date.now;
    this.touchEveryMs = Math.min(60_000, Math.floor(this.idleMs / 10));
  }

  /** Starts a session (a new random id); returns the id, which only the client keeps. */
  async create(kind: SessionKind, who: Who): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const t = this.now();
    await this.store.insertSession({
      id: hashId(id), kind, subject: who.subject, name: who.name, profession: who.profession ?? null, queue: who.queue ?? null,
      queues: who.queues ?? null, expiresAt: t + this.maxMs, lastSeenAt: t,
    });
    return id;
  }

  /** The live session with this id and kind (within its idle timeout and cap), marked used. Ids of another shape are simply not found. */
  async find(id: string | undefined, kind: SessionKind): Promise<SessionRecord | undefined> {
    if (!id || id.length > 200) return undefined;
    const t = this.now();
    const s = await this.store.findSession(hashId(id), kind, t, t - this.idleMs);
    if (s && t - (s.lastSeenAt ?? 0) >= this.touchEveryMs) await this.store.touchSession(s.id, t);
    return s;
  }

  async end(id: string | undefined): Promise<void> {
    if (!id || id.length > 200) return;
    await this.store.deleteSession(hashId(id));
    this.onEnd?.(hashId(id));
  }

  /** When a stream of this session must end: its idle deadline (from now) or its cap, whichever comes first. */
  leaseOf(s: SessionRecord): { session: string; until: number } {
    return { session: s.id, until: Math.min(s.expiresAt, this.now() + this.idleMs) };
  }

  /** Deletes expired and idle sessions and expired logins (the purge timer). */
  purge(): Promise<number> {
    const t = this.now();
    return this.store.purgeExpired(t, t - this.idleMs);
  }
}
