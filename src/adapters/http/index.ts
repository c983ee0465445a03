export { HttpBackend } from './http-backend.js';
export type { HttpBackendOptions } from './http-backend.js';
export type { StreamEnvironment } from './environment.js';
export { errorFromResponse, parseRetryAfter } from './request.js';
export type { FetchFn } from './request.js';
export { SseParser } from './sse-parser.js';
