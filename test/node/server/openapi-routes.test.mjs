// The protocol document matches the server: every operation in docs/openapi.yaml is called
// against the reference server and answers with a status the document lists; and every patient
// route the server has is documented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { startServer, PATIENT_ROUTES } from '../../../dist/server/app.js';
import { CookieJar } from './cookie-jar.mjs';
import { NOTIFY_ROUTES } from '../../../dist/server/app.js';

/** Operations from docs/openapi.yaml (a real YAML parser: the file is generated, any layout is valid). */
function operations() {
  const doc = parse(readFileSync(new URL('../../../docs/openapi.yaml', import.meta.url), 'utf8'));
  return Object.entries(doc.paths).flatMap(([path, item]) => ['get', 'put', 'post', 'delete', 'patch']
    .filter((m) => item[m])
    .map((m) => ({ path, method: m.toUpperCase(), codes: Object.keys(item[m].responses).map(Number) })));
}

test('every documented route answers as documented', async () => {
  // notifications: an e-mail channel that keeps what it was given (the code is read from it)
  const sent = [];
  const s = await startServer({ devLogin: true, notify: { channels: { email: { name: 'email', send: async (to, note) => void sent.push({ to, note }) } } } });
  const jar = new CookieJar();
  try {
    const { token } = await (await fetch(`${s.url}/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json();
    const H = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const api = (method, path, body) => fetch(`${s.url}/api${path}`, { method, headers: H, body: body === undefined ? undefined : JSON.stringify(body) });
    const conv = await (await api('POST', '/conversations', { mode: 'async', reason: 'advice' })).json();
    const mine = await (await api('PUT', `/conversations/${conv.id}/messages/doc-1`, { text: 'hej' })).json();
    // a clinician offers a booking (the server assigns its actionId); closes (with an evaluation request) before the evaluation call
    const staff = await (await fetch(`${s.url}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Anna Svensson' }) })).json();
    const console_ = (path, body) => fetch(`${s.url}/console/api${path}`, { method: 'POST', headers: { authorization: `Bearer ${staff.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const offer = await (await console_(`/conversations/${conv.id}/messages`, { kind: 'booking', text: 'Välj en tid.', payload: { slots: [{ id: 's1', start: '2030-01-01T09:00:00Z', end: '2030-01-01T09:20:00Z', type: 'visit' }] } })).json();
    const jpeg = readFileSync(new URL('../../fixtures/attachments/tiny.jpg', import.meta.url));
    const upload = (clientId) => fetch(`${s.url}/api/conversations/${conv.id}/attachments/${clientId}/0`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg', 'x-attachment-name': 'bild.jpg' }, body: jpeg });
    const stored = await (await upload('doc-att-1')).json();
    const thumb = (clientId) => fetch(`${s.url}/api/conversations/${conv.id}/attachments/${clientId}/0/thumbnail`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' }, body: jpeg });
    await thumb('doc-att-1');
    // stored before the calls (one of them closes the conversation): the documented call is its idempotent repeat, 200
    await upload('doc-att-2');
    await thumb('doc-att-2');
    /** One call per operation: key "METHOD /path". */
    const calls = {
      'GET /session': () => api('GET', '/session'),
      'DELETE /session': async () => {
        // a session of its own, so the calls after this one keep theirs
        const { token: own } = await (await fetch(`${s.url}/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json();
        const res = await fetch(`${s.url}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${own}` } });
        const after = await fetch(`${s.url}/api/session`, { headers: { authorization: `Bearer ${own}` } });
        assert.deepEqual([after.status, await after.json()], [200, { loggedIn: false }], 'the session is over');
        assert.match(res.headers.get('set-cookie') ?? '', /vc_session=;.*Max-Age=0/, 'the cookie is cleared');
        return res;
      },
      'GET /triage': () => fetch(`${s.url}/api/triage`),
      'GET /conversations': () => api('GET', '/conversations'),
      'POST /conversations': () => api('POST', '/conversations', { mode: 'sync', reason: 'medication' }),
      'GET /conversations/{conversationId}/messages': () => api('GET', `/conversations/${conv.id}/messages?limit=10`),
      'PUT /conversations/{conversationId}/messages/{clientId}': () => api('PUT', `/conversations/${conv.id}/messages/doc-2`, { text: 'hej igen' }),
      'PUT /conversations/{conversationId}/attachments/{clientId}/{index}': () => upload('doc-att-2'),
      'GET /conversations/{conversationId}/attachments/{attachmentId}': () => api('GET', `/conversations/${conv.id}/attachments/${stored.id}`),
      'PUT /conversations/{conversationId}/attachments/{clientId}/{index}/thumbnail': () => thumb('doc-att-2'),
      'GET /conversations/{conversationId}/attachments/{attachmentId}/thumbnail': () => api('GET', `/conversations/${conv.id}/attachments/${stored.id}/thumbnail`),
      'GET /conversations/{conversationId}/attachments': () => api('GET', `/conversations/${conv.id}/attachments`),
      'POST /conversations/{conversationId}/read': () => api('POST', `/conversations/${conv.id}/read`, { messageId: mine.id }),
      'POST /conversations/{conversationId}/typing': () => api('POST', `/conversations/${conv.id}/typing`, { typing: true }),
      'POST /conversations/{conversationId}/actions/{actionId}': () => api('POST', `/conversations/${conv.id}/actions/${offer.payload.actionId}`, { response: { slotId: 's1' } }),
      'POST /conversations/{conversationId}/evaluation': async () => (await console_(`/conversations/${conv.id}/close`, {})) && api('POST', `/conversations/${conv.id}/evaluation`, { answers: { resourceType: 'QuestionnaireResponse', status: 'completed', item: [{ linkId: 'satisfaction', answer: [{ valueCoding: { code: '5', display: 'Mycket nöjd' } }] }] } }),
      'GET /events': async () => {
        const ctrl = new AbortController();
        const res = await fetch(`${s.url}/api/events`, { headers: H, signal: ctrl.signal });
        assert.match(res.headers.get('content-type'), /^text\/event-stream/);
        ctrl.abort();
        return res;
      },
      'GET /notifications': () => api('GET', '/notifications'),
      'PUT /notifications/{channel}': () => api('PUT', '/notifications/email', { address: 'patient@example.se' }),
      'POST /notifications/{channel}/confirm': async () => {
        await api('PUT', '/notifications/email', { address: 'other@example.se' });
        const code = /\b(\d{6})\b/.exec(sent.at(-1).note.text)[1];
        return api('POST', '/notifications/email/confirm', { code });
      },
      'DELETE /notifications/{channel}': () => api('DELETE', '/notifications/email'),
      'GET /auth/login': () => jar.fetch(`${s.url}/auth/login?method=bankid&return=/`),
      'GET /auth/callback': () => jar.fetch(`${s.url}/auth/callback?state=not-the-cookie&code=x`),
      'POST /auth/logout': () => jar.fetch(`${s.url}/auth/logout`, { method: 'POST' }),
    };
    const ops = operations();
    assert.ok(ops.length >= 15, `found ${ops.length} operations`);
    for (const op of ops) {
      const key = `${op.method} ${op.path}`;
      assert.ok(calls[key], `no test call for documented ${key}`);
      const res = await calls[key]();
      assert.ok(op.codes.includes(res.status), `${key} answered ${res.status}, documented ${op.codes.join('/')}`);
      assert.ok(res.status < 400 || key === 'GET /auth/callback', `${key} should succeed here (got ${res.status})`);
    }
    assert.deepEqual(Object.keys(calls).sort(), ops.map((o) => `${o.method} ${o.path}`).sort(), 'no test call for an undocumented route');
    // every patient route of the server is documented
    for (const { method, path } of [...Object.values(PATIENT_ROUTES), ...Object.values(NOTIFY_ROUTES)]) {
      const documented = ops.filter((o) => o.method === method && o.path === path);
      assert.equal(documented.length, 1, `server route ${method} ${path} is documented once`);
    }
  } finally {
    await s.close();
  }
});
