/**
 * The made-up test people of every pretend e-ID step: the demo's page (demo/pretend-eid.html, on
 * MemoryBackend) and the reference server's development provider (server/idp.ts). One list, so a
 * tester meets the same people everywhere. No personal identity numbers: the subject is opaque.
 */
export interface TestPerson {
  /** The opaque subject the login gives (the OIDC `sub`). */
  readonly subject: string;
  readonly name: string;
}

export const TEST_PEOPLE: readonly TestPerson[] = [
  { subject: 'demo-patient-1', name: 'Testa Testsson' },
  { subject: 'tp-astrid', name: 'Astrid Andersson' },
  { subject: 'tp-tolvan', name: 'Tolvan Tolvansson' },
  { subject: 'tp-nils', name: 'Nils Nilsson' },
];
