/**
 * The console API client (/console/api). Every answer is checked before the UI sees it; every
 * failure becomes a ConsoleApiError with a code the UI maps to a Swedish sentence. Nothing of
 * what the nurse types goes into a URL: ids only, bodies as JSON.
 */

/** Why a call failed. `network`: no answer; `auth`: the staff session is gone; `response`: an answer that failed its schema. */
export const ApiErrorCode = {
  network: 'network',
  auth: 'auth',
  forbidden: 'forbidden',
  notFound: 'not-found',
  conflict: 'conflict',
  invalid: 'invalid',
  rateLimited: 'rate-limited',
  server: 'server',
  response: 'response',
} as const;
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

export class ConsoleApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly status = 0,
    /** The server's own `code`, when it sent one (e.g. "conversation-closed"). */
    readonly serverCode?: string,
  ) {
    super(serverCode ?? code);
    this.name = 'ConsoleApiError';
  }
}

/** A response check: returns the typed value or throws (a valibot `parse` fits). */
export type Check<T> = (value: unknown) => T;

export function codeForStatus(status: number): ApiErrorCode {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'invalid';
}

export interface ApiOptions {
  /** Base of the API, default `/console/api`. */
  base?: string;
  fetch?: typeof fetch;
}

export class ConsoleHttp {
  readonly base: string;
  private readonly fetchFn: typeof fetch;

  constructor(opts: ApiOptions = {}) {
    this.base = opts.base ?? '/console/api';
    this.fetchFn = opts.fetch ?? ((...a) => fetch(...a));
  }

  /** A call whose answer is checked with `check`; `undefined` check means no body is expected (204). */
  async call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, check: Check<T>): Promise<T>;
  async call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<void>;
  async call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, check?: Check<T>): Promise<T | void> {
    let res: Response;
    try {
      res = await this.fetchFn(`${this.base}${path}`, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ConsoleApiError('network');
    }
    return this.answer(res, check);
  }

  /**
   * PUTs a file as the raw body (its type as Content-Type; the name percent-encoded in a header,
   * never in the URL) and checks the answer. A refusal keeps the server's code (`serverCode`:
   * unsupported-media-type, attachment-too-large, attachment-invalid, attachment-rejected, …).
   */
  async upload<T>(path: string, file: Blob, headers: Record<string, string>, check: Check<T>): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchFn(`${this.base}${path}`, {
        method: 'PUT', credentials: 'same-origin', headers: { 'content-type': file.type, accept: 'application/json', ...headers }, body: file,
      });
    } catch {
      throw new ConsoleApiError('network');
    }
    return this.answer(res, check);
  }

  /** A refusal as a ConsoleApiError with the server's code; an answer checked with `check` (none: no body expected). */
  private async answer<T>(res: Response, check: Check<T>): Promise<T>;
  private async answer<T>(res: Response, check: Check<T> | undefined): Promise<T | void>;
  private async answer<T>(res: Response, check: Check<T> | undefined): Promise<T | void> {
    if (!res.ok) {
      const problem: unknown = await res.json().catch(() => null);
      const serverCode = isObj(problem) && typeof problem.code === 'string' ? problem.code.slice(0, 80) : undefined;
      throw new ConsoleApiError(codeForStatus(res.status), res.status, serverCode);
    }
    if (!check) return;
    const json: unknown = await res.json().catch(() => {
      throw new ConsoleApiError('response', res.status);
    });
    try {
      return check(json);
    } catch {
      throw new ConsoleApiError('response', res.status);
    }
  }

  /** The raw text of a GET (the record note), or a Blob (the FHIR Bundle). */
  async fetchRaw(path: string, accept: string): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchFn(`${this.base}${path}`, { credentials: 'same-origin', headers: { accept } });
    } catch {
      throw new ConsoleApiError('network');
    }
    if (!res.ok) throw new ConsoleApiError(codeForStatus(res.status), res.status);
    return res;
  }
}

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
