/**
 * The made-up test people of every pretend e-ID step: the demo's page (demo/pretend-eid.html, on
 * MemoryBackend) and the reference server's development provider (server/idp.ts). One list, so a
 * tester meets the same people everywhere. The personal identity numbers are made-up test numbers
 * (Tolvan's is the well-known 19121212-1212) that only the reference server's provider uses, in the
 * claim a broker sends; the server keeps only an HMAC of them.
 */
export interface TestPerson {
  /** The opaque subject the login gives (the OIDC `sub`). */
  readonly subject: string;
  readonly name: string;
  /** A test personal identity number (12 digits), for the reference server's pretend provider. */
  readonly personalNumber: string;
}

export const TEST_PEOPLE: readonly TestPerson[] = [
  { subject: 'demo-patient-1', name: 'Testa Testsson', personalNumber: '199001012385' },
  { subject: 'tp-astrid', name: 'Astrid Andersson', personalNumber: '195001182046' },
  { subject: 'tp-tolvan', name: 'Tolvan Tolvansson', personalNumber: '191212121212' },
  { subject: 'tp-nils', name: 'Nils Nilsson', personalNumber: '196408233234' },
];
