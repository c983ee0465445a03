/** `vard-chat/protocol`: the protocol schema module for backend authors (schemas, routes, examples). */
export * from './index.js';
export * from './examples.js';
export * from './notifications.js';
