/** `vard-chat/testing`: the adapter conformance suite. */
export { runBackendConformance } from './conformance.js';
export type { ClinicianDriver, ConformanceTarget, ConformanceOptions, Offers, OfferKind } from './conformance.js';
