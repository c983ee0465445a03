// The clinician console: a plain page on the console API (/console/api) and its event stream.
// Everything from the server is rendered as text (textContent), never as HTML.
const $ = (id) => document.getElementById(id);
const QUEUE_SV = { nurse: 'Sjuksköterska', doctor: 'Läkare', physiotherapist: 'Fysioterapeut', reception: 'Reception' };
const STATUS_SV = { queued: 'i kö', active: 'pågår', 'waiting-for-clinic': 'väntar på vården', 'waiting-for-patient': 'väntar på patienten', closed: 'avslutad' };
let current = null;
let overview = { queues: [], conversations: [], patients: [] };

async function call(method, path, body) {
  const res = await fetch(`/console/api${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error((await res.json().catch(() => ({}))).code ?? `http-${res.status}`);
  return res.status === 204 ? undefined : res.json();
}
const say = (text) => ($('status').textContent = text);
const el = (tag, text, cls) => Object.assign(document.createElement(tag), { textContent: text ?? '', className: cls ?? '' });

async function boot() {
  try {
    const me = await call('GET', '/me');
    $('me').textContent = `Inloggad: ${me.name} (${me.profession}) · kö ${QUEUE_SV[me.queue] ?? me.queue}`;
    $('login').hidden = true;
    $('app').hidden = false;
    await refresh();
    follow();
  } catch {
    $('login').hidden = false;
  }
}

$('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  await call('POST', '/login', { name: f.get('name'), queue: f.get('queue') });
  await boot();
});

async function refresh() {
  overview = await call('GET', '/overview');
  const q = $('queues');
  q.replaceChildren(...overview.queues.map((x) => {
    const li = el('li', `${QUEUE_SV[x.name]}: ${x.waiting} väntar `);
    const b = el('button', 'Ta nästa patient');
    b.type = 'button';
    b.disabled = x.waiting === 0;
    b.addEventListener('click', async () => {
      try { await open((await call('POST', '/next', { queue: x.name })).id); } catch { say('Ingen väntar i kön.'); }
    });
    li.append(b);
    return li;
  }));
  $('conversations').replaceChildren(...overview.conversations.slice().reverse().map((c) => {
    const li = el('li');
    const b = el('button', `${c.patient.name} · ${QUEUE_SV[c.queueName]} · ${STATUS_SV[c.status]}${c.mode === 'async' ? ' · meddelande' : ''}`);
    b.type = 'button';
    if (c.id === current) b.setAttribute('aria-current', 'true');
    b.addEventListener('click', () => open(c.id));
    li.append(b);
    return li;
  }));
  const sel = $('start').elements.patient;
  const chosen = sel.value;
  sel.replaceChildren(...overview.patients.map((p) => Object.assign(el('option', p.name), { value: p.subject })));
  if (chosen) sel.value = chosen;
  const conv = overview.conversations.find((c) => c.id === current);
  if (conv) $('conv-status').textContent = `Status: ${STATUS_SV[conv.status]}${conv.assignee ? ` · ${conv.assignee.name ?? ''}` : ''}`;
}

async function open(id) {
  current = id;
  const conv = overview.conversations.find((c) => c.id === id);
  $('conv-h').textContent = conv ? `Samtal med ${conv.patient.name}` : 'Samtal';
  $('responses').replaceChildren();
  const page = await call('GET', `/conversations/${id}/messages`);
  $('thread').replaceChildren(...page.messages.map(renderMessage));
  $('thread').lastElementChild?.scrollIntoView({ block: 'nearest' });
  await call('POST', `/conversations/${id}/read`);
  await refresh();
}

function renderMessage(m) {
  const li = el('li', '', m.author.role);
  li.dataset.id = m.id;
  const who = m.author.role === 'patient' ? `Patient${m.author.name ? ` (${m.author.name})` : ''}` : m.author.role === 'system' ? 'System' : `${m.author.name ?? 'Vården'}`;
  li.append(el('span', `${who} · ${new Date(m.createdAt).toLocaleTimeString('sv-SE')}${m.kind !== 'text' ? ` · ${m.kind}` : ''}${m.readAt ? ' · läst' : ''}`, 'meta'), el('span', m.text));
  return li;
}

function follow() {
  const es = new EventSource('/console/api/events');
  let timer;
  es.onmessage = (msg) => {
    const e = JSON.parse(msg.data);
    const convId = e.message?.conversationId ?? e.conversation?.id ?? e.conversationId;
    if (e.type === 'message' && convId === current) {
      const old = $('thread').querySelector(`[data-id="${CSS.escape(e.message.id)}"]`);
      if (old) old.replaceWith(renderMessage(e.message));
      else $('thread').append(renderMessage(e.message));
      $('thread').lastElementChild?.scrollIntoView({ block: 'nearest' });
      if (e.message.author.role === 'patient') void call('POST', `/conversations/${current}/read`);
    }
    if (e.type === 'typing' && convId === current) $('typing').textContent = e.typing ? 'Patienten skriver…' : '';
    if (e.type === 'response' && convId === current) $('responses').append(el('li', `${e.kind}${e.actionId ? ` ${e.actionId}` : ''}: ${JSON.stringify(e.response)}`));
    if (e.type === 'message' || e.type === 'conversation') {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 150);
    }
  };
  es.addEventListener('resync', () => void refresh());
  es.onerror = () => say('Anslutningen bröts; återansluter…');
  es.onopen = () => say('');
}

let typingTimer;
$('reply-text').addEventListener('input', () => {
  if (!current) return;
  if (!typingTimer) void call('POST', `/conversations/${current}/typing`, { typing: true });
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => { typingTimer = undefined; void call('POST', `/conversations/${current}/typing`, { typing: false }); }, 2000);
});

$('reply').addEventListener('submit', async (e) => {
  e.preventDefault();
  if (!current) return say('Välj ett samtal först.');
  const text = $('reply-text').value;
  try {
    await call('POST', `/conversations/${current}/messages`, { text });
    $('reply-text').value = '';
    clearTimeout(typingTimer);
    typingTimer = undefined;
    void call('POST', `/conversations/${current}/typing`, { typing: false });
  } catch (err) { say(`Kunde inte skicka: ${err.message}`); }
});

$('handover').addEventListener('submit', async (e) => {
  e.preventDefault();
  if (!current) return say('Välj ett samtal först.');
  const f = new FormData(e.target);
  await call('POST', `/conversations/${current}/handover`, { queue: f.get('queue'), to: f.get('to') || undefined });
  say('Överlämnat.');
});

const at = (days, h, m) => { const d = new Date(); d.setDate(d.getDate() + days); d.setHours(h, m, 0, 0); return d; };
const slot = (id, days, h, m, type) => {
  const start = at(days, h, m);
  const end = new Date(start.getTime() + 20 * 60e3);
  // the widget shows the date, time and kind itself: the label says where
  const label = type === 'video' ? 'länken kommer i chatten' : 'Vårdcentralen Exempel, mottagning 2';
  return { id, start: start.toISOString(), end: end.toISOString(), type, label };
};
const ACTIONS = {
  booking: () => ({ kind: 'booking', text: 'Här är några tider du kan välja mellan.', payload: { actionId: `booking-${Date.now()}`, slots: [slot('s1', 1, 9, 0, 'visit'), slot('s2', 1, 10, 30, 'video'), slot('s3', 2, 14, 0, 'visit')] } }),
  questionnaire: () => ({ kind: 'questionnaire', text: 'Fyll gärna i några frågor före besöket.', payload: { actionId: `questionnaire-${Date.now()}`, questionnaire: {
    resourceType: 'Questionnaire', id: 'pre-visit', status: 'active', item: [
      { linkId: 'since', type: 'string', text: 'Sedan när har du haft besvären?', required: true },
      { linkId: 'fever', type: 'boolean', text: 'Har du feber?' },
      { linkId: 'medication', type: 'text', text: 'Vilka läkemedel tar du?', maxLength: 500 },
    ] } } }),
  callback: () => ({ kind: 'callback', text: 'Vi vill ringa upp dig. Välj när det passar.', payload: { actionId: `callback-${Date.now()}`, windows: [{ id: 'w1', label: 'I dag 13–15' }, { id: 'w2', label: 'I morgon 8–10' }] } }),
  video: () => ({ kind: 'video', text: 'Ditt videomöte börjar i morgon kl. 10.30.', payload: { url: 'https://video.example.se/m/demo-123', start: at(1, 10, 30).toISOString() } }),
};
for (const b of $('actions').querySelectorAll('button[data-action]')) {
  b.addEventListener('click', async () => {
    if (!current) return say('Välj ett samtal först.');
    try {
      if (b.dataset.action === 'close') await call('POST', `/conversations/${current}/close`, { evaluation: true });
      else await call('POST', `/conversations/${current}/messages`, ACTIONS[b.dataset.action]());
      say('Skickat.');
    } catch (err) { say(`Det gick inte: ${err.message}`); }
  });
}

$('start').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  try {
    const c = await call('POST', '/conversations', { patient: f.get('patient'), mode: f.get('mode'), text: f.get('text') });
    e.target.elements.text.value = '';
    await refresh();
    await open(c.id);
  } catch (err) { say(`Kunde inte starta: ${err.message}`); }
});

void boot();
