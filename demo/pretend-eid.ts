// The demo's pretend e-ID step: looks like choosing BankID or Freja eID with a test person, signs
// that person in on the mock server (MemoryBackend's IndexedDB) and goes back to the page the
// patient came from. "Avbryt" goes back with vard_login_error=access_denied, like a real cancel.
import { MemoryBackend, DEMO_PATIENT } from '../src/testing/index.js';

const PEOPLE = [DEMO_PATIENT, { subject: 'demo-patient-2', name: 'Greta Provsson' }];
const params = new URL(location.href).searchParams;
const method = params.get('method') === 'freja' ? 'freja' : 'bankid';

/** Only a return address on this site is followed (never an open redirect). */
function safeReturn(): URL {
  try {
    const url = new URL(params.get('return_to') ?? '/demo/', location.href);
    if (url.origin === location.origin) return url;
  } catch {
    // fall through
  }
  return new URL('/demo/', location.href);
}

document.getElementById('idp')!.dataset.method = method;
document.getElementById('badge')!.textContent = method === 'freja' ? 'Freja eID' : 'BankID';
document.title = `${method === 'freja' ? 'Freja eID' : 'BankID'} (låtsas) – Vård Chat demo`;

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-person]')) {
  button.addEventListener('click', async () => {
    await new MemoryBackend().signIn(PEOPLE[Number(button.dataset.person)] ?? DEMO_PATIENT);
    location.replace(safeReturn().href);
  });
}
document.getElementById('cancel')!.addEventListener('click', () => {
  const back = safeReturn();
  back.searchParams.set('vard_login_error', 'access_denied');
  location.replace(back.href);
});
