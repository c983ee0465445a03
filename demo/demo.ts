// The demo page: the widget on MemoryBackend, and a control panel that plays the clinic.
import { MemoryBackend, type InjectedFailure } from '../src/testing/index.js';
import { checkQuestionnaire } from '../src/triage/index.js';
import type { Questionnaire as FhirQuestionnaire } from '../src/protocol/index.js';
import '../src/define/vard-chat.js';
import { DOCTOR } from '../src/adapters/memory/fixtures.js';

const questionnaireParam = new URLSearchParams(location.search).get('questionnaire');
const questionnaireUrl = sameOriginUrl(questionnaireParam);
// starts logged out: "Logga in med BankID" walks through the pretend e-ID page and back
const backend = new MemoryBackend({
  session: null, pretendEidUrl: '/demo/pretend-eid.html', ...(questionnaireUrl ? { questionnaireUrl } : {}),
});
let chat = document.querySelector('vard-chat')!;
chat.backend = backend;
(window as unknown as { demoBackend: MemoryBackend }).demoBackend = backend;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('ctl-status');
const say = (text: string) => (status.textContent = text);

$('clinician-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $<HTMLInputElement>('clinician-text');
  const sent = await backend.clinicianSend(input.value);
  say(sent ? 'Skickat som vården.' : 'Ingen öppen chatt: patienten behöver skriva först, eller låt vården starta en.');
});
$<HTMLInputElement>('offline').addEventListener('change', (e) => {
  backend.setOffline((e.target as HTMLInputElement).checked);
  say(backend.offline ? 'Servern är nu onåbar.' : 'Servern nås igen.');
  // as the browser does when its network comes back: the outbox tries at once instead of at its next backoff
  if (!backend.offline) window.dispatchEvent(new Event('online'));
});
$<HTMLInputElement>('latency').addEventListener('change', (e) => (backend.latencyMs = Number((e.target as HTMLInputElement).value) || 0));
const applyFailure = () => {
  const kind = $<HTMLSelectElement>('failure').value as InjectedFailure | '';
  backend.setFailure(kind || null, $<HTMLInputElement>('failure-once').checked ? 1 : Infinity);
  say(kind ? `Nästa anrop misslyckas med: ${kind}` : 'Inga injicerade fel.');
};
$('failure').addEventListener('change', applyFailure);
$('failure-once').addEventListener('change', applyFailure);
$<HTMLSelectElement>('mode').addEventListener('change', (e) => (backend.mode = (e.target as HTMLSelectElement).value as 'sync' | 'async'));
$<HTMLInputElement>('autoreply').addEventListener('change', (e) => (backend.autoReply = (e.target as HTMLInputElement).checked));
$<HTMLInputElement>('reply-delay').addEventListener('change', (e) => (backend.replyDelayMs = Number((e.target as HTMLInputElement).value) || 0));
$('clinic-start').addEventListener('click', async () => {
  await backend.clinicStart('Hej! Vi följer upp ditt besök förra veckan. Hur mår du nu?');
  say('Vården har startat en chatt.');
});
$('close-conv').addEventListener('click', async () => {
  await backend.closeConversation();
  say('Chatten är avslutad.');
});
$('reset').addEventListener('click', async () => {
  await backend.reset();
  say('Allt är återställt. Ladda om sidan.');
});

// ---- bring your own questionnaire ---------------------------------------------------------

function sameOriginUrl(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, location.href);
    if (url.origin === location.origin) return url.href;
  } catch { /* reported below */ }
  queueMicrotask(() => say('?questionnaire= måste vara en adress på samma webbplats; standardformuläret används.'));
  return undefined;
}

/** Shows the engine's verdict in the panel and gives the questionnaire to the widget (which shows the same error). */
function useQuestionnaire(json: unknown): void {
  const result = checkQuestionnaire(json);
  const list = $('q-issues');
  list.replaceChildren(...(result.ok ? [] : result.issues.map((i) => {
    const li = document.createElement('li');
    li.textContent = `${i.linkId ? `linkId "${i.linkId}": ` : ''}${i.code === 'unsupported' ? 'stöds inte / not supported' : 'ogiltigt / invalid'}: ${i.feature}`;
    return li;
  })));
  say(result.ok ? 'Formuläret används: öppna chatten.' : 'Formuläret kan inte användas, se felen ovan. Widgeten visar samma fel.');
  backend.triage = json as FhirQuestionnaire;
  remount();
}

/** A fresh <vard-chat> on the same backend, so the new questionnaire loads. */
function remount(): void {
  const fresh = document.createElement('vard-chat');
  fresh.setAttribute('clinic-name', chat.getAttribute('clinic-name') ?? '');
  fresh.backend = backend;
  chat.replaceWith(fresh);
  chat = fresh;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { resourceType: 'Invalid JSON' };
  }
}

$<HTMLInputElement>('q-file').addEventListener('change', async (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (file) useQuestionnaire(parse(await file.text()));
});
$('q-use').addEventListener('click', () => useQuestionnaire(parse($<HTMLTextAreaElement>('q-paste').value)));
$('q-default').addEventListener('click', () => {
  backend.triage = undefined;
  $('q-issues').replaceChildren();
  say('Standardformuläret används.');
  remount();
});
$('q-show').addEventListener('click', () => {
  const last = [...backend.startRequests.values()].pop();
  const pre = $('q-response');
  pre.hidden = !last;
  pre.textContent = last ? JSON.stringify({ reason: last.reason, mode: last.mode, triage: last.triage }, null, 2) : '';
  say(last ? 'Det här fick vården med den senaste chatten.' : 'Ingen chatt har startats från triaget ännu.');
});
// conversations (issue 6): queue, typing, presence, handover and the next-step actions
let queuePos = 0;
const act = (id: string, fn: () => Promise<unknown>, done: string) =>
  $(id).addEventListener('click', async () => {
    await fn();
    say(done);
  });
act('queue-3', () => backend.setQueue((queuePos = 3)), 'Patienten är nummer 3 i kön.');
act('queue-next', () => backend.setQueue((queuePos = Math.max(0, queuePos - 1))), 'Kön flyttade fram.');
act('typing-on', () => backend.clinicianTyping(true), 'Vården skriver.');
act('typing-off', () => backend.clinicianTyping(false), 'Vården slutade skriva.');
act('presence-on', () => backend.setPresence(true), 'Vården är närvarande.');
act('presence-off', () => backend.setPresence(false), 'Vården har lämnat.');
act('handover', () => backend.handOver('doctor'), 'Flyttad till läkarkön.');
act('handover-person', () => backend.handOver('doctor', DOCTOR), 'Överlämnad till Erik Berg (läkare).');
act('slots', () => backend.proposeSlots(), 'Tider föreslagna.');
act('callback', () => backend.askCallback(), 'Uppringning föreslagen.');
act('video', () => backend.sendVideoLink(), 'Videolänk skickad.');
act('video-no-time', () => backend.sendVideoLink(undefined, { start: null }), 'Videolänk utan tid skickad.');
act('questionnaire', () => backend.sendQuestionnaire(), 'Formulär skickat.');
act('template', () => backend.sendTemplate('kostrad-magsjuka'), 'Mallen "Kostråd vid magsjuka" skickad.');
act('document', () => backend.sendDocument(), 'Dokumentet "Inför operation" (PDF) skickat.');
act('close-eval', () => backend.closeWithEvaluation(), 'Chatten är avslutad med utvärdering.');
setInterval(() => {
  $('patient-typing').textContent = backend.patientTyping ? 'ja' : 'nej';
  const answers = JSON.stringify([...backend.responses, ...backend.evaluations], null, 1);
  if ($('answers').textContent !== answers) $('answers').textContent = answers;
}, 500);
