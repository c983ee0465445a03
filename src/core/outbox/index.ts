export * from './types.js';
export * from '../backoff.js';
export * from './memory-store.js';
export * from './outbox.js';
export * from './memory-env.js';
