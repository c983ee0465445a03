/**
 * JSON requests of the HTTP protocol and the mapping of every failure to a typed BackendError:
 * fetch throws → network; 401/403 → auth; 404 → not-found; 429 → rate-limited (Retry-After);
 * 408 and 5xx → unavailable (network for 408); other 4xx → rejected with the body's `code`.
 */
import { BackendError } from '../../core/errors.js';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface RequestConfig {
  /** The protocol's base URL, e.g. `https://chat.clinic.se/api` (no trailing slash needed). */
  baseUrl: string;
  fetch: FetchFn;
  /** A bearer token per request; without one the session cookie (credentials) is used. */
  getToken?: (() => string | undefined | Promise<string | undefined>) | undefined;
  /** Fetch credentials mode; `include` by default so a same-site BFF cookie is sent. */
  credentials: RequestCredentials;
}

/** Retry-After as ms: delta-seconds or an HTTP date; absent or bad → undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const CODE = /^[a-z0-9-]{1,64}$/;

/** The typed error for a non-2xx response (reads the error body's machine-readable code). */
export async function errorFromResponse(res: Response): Promise<BackendError> {
  let code: string | undefined;
  try {
    const body: unknown = await res.json();
    const c = (body as { code?: unknown } | null)?.code;
    if (typeof c === 'string' && CODE.test(c)) code = c;
  } catch {
    // no JSON body: the status alone decides
  }
  const s = res.status;
  if (s === 401 || s === 403) return new BackendError('auth', code);
  if (s === 404 || s === 410) return new BackendError('not-found', code);
  if (s === 429) return new BackendError('rate-limited', code ?? 'rate-limited', parseRetryAfter(res.headers.get('retry-after')) ?? 5000);
  if (s === 408) return new BackendError('network', code);
  if (s >= 500) return new BackendError('unavailable', code);
  return new BackendError('rejected', code ?? `http-${s}`);
}

export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

export async function authHeaders(cfg: RequestConfig): Promise<Record<string, string>> {
  const token = await cfg.getToken?.();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Sends a request; resolves the parsed JSON (or undefined for 204) or rejects with a BackendError. */
export async function requestJson(cfg: RequestConfig, method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json', ...(await authHeaders(cfg)) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    const init: RequestInit = { method, headers, credentials: cfg.credentials, cache: 'no-store' };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (signal) init.signal = signal;
    res = await cfg.fetch(joinUrl(cfg.baseUrl, path), init);
  } catch {
    throw new BackendError('network');
  }
  if (!res.ok) throw await errorFromResponse(res);
  if (res.status === 204) return undefined;
  try {
    return await res.json();
  } catch {
    throw new BackendError('unavailable', 'invalid-response');
  }
}
