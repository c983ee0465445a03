/**
 * The pretend e-ID step's card, one markup for both places it is shown: the demo's page
 * (demo/pretend-eid.ts, on MemoryBackend) and the reference server's development provider
 * (server/idp.ts). Styled by demo/pretend-eid.css. The method the patient already chose in the
 * widget is shown, not asked again; "Avbryt" cancels the login. Development only.
 */
import { TEST_PEOPLE, type TestPerson } from './test-people.js';

export type PretendEidMethod = 'bankid' | 'freja';

export const METHOD_NAMES: Record<PretendEidMethod, string> = { bankid: 'BankID', freja: 'Freja eID' };

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PretendEidCardOptions {
  method: PretendEidMethod;
  /** Who asks (shown as "… vill veta vem du är"). */
  requester: string;
  /** Where the form posts the chosen person (`person=<subject>`); none: the page's script handles it. */
  action?: string;
  /** Where "Avbryt" posts; none: the page's script handles it. */
  cancelAction?: string;
  people?: readonly TestPerson[];
}

/** The card's inner HTML (every text escaped). */
export function pretendEidCard(o: PretendEidCardOptions): string {
  const name = METHOD_NAMES[o.method];
  const people = o.people ?? TEST_PEOPLE;
  return `<div class="brand"><span class="mark" aria-hidden="true"></span><span class="method">${esc(name)}</span></div>
<h1 id="idp-title">Legitimera dig med ${esc(name)}</h1>
<p class="lead">${esc(o.requester)} vill veta vem du är. Välj en testperson och legitimera dig.</p>
<form method="post"${o.action ? ` action="${esc(o.action)}"` : ''} id="eid-form">
<fieldset><legend>Testperson</legend>
${people.map((p, i) => `<label class="person"><input type="radio" name="person" value="${esc(p.subject)}"${i === 0 ? ' checked' : ''}> ${esc(p.name)}</label>`).join('\n')}
</fieldset>
<div class="actions"><button class="primary" type="submit">Legitimera</button>
<button class="secondary" type="submit" id="cancel" name="cancel" value="1"${o.cancelAction ? ` formaction="${esc(o.cancelAction)}"` : ''}>Avbryt</button></div>
</form>`;
}
