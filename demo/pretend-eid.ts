// The demo's pretend e-ID step: the method the patient chose in the widget (BankID or Freja eID)
// and a test person (the same people as the reference server's provider), signs that person in on
// the mock server (MemoryBackend's IndexedDB) and goes back to the page the patient came from.
// "Avbryt" goes back with vard_login_error=access_denied, like a real cancel.
import { MemoryBackend } from '../src/testing/index.js';
import { TEST_PEOPLE } from '../src/adapters/memory/test-people.js';
import { METHOD_NAMES, pretendEidCard } from '../src/adapters/memory/pretend-eid-page.js';

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

const card = document.getElementById('idp')!;
card.dataset.method = method;
// static markup from a fixed list, every text escaped by pretendEidCard
card.innerHTML = pretendEidCard({ method, requester: 'Vårdcentralen Exempel' });
card.hidden = false;
document.title = `Legitimera dig med ${METHOD_NAMES[method]} (låtsas) – Vård Chat demo`;

const form = document.getElementById('eid-form') as HTMLFormElement;
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  if ((e.submitter as HTMLButtonElement | null)?.id === 'cancel') {
    const back = safeReturn();
    back.searchParams.set('vard_login_error', 'access_denied');
    location.replace(back.href);
    return;
  }
  const subject = new FormData(form).get('person');
  const person = TEST_PEOPLE.find((p) => p.subject === subject) ?? TEST_PEOPLE[0]!;
  await new MemoryBackend().signIn({ subject: person.subject, name: person.name });
  location.replace(safeReturn().href);
});
