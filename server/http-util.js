// Small HTTP helpers on node:http: JSON bodies with a size limit, error bodies with a machine-
// readable code, cookies, CORS for allowed same-site origins, and a token-bucket rate limit.

export const MAX_BODY_BYTES = 64 * 1024;

export class HttpError extends Error {
  /** @param {number} status @param {string} code @param {Record<string,string>} [headers] */
  constructor(status, code, headers = {}) {
    super(code);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

const MESSAGES = /** @type {Record<string, string>} */ ({
  'invalid-json': 'The body is not valid JSON.',
  'invalid-request': 'The request is missing a field or has one of the wrong type.',
  'message-too-long': 'The message is longer than 4000 characters.',
  'message-empty': 'The message is empty.',
  'client-id-conflict': 'A message with this clientId exists with a different body.',
  'conversation-closed': 'The conversation is closed.',
  'body-too-large': 'The body is larger than 64 KB.',
  'no-session': 'No valid session: log in.',
  'not-found': 'Not found.',
  'rate-limited': 'Too many requests; wait Retry-After seconds.',
  forbidden: 'Not allowed.',
});

/** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} [body] @param {Record<string,string>} [headers] */
export function send(res, status, body, headers = {}) {
  if (res.headersSent) return;
  const h = { 'cache-control': 'no-store', ...headers };
  if (body === undefined) {
    res.writeHead(status, h).end();
    return;
  }
  res.writeHead(status, { ...h, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/** @param {import('node:http').ServerResponse} res @param {HttpError} err */
export function sendError(res, err) {
  send(res, err.status, { code: err.code, message: MESSAGES[err.code] ?? err.code }, err.headers);
}

/** Reads a JSON body (≤ 64 KB). An empty body reads as {}. @param {import('node:http').IncomingMessage} req @returns {Promise<any>} */
export async function readJson(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'body-too-large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid-json');
  }
}

/** @param {string | undefined} header */
export function parseCookies(header) {
  /** @type {Record<string,string>} */
  const out = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/** @param {string} name @param {string} value @param {{ maxAge?: number, secure?: boolean, path?: string }} o */
export function cookie(name, value, o) {
  return [`${name}=${encodeURIComponent(value)}`, `Path=${o.path ?? '/'}`, 'HttpOnly', 'SameSite=Lax',
    o.maxAge !== undefined ? `Max-Age=${o.maxAge}` : '', o.secure ? 'Secure' : ''].filter(Boolean).join('; ');
}

/**
 * CORS for origins the operator allows (the clinic's own pages on the same site). Credentials are
 * allowed, so the origin is echoed, never `*`. Returns true when the request was a preflight.
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {(origin: string) => boolean} allowed
 */
export function cors(req, res, allowed) {
  const origin = req.headers.origin;
  res.setHeader('vary', 'Origin');
  if (!origin || !allowed(origin)) return false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-allow-credentials', 'true');
  res.setHeader('access-control-expose-headers', 'Retry-After');
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'access-control-allow-headers': 'content-type, authorization, last-event-id',
    'access-control-max-age': '600',
  }).end();
  return true;
}

/** A token bucket per key: `perMinute` requests, refilled continuously. */
export class RateLimiter {
  /** @param {number} perMinute */
  constructor(perMinute) {
    this.perMinute = perMinute;
    /** @type {Map<string, { tokens: number, at: number }>} */
    this.buckets = new Map();
  }

  /** Takes one token or throws 429 with Retry-After (seconds). @param {string} key */
  take(key) {
    const rate = this.perMinute / 60_000;
    const t = Date.now();
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: t };
    b.tokens = Math.min(this.perMinute, b.tokens + (t - b.at) * rate);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens < 1) throw new HttpError(429, 'rate-limited', { 'retry-after': String(Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000))) });
    b.tokens -= 1;
  }
}
