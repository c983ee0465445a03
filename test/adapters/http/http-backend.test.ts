import { expect } from '@open-wc/testing';
import { http, HttpResponse, getResponse, type RequestHandler } from 'msw';
import { HttpBackend } from '../../../src/adapters/http/http-backend.js';
import { parseRetryAfter, type FetchFn } from '../../../src/adapters/http/request.js';
import { BackendError } from '../../../src/core/errors.js';

const API = 'https://api.example.test/api';
const conv = { id: 'c1', mode: 'sync', status: 'queued', initiator: 'patient', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
const msg = { id: 'm1', clientId: 'k1', conversationId: 'c1', seq: 1, author: { role: 'patient' }, kind: 'text', text: 'hej', createdAt: '2026-01-01T00:00:00Z' };

// msw request handlers, resolved through HttpBackend's injectable fetch rather than a Service
// Worker: a worker would also take over the other test pages of this origin (and buffer their
// real event streams to the reference server).
let handlers: RequestHandler[] = [];
const worker = {
  use: (...h: RequestHandler[]) => void handlers.unshift(...h),
  resetHandlers: () => void (handlers = []),
};
const mswFetch: FetchFn = async (input, init) => {
  const res = await getResponse(handlers, new Request(input, init));
  if (!res || res.type === 'error') throw new TypeError('Failed to fetch');
  return res;
};
afterEach(() => worker.resetHandlers());

async function failure(p: Promise<unknown>): Promise<BackendError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(BackendError);
    return e as BackendError;
  }
  throw new Error('expected a rejection');
}

const put = (respond: Parameters<typeof http.put>[1]) => worker.use(http.put(`${API}/conversations/c1/messages/:clientId`, respond));
const backend = (opts: Partial<ConstructorParameters<typeof HttpBackend>[0]> = {}) => new HttpBackend({ baseUrl: API, fetch: mswFetch, warn: () => undefined, ...opts });

describe('HttpBackend: error mapping (msw)', () => {
  it('a failed fetch is network', async () => {
    put(() => HttpResponse.error());
    expect((await failure(backend().sendMessage('c1', { clientId: 'k1', text: 'hej' }))).kind).to.equal('network');
  });
  it('5xx is unavailable (transient)', async () => {
    put(() => new HttpResponse(null, { status: 503 }));
    const e = await failure(backend().sendMessage('c1', { clientId: 'k1', text: 'hej' }));
    expect([e.kind, e.transient]).to.deep.equal(['unavailable', true]);
  });
  it('429 is rate-limited with Retry-After in ms (seconds and HTTP-date)', async () => {
    put(() => HttpResponse.json({ code: 'rate-limited' }, { status: 429, headers: { 'Retry-After': '7' } }));
    const e = await failure(backend().sendMessage('c1', { clientId: 'k1', text: 'hej' }));
    expect([e.kind, e.retryAfterMs]).to.deep.equal(['rate-limited', 7000]);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).to.equal(30_000);
    expect(parseRetryAfter('soon')).to.equal(undefined);
  });
  it('409 and 422 are rejected with the body code (permanent)', async () => {
    put(() => HttpResponse.json({ code: 'client-id-conflict', message: 'x' }, { status: 409 }));
    let e = await failure(backend().sendMessage('c1', { clientId: 'k1', text: 'hej' }));
    expect([e.kind, e.code, e.transient]).to.deep.equal(['rejected', 'client-id-conflict', false]);
    put(() => HttpResponse.json({ code: 'message-too-long' }, { status: 422 }));
    e = await failure(backend().sendMessage('c1', { clientId: 'k1', text: 'hej' }));
    expect([e.kind, e.code]).to.deep.equal(['rejected', 'message-too-long']);
  });
  it('a code that is not a plain token is ignored (never echoed)', async () => {
    put(() => HttpResponse.json({ code: '<img src=x> personnummer 19121212-1212' }, { status: 400 }));
    expect((await failure(backend().sendMessage('c1', { clientId: 'k1', text: 'hej' }))).code).to.equal('http-400');
  });
  it('401 is auth, 404 is not-found; getSession turns 401 into null', async () => {
    put(() => HttpResponse.json({ code: 'no-session' }, { status: 401 }));
    expect((await failure(backend().sendMessage('c1', { clientId: 'k1', text: 'hej' }))).kind).to.equal('auth');
    put(() => HttpResponse.json({ code: 'not-found' }, { status: 404 }));
    expect((await failure(backend().sendMessage('c1', { clientId: 'k1', text: 'hej' }))).kind).to.equal('not-found');
    worker.use(http.get(`${API}/session`, () => HttpResponse.json({ code: 'no-session' }, { status: 401 })));
    expect(await backend().getSession()).to.equal(null);
  });
  it('getSession takes { loggedIn: false } (the reference server\'s answer, no 401 in the console) as logged out', async () => {
    worker.use(http.get(`${API}/session`, () => HttpResponse.json({ loggedIn: false })));
    expect(await backend().getSession()).to.equal(null);
    // anything else that is not a session is the server's fault, not a logout
    worker.use(http.get(`${API}/session`, () => HttpResponse.json({ loggedIn: 'no' })));
    expect((await failure(backend().getSession())).kind).to.equal('unavailable');
  });
});

describe('HttpBackend: requests and validation (msw)', () => {
  it('PUTs the text to /conversations/{id}/messages/{clientId} with the bearer token', async () => {
    let seen: { url: string; auth: string | null; body: unknown } | undefined;
    put(async ({ request }) => {
      seen = { url: request.url, auth: request.headers.get('authorization'), body: await request.json() };
      return HttpResponse.json({ ...msg, clientId: 'a/b' }, { status: 201 });
    });
    const m = await backend({ getToken: () => 'tok' }).sendMessage('c1', { clientId: 'a/b', text: 'hej' });
    expect(seen).to.deep.equal({ url: `${API}/conversations/c1/messages/a%2Fb`, auth: 'Bearer tok', body: { text: 'hej' } });
    expect(m.id).to.equal('m1');
  });
  it('without a token sends no Authorization header (the cookie does the work)', async () => {
    let auth: string | null = 'unset';
    worker.use(http.get(`${API}/session`, ({ request }) => {
      auth = request.headers.get('authorization');
      return HttpResponse.json({ subject: 's1', name: 'Testa' });
    }));
    expect(await backend().getSession()).to.deep.equal({ subject: 's1', name: 'Testa' });
    expect(auth).to.equal(null);
  });
  it('drops malformed conversations and messages with a warning, keeps the rest', async () => {
    const warnings: string[] = [];
    worker.use(
      http.get(`${API}/conversations`, () => HttpResponse.json({ conversations: [{ ...conv, unreadCount: 2 }, { id: 7 }] })),
      http.get(`${API}/conversations/c1/messages`, ({ request }) => {
        expect(new URL(request.url).search).to.equal('?before=9&limit=2');
        return HttpResponse.json({ messages: [msg, { ...msg, id: 'm2', seq: 'two' }], before: '1' });
      }),
    );
    const b = backend({ warn: (r) => warnings.push(r) });
    const list = await b.listConversations();
    expect(list.map((c) => [c.id, c.unreadCount])).to.deep.equal([['c1', 2]]);
    const page = await b.getMessages('c1', { before: '9', limit: 2 });
    expect(page.messages.map((m) => m.id)).to.deep.equal(['m1']);
    expect(page.before).to.equal('1');
    expect(warnings.length).to.equal(2);
  });
  it('a malformed single response is unavailable (invalid-response), not a crash', async () => {
    put(() => HttpResponse.json({ nope: true }, { status: 201 }));
    const e = await failure(backend().sendMessage('c1', { clientId: 'k1', text: 'hej' }));
    expect([e.kind, e.code]).to.deep.equal(['unavailable', 'invalid-response']);
    worker.use(http.get(`${API}/triage`, () => new HttpResponse('<html>', { status: 200, headers: { 'content-type': 'text/html' } })));
    expect((await failure(backend().getTriage())).code).to.equal('invalid-response');
  });
  it('posts read marks, typing, action responses and evaluations to their routes', async () => {
    const calls: string[] = [];
    worker.use(http.post(`${API}/conversations/c1/:what`, async ({ request, params }) => {
      calls.push(`${String(params.what)} ${JSON.stringify(await request.json())}`);
      return new HttpResponse(null, { status: 204 });
    }), http.post(`${API}/conversations/c1/actions/:id`, async ({ request, params }) => {
      calls.push(`action ${String(params.id)} ${JSON.stringify(await request.json())}`);
      return new HttpResponse(null, { status: 204 });
    }));
    const b = backend();
    await b.markRead('c1', 'm1');
    await b.setTyping('c1', true);
    await b.respond('c1', 'book-1', { slotId: 's2' });
    await b.submitEvaluation('c1', { resourceType: 'QuestionnaireResponse', status: 'completed' });
    expect(calls).to.deep.equal([
      'read {"messageId":"m1"}', 'typing {"typing":true}', 'action book-1 {"response":{"slotId":"s2"}}',
      'evaluation {"answers":{"resourceType":"QuestionnaireResponse","status":"completed"}}',
    ]);
  });
});

describe('HttpBackend: logout (msw)', () => {
  it('ends the session with DELETE /session; a backend without the route or session is no error, a failing one is', async () => {
    let deletes = 0;
    worker.use(http.delete(`${API}/session`, () => (deletes++, new HttpResponse(null, { status: 204 }))));
    await backend().logout();
    expect(deletes).to.equal(1);
    for (const status of [404, 405, 401]) {
      worker.resetHandlers();
      worker.use(http.delete(`${API}/session`, () => HttpResponse.json({ code: 'x' }, { status })));
      await backend().logout(); // nothing to end here: the page's logout URL (if any) runs too
    }
    worker.resetHandlers();
    worker.use(http.delete(`${API}/session`, () => HttpResponse.json({ code: 'unavailable' }, { status: 503 })));
    expect((await failure(backend().logout())).kind).to.equal('unavailable');
  });
});

describe('HttpBackend: browser OIDC credentials (msw)', () => {
  const session = { subject: 'p-1', name: 'Testa Testsson' };
  const creds = (accessToken: string) => ({ accessToken, session });

  it('sends the access token from setCredentials as a bearer, and nothing after null', async () => {
    const seen: (string | null)[] = [];
    worker.use(http.get(`${API}/session`, ({ request }) => {
      seen.push(request.headers.get('authorization'));
      return HttpResponse.json(session);
    }));
    const b = backend();
    await b.getSession();
    b.setCredentials(creds('at-1'));
    await b.getSession();
    b.setCredentials(null);
    await b.getSession();
    expect(seen).to.deep.equal([null, 'Bearer at-1', null]);
  });

  it('a 401 to the OIDC token drops it and asks the auth layer to log in again, once per token', async () => {
    const seen: (string | null)[] = [];
    worker.use(http.get(`${API}/conversations`, ({ request }) => {
      seen.push(request.headers.get('authorization'));
      return HttpResponse.json({ code: 'no-session' }, { status: 401 });
    }));
    const b = backend();
    let asked = 0;
    b.setAuthRequiredHandler(() => asked++);
    b.setCredentials(creds('expired'));
    expect((await failure(b.listConversations())).kind).to.equal('auth');
    expect(asked).to.equal(1);
    // the dead token is not sent again
    await failure(b.listConversations());
    expect(seen).to.deep.equal(['Bearer expired', null]);
    expect(asked, 'a 401 without the OIDC token is not the token expiring').to.equal(1);
  });

  it('a 401 with a getToken token (not OIDC) does not call the handler', async () => {
    worker.use(http.get(`${API}/conversations`, () => HttpResponse.json({ code: 'no-session' }, { status: 401 })));
    const b = backend({ getToken: () => 'session-id' });
    let asked = 0;
    b.setAuthRequiredHandler(() => asked++);
    await failure(b.listConversations());
    expect(asked).to.equal(0);
  });
});
