/**
 * Script-tag entry. `dist/vard-chat.js` (the loader) imports this module and calls `boot` with
 * its own <script> element; configuration comes from that tag's data-* attributes, or from a
 * <vard-chat> element the page placed by hand.
 */
import { lazyBackend } from '../adapters/lazy-backend.js';
import type { ChatBackend } from '../core/backend.js';
import type { VardChat } from '../components/vard-chat/vard-chat.js';
import { parseConfig, type WidgetConfig } from './config.js';
import { VARD_EVENTS, type VardEventMap, type VardEventName } from '../events/events.js';
import { authConfigFromData } from '../auth/config.js';
import '../define/vard-chat.js';

const log = (msg: string) => console.error(`[vard-chat] ${msg}`);

/** Turns the configured backend into an adapter, loaded on first use. */
export function backendFor(config: WidgetConfig): ChatBackend {
  if (config.backend === 'mock') {
    const questionnaireUrl = config.questionnaire; // checked same-origin by parseConfig
    // starts logged out, as every real deployment does: the tester meets the e-ID step first.
    // With data-login-url (a pretend e-ID page, e.g. the demo's) the login goes through that
    // page; without it "Logga in med BankID" signs the demo patient in at once.
    return lazyBackend(async () =>
      new (await import('../adapters/memory/memory-backend.js')).MemoryBackend({ session: null, ...(questionnaireUrl ? { questionnaireUrl } : {}) }));
  }
  // an https URL, http on localhost, or a same-origin path: checked by parseConfig
  const baseUrl = config.backend.replace(/\/+$/, '');
  return lazyBackend(async () => new (await import('../adapters/http/http-backend.js')).HttpBackend({ baseUrl }));
}

/** The public JS API, `window.VardChat`. */
export interface VardChatApi {
  open(): void;
  close(): void;
  logout(): void;
  /** Listens to a widget event (`vard-open`, …); returns the unsubscribe. */
  on<K extends VardEventName>(name: K, handler: (e: VardEventMap[K]) => void): () => void;
}

type QueuedCall = [name: string, ...args: unknown[]];
interface Stub {
  q?: QueuedCall[];
}

export function createApi(el: VardChat): VardChatApi {
  return {
    open: () => el.show(),
    close: () => el.hide(),
    logout: () => void (el as VardChat & { logout?: () => unknown }).logout?.(),
    on(name, handler) {
      if (!VARD_EVENTS.includes(name)) {
        log(`VardChat.on: unknown event "${String(name).slice(0, 40)}"`);
        return () => undefined;
      }
      const listener = handler as EventListener;
      el.addEventListener(name, listener);
      return () => el.removeEventListener(name, listener);
    },
  };
}

/** Replays calls a page made on the snippet's stub before the script had loaded. */
function replay(api: VardChatApi, queue: QueuedCall[] | undefined): void {
  for (const [name, ...args] of queue ?? []) {
    if (name === 'open' || name === 'close' || name === 'logout') api[name]();
    else if (name === 'on' && typeof args[0] === 'string' && typeof args[1] === 'function') {
      api.on(args[0] as VardEventName, args[1] as (e: Event) => void);
    }
  }
}

/** Places (or configures) the widget. Safe to call twice: there is only ever one launcher. */
export function boot(script: HTMLScriptElement | null): VardChat {
  const existing = document.querySelector('vard-chat');
  if (existing?.dataset.vardBooted) return existing;
  const source = existing?.hasAttribute('data-backend') ? existing : script;
  const { config, errors } = parseConfig(source?.dataset ?? {}, location.href);
  for (const e of errors) log(e);
  const el = existing ?? document.createElement('vard-chat');
  el.dataset.vardBooted = '';
  if (config) {
    if (!el.backend) el.backend = backendFor(config);
    if (config.locale && !el.locale) el.locale = config.locale;
    if (config.clinicName && !el.clinicName) el.clinicName = config.clinicName;
    el.position = config.position;
    el.exposeContent = config.exposeContent;
    el.inactivityMinutes = config.inactivityMinutes;
    const auth = source && authConfigFromData(source.dataset);
    if (auth && !el.auth) {
      // the checked values from parseConfig win over the raw attributes
      el.auth = { ...auth, mode: config.auth, methods: config.loginMethods, scope: config.oidcScopes, acrValues: config.acrValues };
      if (config.loginUrl) el.auth.loginUrl = config.loginUrl;
      if (config.oidcIssuer) el.auth.issuer = config.oidcIssuer;
      // parseConfig lets http through only for a local issuer (development, tests)
      if (config.oidcIssuer?.startsWith('http:')) el.auth.allowInsecureHttp = true;
    }
  }
  if (!existing) document.body.append(el);
  const w = window as unknown as { VardChat?: VardChatApi & Stub };
  const queued = w.VardChat?.q;
  const api = createApi(el);
  w.VardChat = api;
  replay(api, queued);
  return el;
}
