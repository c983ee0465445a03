/**
 * Errors with a status and a machine-readable code. Services throw them (they know the rule, not
 * HTTP: a status is the protocol's name for the rule's outcome); the app's error handler turns
 * every error into `{ code, message }` — and never answers 500 for bad input.
 */
export const MESSAGES: Record<string, string> = {
  'invalid-json': 'The body is not valid JSON.',
  'invalid-request': 'The request is missing a field or has one of the wrong type.',
  'unsupported-media-type': 'This route takes application/json only.',
  'message-too-long': 'The message is longer than 4000 characters.',
  'message-empty': 'The message is empty.',
  'client-id-conflict': 'A message with this clientId exists with a different body.',
  'conversation-closed': 'The conversation is closed.',
  'already-answered': 'This has been answered already.',
  'body-too-large': 'The body is larger than 64 KB.',
  'no-session': 'No valid session: log in.',
  'not-found': 'Not found.',
  'method-not-allowed': 'This path does not take this method.',
  'rate-limited': 'Too many requests; wait Retry-After seconds.',
  forbidden: 'Not allowed.',
  internal: 'Internal error.',
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** For developers (never shown to patients); defaults to the code's standard text. Never patient data. */
    detail?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? MESSAGES[code] ?? code);
  }
}

export const notFound = (): ApiError => new ApiError(404, 'not-found');
export const invalid = (detail?: string): ApiError => new ApiError(400, 'invalid-request', detail);
