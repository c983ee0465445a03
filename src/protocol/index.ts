/**
 * The protocol, declared once: every request body, response body, event and message-kind
 * payload between the widget, the reference server, the clinician console and the mock
 * backend, as valibot schemas (runtime check, no `eval`) with their TypeScript types.
 * docs/openapi.yaml is generated from these (`npm run check:protocol`).
 */
export * from './primitives.js';
export * from './fhir.js';
export * from './messages.js';
export * from './attachments.js';
export * from './api.js';
export * from './evaluation.js';
export * from './parse.js';
