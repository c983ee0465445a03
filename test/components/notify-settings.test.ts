import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { http, HttpResponse } from 'msw';
import { HttpBackend } from '../../src/adapters/http/http-backend.js';
import '../../src/define/feature-notify.js';
import { fast, mount as mountView, waitFor } from './conversation-helpers.js';
import type { VardNotifySettings } from '../../src/components/notify/notify-settings.js';

const BASE = 'https://chat.example.test/api';
type Entry = { channel: 'sms' | 'email' | 'webpush'; address?: string; confirmed: boolean; codeExpiresAt?: string };
let available: string[] = ['sms', 'email'];
let channels: Entry[] = [];
let calls: { method: string; path: string; body?: unknown }[] = [];
const CODE = '424242';
const settings = () => HttpResponse.json({ available, clinicName: 'Vårdcentralen Exempel', channels });

const worker = setupWorker(
  http.get(`${BASE}/notifications`, () => settings()),
  http.put(`${BASE}/notifications/:channel`, async ({ request, params }) => {
    const body = (await request.json()) as { address: string };
    calls.push({ method: 'PUT', path: String(params.channel), body });
    if (!/^\+467\d{8}$/.test(body.address.replace(/^07/, '+467').replace(/[\s-]/g, ''))) return HttpResponse.json({ code: 'invalid-address', message: 'x' }, { status: 422 });
    channels = [{ channel: params.channel as 'sms', address: '+46701234567', confirmed: false, codeExpiresAt: '2030-01-01T10:10:00.000Z' }];
    return settings();
  }),
  http.post(`${BASE}/notifications/:channel/confirm`, async ({ request, params }) => {
    const body = (await request.json()) as { code: string };
    calls.push({ method: 'POST', path: String(params.channel), body });
    if (body.code !== CODE) return HttpResponse.json({ code: 'wrong-code', message: 'x' }, { status: 422 });
    channels = channels.map((c) => ({ channel: c.channel, address: c.address, confirmed: true }));
    return settings();
  }),
  http.delete(`${BASE}/notifications/:channel`, ({ params }) => {
    calls.push({ method: 'DELETE', path: String(params.channel) });
    channels = channels.filter((c) => c.channel !== params.channel);
    return new HttpResponse(null, { status: 204 });
  }),
);
before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } }));
after(() => worker.stop());
beforeEach(() => {
  available = ['sms', 'email'];
  channels = [];
  calls = [];
});

async function mount(locale = 'sv') {
  const api = await new HttpBackend({ baseUrl: BASE }).notifications();
  const el = await fixture<VardNotifySettings>(html`<vard-notify-settings .api=${api} .locale=${locale}></vard-notify-settings>`);
  await waitUntil(() => el.shadowRoot!.querySelector('fieldset'), 'the settings loaded');
  return el;
}
const $ = <T extends Element>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const choose = async (el: VardNotifySettings, label: string) => {
  const radio = [...el.shadowRoot!.querySelectorAll<HTMLLabelElement>('label')].find((l) => l.textContent!.trim() === label)!.querySelector('input')!;
  radio.click();
  await el.updateComplete;
};
const submit = async (el: VardNotifySettings, form: string, name: string, value: string) => {
  $<HTMLInputElement>(el, `form.${form} input[name=${name}]`).value = value;
  $<HTMLButtonElement>(el, `form.${form} button[type=submit]`).click();
};

describe('<vard-notify-settings>', () => {
  it('says what a notification contains and what it never does, and offers only the available channels and none', async () => {
    available = ['email'];
    const el = await mount();
    expect(text(el)).to.contain('Aviseringen säger bara: ”Du har ett nytt meddelande från Vårdcentralen Exempel. Logga in för att läsa det.”');
    expect(text(el)).to.contain('Den innehåller aldrig vad som står i chatten');
    expect([...el.shadowRoot!.querySelectorAll('fieldset label')].map((l) => l.textContent!.trim())).to.deep.equal(['E-post', 'Inga aviseringar']);
    expect(text(el)).to.contain('Du får inga aviseringar.');
    await expect(el).to.be.accessible();
  });

  it('SMS: a number, the code (a wrong one first), confirmed; then withdrawn', async () => {
    const el = await mount();
    await choose(el, 'SMS');
    await submit(el, 'address', 'address', '070-12');
    await waitUntil(() => el.shadowRoot!.querySelector('[role=alert]'), 'a bad number is refused');
    expect($(el, '[role=alert]').textContent).to.equal('Skriv ett svenskt mobilnummer, till exempel 070-123 45 67.');
    await submit(el, 'address', 'address', '070-123 45 67');
    await waitUntil(() => el.shadowRoot!.querySelector('form.code'), 'the code form shows');
    expect(calls.at(-1)).to.deep.equal({ method: 'PUT', path: 'sms', body: { address: '070-123 45 67' } });
    expect(text(el)).to.contain('Vi har skickat en kod.');
    await expect(el).to.be.accessible();
    await submit(el, 'code', 'code', '111111');
    await waitUntil(() => el.shadowRoot!.querySelector('[role=alert]'));
    expect($(el, '[role=alert]').textContent).to.equal('Koden stämmer inte. Försök igen.');
    await submit(el, 'code', 'code', '424 242');
    // Confirmed shows before the settings are read again; the buttons stay disabled until then.
    await waitUntil(() => text(el).includes('Du aviseras med SMS till +46701234567.') && !el.shadowRoot!.querySelector<HTMLButtonElement>('button.withdraw')?.disabled, 'confirmed', { timeout: 4000 });
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).to.deep.equal([{ code: '111111' }, { code: CODE }]);
    $<HTMLButtonElement>(el, 'button.withdraw').click();
    await waitUntil(() => text(el).includes('Du får inga aviseringar.'), 'withdrawn', { timeout: 4000 });
    expect(calls.at(-1)).to.deep.equal({ method: 'DELETE', path: 'sms' });
    expect(text(el)).to.contain('Aviseringarna är avstängda.');
  });

  it('English', async () => {
    const el = await mount('en');
    expect(text(el)).to.contain('The notification only says: “You have a new message from Vårdcentralen Exempel. Log in to read it.”');
  });
});

describe('the panel: the way into the setting', () => {
  it('shows "Aviseringar" after login when the backend offers a channel, opens the setting, and goes back', async () => {
    const backend = fast();
    const view = await mountView(backend);
    await waitFor(() => view.shadowRoot!.querySelector('vard-notify-link'), 4000, 'the link shows');
    const link = view.shadowRoot!.querySelector('vard-notify-link')!;
    await link.updateComplete;
    expect(link.shadowRoot!.querySelector('button')!.textContent).to.equal('Aviseringar');
    link.shadowRoot!.querySelector('button')!.click();
    await waitFor(() => view.shadowRoot!.querySelector('vard-notify-settings')?.shadowRoot?.querySelector('fieldset'), 4000, 'the setting opens');
    await expect(view).to.be.accessible();
    view.shadowRoot!.querySelector('vard-notify-settings')!.shadowRoot!.querySelector<HTMLButtonElement>('button.back')!.click();
    await waitFor(() => !view.shadowRoot!.querySelector('vard-notify-settings') && view.shadowRoot!.querySelector('vard-notify-link'), 4000, 'back');
    backend.dispose();
  });

  it('hides it when the backend offers no channel', async () => {
    const backend = fast();
    let asked = false;
    const none = { get: async () => ((asked = true), { available: [], clinicName: 'X', channels: [] }), set: async () => { throw new Error('no'); }, confirm: async () => { throw new Error('no'); }, withdraw: async () => undefined };
    backend.notifications = async () => none;
    const view = await mountView(backend);
    await waitFor(() => asked, 4000, 'the panel asked');
    await view.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
    await view.updateComplete;
    expect(view.shadowRoot!.querySelector('vard-notify-link')).to.equal(null);
    backend.dispose();
  });
});
