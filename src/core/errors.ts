/** Typed backend errors. Transient ones are retried; permanent ones fail the message. */
export const BackendErrorKind = {
  /** No connection, or the request did not complete. Transient. */
  Network: 'network',
  /** The server is down or overloaded (5xx). Transient. */
  Unavailable: 'unavailable',
  /** Too many requests; wait `retryAfterMs`. Transient. */
  RateLimited: 'rate-limited',
  /** The request is invalid and will never succeed as is (4xx). Permanent. */
  Rejected: 'rejected',
  /** The thing does not exist (or is not the patient's). Permanent. */
  NotFound: 'not-found',
  /** The session is gone; log in again. */
  Auth: 'auth',
} as const;
export type BackendErrorKind = (typeof BackendErrorKind)[keyof typeof BackendErrorKind];

export class BackendError extends Error {
  override readonly name = 'BackendError';
  constructor(
    readonly kind: BackendErrorKind,
    /** Machine-readable reason, e.g. `message-too-long`. Never patient content. */
    readonly code?: string,
    /** For `rate-limited`: how long to wait before retrying. */
    readonly retryAfterMs?: number,
  ) {
    super(code ? `${kind}: ${code}` : kind);
  }

  /** True when retrying the same request later may succeed. */
  get transient(): boolean {
    return isTransient(this.kind);
  }
}

export function isTransient(kind: BackendErrorKind): boolean {
  return kind === 'network' || kind === 'unavailable' || kind === 'rate-limited';
}

/** Normalises anything thrown by an adapter into a BackendError (unknown → network). */
export function toBackendError(err: unknown): BackendError {
  if (err instanceof BackendError) return err;
  return new BackendError('network');
}
