/** `vard-chat/testing`: the adapter conformance suite. */
export { runBackendConformance } from './conformance.js';
export type { ClinicianDriver, ConformanceTarget, ConformanceOptions } from './conformance.js';
