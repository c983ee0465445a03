/**
 * Who a patient request is from: a bearer access token from the e-ID broker (browser OIDC,
 * a JWT checked against the broker's keys), else the session (cookie or opaque bearer id).
 */
import type { FastifyRequest } from 'fastify';
import { BearerTokens } from './broker.js';
import type { Deps } from './deps.js';
import { ApiError } from './errors.js';
import { sessionOf } from './http.js';
import { PATIENT_COOKIE } from './services/sessions.js';
import type { SessionRecord } from './store/store.js';

export function patientOf(deps: Deps): (req: FastifyRequest, required: boolean) => Promise<SessionRecord | null> {
  const bySession = sessionOf(deps.sessions, 'patient', PATIENT_COOKIE);
  /** Patients already written for a token (jti), so a token costs one write, not one per request. */
  const known = new Map<string, number>();
  return async (req, required) => {
    const header = req.headers.authorization;
    if (!deps.bearer || !BearerTokens.isJwt(header)) return bySession(req, required);
    const p = await deps.bearer.verify(header!.trim(), `${deps.origin}${req.url}`);
    if (!p) {
      if (required) throw new ApiError(401, 'no-session');
      return null;
    }
    let name = p.name;
    if (!known.has(p.jti)) {
      if (name) await deps.store.upsertPatient({ subject: p.subject, name });
      else name = (await deps.store.findPatient(p.subject))?.name ?? '';
      if (known.size > 10_000) known.clear();
      known.set(p.jti, p.expiresAt);
    }
    if (!name) name = (await deps.store.findPatient(p.subject))?.name ?? 'Patient';
    // one id per patient, so rate limits count the patient, not each token
    return { id: `bearer:${p.subject}`, kind: 'patient', subject: p.subject, name, profession: null, queue: null, expiresAt: p.expiresAt };
  };
}
