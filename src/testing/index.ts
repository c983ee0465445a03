/**
 * `vard-chat/testing`: the conformance suites (a backend adapter, an outbox store) and the
 * in-browser mock backend with its simulated clinic.
 */
export { runBackendConformance } from './conformance.js';
export type { ClinicianDriver, ConformanceTarget, ConformanceOptions, Offers, OfferKind } from './conformance.js';
export { runOutboxStoreConformance } from './outbox-store-conformance.js';
export type { OutboxStoreTarget } from './outbox-store-conformance.js';
export { MemoryBackend, DEMO_PATIENT, DEMO_CLINICIAN } from '../adapters/memory/memory-backend.js';
export type { MemoryBackendOptions, InjectedFailure } from '../adapters/memory/memory-backend.js';
export { MemoryOutboxStore } from '../core/outbox/memory-store.js';
export { MemoryLocks, MemoryBroadcastHub, ManualClock } from '../core/outbox/memory-env.js';
