import { expect } from '@open-wc/testing';
import { freshClinic, startWorker, worker, type FakeClinic } from './fake-api.js';
import { alertText, button, deepQuery, deepText, field, loginAs, mountConsole, statusText, threadText, type, waitFor } from './helpers.js';

describe('<vard-console>', function () {
  this.timeout(30_000); // a hang guard on a loaded machine (axe runs in most tests), not a speed check
  let c: FakeClinic;
  before(startWorker);
  after(() => worker.stop());
  beforeEach(() => {
    c = freshClinic();
  });

  it('shows only the login when nobody is logged in (not the app underneath), in Swedish', async () => {
    const { app } = await mountConsole();
    await waitFor(() => field(app, 'Namn'));
    expect(deepQuery(app, '.workspace')).to.equal(null);
    expect(button(app, 'Logga in')).to.exist;
    expect(deepText(app)).to.include('Vårdpersonalens konsol');
    await expect(app).to.be.accessible();
  });

  it('with a staff IdP and no development login: only "Logga in med SITHS-kort", a link to the server\'s staff login', async () => {
    c.loginOptions = { sso: true, devLogin: false };
    const { app } = await mountConsole();
    await waitFor(() => deepQuery(app, "#login-sso"));
    const link = deepQuery<HTMLAnchorElement>(app, "#login-sso")!;
    expect(link.textContent?.trim()).to.equal('Logga in med SITHS-kort');
    expect(new URL(link.href).pathname).to.equal('/console/auth/login');
    expect(field(app, 'Namn'), 'no name form').to.equal(null);
    expect(deepQuery(app, '.workspace')).to.equal(null);
    await expect(app).to.be.accessible();
  });

  it('in English: "Log in with SITHS card"; and the development form only when the server has it on', async () => {
    c.loginOptions = { sso: true, devLogin: true };
    const { app } = await mountConsole('en');
    await waitFor(() => deepQuery(app, "#login-sso"));
    const link = deepQuery<HTMLAnchorElement>(app, "#login-sso")!;
    expect(link.textContent?.trim()).to.equal('Log in with SITHS card');
    expect(field(app, 'Name')).to.exist;
    await expect(app).to.be.accessible();
  });

  it('back from a failed SITHS login (login_error): says so, and takes the mark off the address', async () => {
    c.loginOptions = { sso: true, devLogin: false };
    const before = location.pathname + location.search;
    history.replaceState(null, '', `${location.pathname}?login_error=1`);
    try {
      const { app } = await mountConsole();
      await waitFor(() => alertText(app).includes('Inloggningen misslyckades'));
      expect(location.search).to.equal('');
      await expect(app).to.be.accessible();
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('a server without any staff login says so (no form)', async () => {
    c.loginOptions = { sso: false, devLogin: false };
    const { app } = await mountConsole();
    await waitFor(() => deepText(app).includes('ingen inloggning för personal'));
    expect(field(app, 'Namn')).to.equal(null);
    expect(deepQuery(app, '#login-sso')).to.equal(null);
  });

  it('a login without a name says so and sends nothing', async () => {
    const { app } = await mountConsole();
    await waitFor(() => field(app, 'Namn'));
    type(field(app, 'Namn')!, '   ');
    button(app, 'Logga in')!.click();
    await waitFor(() => alertText(app) === 'Skriv ditt namn.');
    expect(c.calls.filter((x) => x.path === '/login')).to.have.length(0);
    await expect(app).to.be.accessible();
  });

  it('logs in, shows the queues with waiting count and wait, and logs out', async () => {
    c.addConversation({ id: 'c1', patientName: 'Astrid Andersson', updatedAt: new Date(Date.now() - 12 * 60_000).toISOString() });
    const { app } = await mountConsole();
    await loginAs(app);
    expect(c.bodiesTo(/^\/login$/)).to.deep.equal([{ name: 'Anna Svensson', queue: 'nurse' }]);
    const nurse = deepQuery(app, '[data-queue="nurse"]')!;
    expect(nurse.textContent!.replace(/\s+/g, ' ')).to.include('1 väntar, längst väntat 12 min');
    expect(deepQuery(app, '[data-queue="doctor"]')!.textContent).to.include('Ingen väntar');
    expect(deepText(app)).to.include('Inloggad som Anna Svensson, sjuksköterska');
    await expect(app).to.be.accessible();
    button(app, 'Logga ut')!.click();
    await waitFor(() => field(app, 'Namn'));
    expect(c.calls.some((x) => x.path === '/logout')).to.equal(true);
    expect(deepQuery(app, '.workspace')).to.equal(null);
  });

  it('logging out stops the live stream and its pending refresh first: no read after the session ended', async () => {
    const { app } = await mountConsole();
    await loginAs(app);
    await waitFor(() => c.streams.length === 1, 4000, 'stream open');
    c.logoutDelayMs = 300; // the session ends at once, the answer comes later
    c.emit({ type: 'conversation', conversation: c.addConversation({ id: 'c3', patientName: 'Cecilia Ek' }) });
    await new Promise((r) => setTimeout(r, 20)); // the event is applied: a refresh is due in 100 ms
    button(app, 'Logga ut')!.click();
    await waitFor(() => field(app, 'Namn'), 4000, 'the login');
    await new Promise((r) => setTimeout(r, 200));
    const after = c.calls.slice(c.calls.findIndex((x) => x.path === '/logout') + 1).map((x) => x.path);
    expect(after.filter((p) => p !== '/login-options')).to.deep.equal([]);
  });

  it('follows the queues live: a conversation event refreshes the counts', async () => {
    const { app } = await mountConsole();
    await loginAs(app);
    await waitFor(() => c.streams.length === 1, 4000, 'stream open');
    expect(deepQuery(app, '[data-queue="nurse"]')!.textContent).to.include('Ingen väntar');
    const conv = c.addConversation({ id: 'c2', patientName: 'Bertil Berg' });
    c.emit({ type: 'conversation', conversation: conv });
    await waitFor(() => deepQuery(app, '[data-queue="nurse"]')!.textContent!.includes('1 väntar'), 4000, 'count updated');
  });

  it('take next opens the conversation; a reply is sent, typing is signalled, the draft is cleared', async () => {
    c.addConversation({ id: 'c1', patientName: 'Astrid Andersson' });
    c.addMessage('c1', { text: 'Hej, jag har ont i halsen.' });
    const { app } = await mountConsole();
    await loginAs(app);
    button(app, 'Ta nästa patient i kön Sjuksköterska')!.click();
    await waitFor(() => threadText(app).includes('Hej, jag har ont i halsen.'), 4000, 'thread');
    expect(deepText(app)).to.include('Samtal med Astrid Andersson');
    await expect(app).to.be.accessible();
    const reply = field<HTMLTextAreaElement>(app, 'Svar')!;
    type(reply, 'Hej Astrid! Hur länge har du haft ont?');
    await waitFor(() => c.bodiesTo(/\/typing$/).length === 1);
    expect(c.bodiesTo(/\/typing$/)).to.deep.equal([{ typing: true }]);
    button(app, 'Skicka')!.click();
    await waitFor(() => threadText(app).includes('Hej Astrid! Hur länge'), 4000, 'own message shown');
    const sent = c.bodiesTo(/\/c1\/messages$/).at(-1) as { clientId?: string };
    expect(sent).to.deep.equal({ kind: 'text', text: 'Hej Astrid! Hur länge har du haft ont?', clientId: sent.clientId });
    expect(sent.clientId, 'a key, so a repeat after a lost answer sends it once').to.match(/^[A-Za-z0-9-]{16,}$/);
    expect(field<HTMLTextAreaElement>(app, 'Svar')!.value).to.equal('');
    await waitFor(() => c.bodiesTo(/\/typing$/).length === 2);
    expect(c.bodiesTo(/\/typing$/).at(-1)).to.deep.equal({ typing: false });
  });

  it('nobody waiting: says so in Swedish', async () => {
    const { app } = await mountConsole();
    await loginAs(app);
    button(app, 'Ta nästa patient i kön Läkare')!.click();
    await waitFor(() => statusText(app).includes('Ingen väntar i kön Läkare just nu.'));
  });

  it('a failed send keeps the draft and says what went wrong; Ctrl+Enter sends the retry', async () => {
    c.addConversation({ id: 'c1', patientName: 'Astrid Andersson' });
    const { app } = await mountConsole();
    await loginAs(app);
    button(app, 'Ta nästa patient i kön Sjuksköterska')!.click();
    await waitFor(() => field(app, 'Svar'));
    c.failures.push(['POST', /\/c1\/messages$/, 'network']);
    const reply = field<HTMLTextAreaElement>(app, 'Svar')!;
    type(reply, 'Ett viktigt svar');
    button(app, 'Skicka')!.click();
    await waitFor(() => alertText(app).startsWith('Ingen kontakt med servern.'), 4000, 'network error');
    expect(field<HTMLTextAreaElement>(app, 'Svar')!.value).to.equal('Ett viktigt svar');
    await expect(app).to.be.accessible();
    c.failures.push(['POST', /\/c1\/messages$/, 400]);
    reply.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }));
    await waitFor(() => alertText(app).startsWith('Servern tog inte emot uppgifterna.'), 4000, '4xx error');
    expect(field<HTMLTextAreaElement>(app, 'Svar')!.value).to.equal('Ett viktigt svar');
    reply.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }));
    await waitFor(() => threadText(app).includes('Ett viktigt svar'), 4000, 'sent on retry');
    expect(field<HTMLTextAreaElement>(app, 'Svar')!.value).to.equal('');
  });

  it('live: the patient\'s messages and typing arrive on the stream; server text is shown as text', async () => {
    c.addConversation({ id: 'c1', patientName: 'Astrid <b>Andersson</b>' });
    const { app } = await mountConsole();
    await loginAs(app);
    button(app, 'Ta nästa patient i kön Sjuksköterska')!.click();
    await waitFor(() => field(app, 'Svar'));
    await waitFor(() => c.streams.length > 0);
    c.emit({ type: 'typing', conversationId: 'c1', typing: true, author: { role: 'patient' } });
    await waitFor(() => deepText(app).includes('Patienten skriver …'), 4000, 'typing shown');
    const m = c.addMessage('c1', { text: '<img src=x onerror="window.__pwned=1">Hej' });
    c.emit({ type: 'message', message: m });
    await waitFor(() => threadText(app).includes('<img src=x onerror="window.__pwned=1">Hej'), 4000, 'message as text');
    expect(deepQuery(app, '[role="log"] img')).to.equal(null);
    expect(deepQuery(app, '[role="log"] b')).to.equal(null);
    expect(deepText(app)).not.to.include('Patienten skriver …');
    await expect(app).to.be.accessible();
  });

  it('the stream reconnects with the last event id after the server closed it', async () => {
    const { app, store } = await mountConsole();
    await loginAs(app);
    await waitFor(() => c.streams.length === 1);
    const conv = c.addConversation({ id: 'c9', patientName: 'Cecilia' });
    c.emit({ type: 'conversation', conversation: conv });
    c.emit({ type: 'conversation', conversation: conv });
    await waitFor(() => store.lastEventId === '2', 4000, 'both events read');
    c.streams[0]!.client.error();
    await waitFor(() => c.streams.length === 2, 6000, 'reopened');
    expect(c.streams[1]!.lastEventId).to.equal('2');
  });

  it('the stream drops and the session is gone: the login comes back without a click', async () => {
    const { app } = await mountConsole();
    await loginAs(app);
    await waitFor(() => c.streams.length === 1);
    c.me = null;
    c.streams[0]!.client.error();
    await waitFor(() => deepQuery<HTMLInputElement>(app, '#login-name'), 6000, 'login shown');
    expect(c.calls.filter((x) => x.path === '/me').length).to.be.greaterThan(1);
  });

  it('session ended on the server: the login returns with the draft kept', async () => {
    c.addConversation({ id: 'c1', patientName: 'Astrid Andersson' });
    const { app } = await mountConsole();
    await loginAs(app);
    button(app, 'Ta nästa patient i kön Sjuksköterska')!.click();
    await waitFor(() => field(app, 'Svar'));
    type(field<HTMLTextAreaElement>(app, 'Svar')!, 'Text som inte får försvinna');
    c.me = null; // the session expired
    button(app, 'Skicka')!.click();
    await waitFor(() => deepQuery<HTMLInputElement>(app, '#login-name'), 4000, 'login shown');
    expect(deepQuery<HTMLInputElement>(app, '#login-name')!.value).to.equal('Anna Svensson');
    expect(deepQuery<HTMLElement>(app, '.workspace')!.hidden).to.equal(true);
    await expect(app).to.be.accessible();
    button(app, 'Logga in')!.click();
    await waitFor(() => !deepQuery<HTMLElement>(app, '.workspace')!.hidden, 4000, 'back');
    expect(field<HTMLTextAreaElement>(app, 'Svar')!.value).to.equal('Text som inte får försvinna');
  });

  it('another nurse logging in after a lost session starts empty: no draft of the previous one', async () => {
    c.addConversation({ id: 'c1', patientName: 'Astrid Andersson' });
    const { app } = await mountConsole();
    await loginAs(app);
    button(app, 'Ta nästa patient i kön Sjuksköterska')!.click();
    await waitFor(() => field(app, 'Svar'));
    type(field<HTMLTextAreaElement>(app, 'Svar')!, 'Annas utkast');
    c.me = null;
    button(app, 'Skicka')!.click();
    await waitFor(() => deepQuery<HTMLInputElement>(app, '#login-name'), 4000, 'login shown');
    type(field(app, 'Namn')!, 'Bo Berg');
    button(app, 'Logga in')!.click();
    await waitFor(() => deepText(app).includes('Inloggad som Bo Berg'), 4000, 'Bo logged in');
    expect(deepText(app)).not.to.include('Samtal med Astrid Andersson');
    expect(field(app, 'Svar')).to.equal(null);
    await waitFor(() => deepQuery(app, '.conv'), 4000, 'conversation list');
    deepQuery<HTMLButtonElement>(app, '.conv')!.click();
    await waitFor(() => field(app, 'Svar'), 4000, 'opened by Bo');
    expect(field<HTMLTextAreaElement>(app, 'Svar')!.value).to.equal('');
  });

  it('English on request', async () => {
    const { app } = await mountConsole('en');
    await waitFor(() => field(app, 'Name'));
    expect(button(app, 'Log in')).to.exist;
    await expect(app).to.be.accessible();
  });
});
