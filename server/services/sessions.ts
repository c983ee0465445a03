/** Sessions: an opaque random id (cookie or bearer token); patients and staff apart. */
import { randomBytes } from 'node:crypto';
import type { SessionKind, SessionRecord, Store } from '../store/store.js';

export const PATIENT_COOKIE = 'vc_session';
export const STAFF_COOKIE = 'vc_staff';
export const SESSION_SECONDS = 8 * 3600;

export interface Who {
  subject: string;
  name: string;
  profession?: string;
  queue?: string;
}

export class Sessions {
  constructor(private readonly store: Store) {}

  /** Starts a session; returns its id. */
  async create(kind: SessionKind, who: Who): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.store.insertSession({ id, kind, subject: who.subject, name: who.name, profession: who.profession ?? null, queue: who.queue ?? null, expiresAt: Date.now() + SESSION_SECONDS * 1000 });
    return id;
  }

  /** The live session with this id and kind. Ids of another shape are simply not found. */
  async find(id: string | undefined, kind: SessionKind): Promise<SessionRecord | undefined> {
    if (!id || id.length > 200) return undefined;
    return this.store.findSession(id, kind, Date.now());
  }

  async end(id: string | undefined): Promise<void> {
    if (id && id.length <= 200) await this.store.deleteSession(id);
  }
}
