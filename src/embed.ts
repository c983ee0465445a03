/**
 * Script-tag entry. `dist/vard-chat.js` (the loader) imports this module and calls `boot` with
 * its own <script> element; configuration comes from that tag's data-* attributes, or from a
 * <vard-chat> element the page placed by hand.
 */
import { lazyBackend } from './adapters/lazy-backend.js';
import type { ChatBackend } from './core/backend.js';
import type { VardChat } from './components/vard-chat/vard-chat.js';
import './define/vard-chat.js';

export interface EmbedConfig {
  backend?: string | undefined;
  locale?: string | undefined;
  clinicName?: string | undefined;
  position?: string | undefined;
  /** `data-questionnaire`: a same-origin URL of the mock backend's pre-chat questionnaire. */
  questionnaire?: string | undefined;
}

const log = (msg: string) => console.error(`[vard-chat] ${msg}`);

/** Reads the configuration from data-* attributes. */
export function readConfig(el: HTMLElement | null): EmbedConfig {
  const d = el?.dataset ?? {};
  return { backend: d.backend, locale: d.locale, clinicName: d.clinicName, position: d.position, questionnaire: d.questionnaire };
}

/** Turns `data-backend` into an adapter; a bad value is reported and yields none. */
export function backendFor(value: string | undefined, questionnaire?: string): ChatBackend | undefined {
  if (value === 'mock') {
    const questionnaireUrl = sameOrigin(questionnaire);
    return lazyBackend(async () => new (await import('./adapters/memory/memory-backend.js')).MemoryBackend(questionnaireUrl ? { questionnaireUrl } : {}));
  }
  log(value ? `data-backend="${value.slice(0, 100)}" is not supported yet; use "mock".` : 'data-backend is missing; use "mock".');
  return undefined;
}

/** A same-origin URL from `data-questionnaire`; anything else is reported and ignored. */
function sameOrigin(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, location.href);
    if (url.origin === location.origin) return url.href;
  } catch { /* reported below */ }
  log('data-questionnaire must be a URL on this site (same origin); the built-in questionnaire is used.');
  return undefined;
}

/** Places (or configures) the widget. Safe to call twice: there is only ever one launcher. */
export function boot(script: HTMLScriptElement | null): VardChat {
  const existing = document.querySelector('vard-chat');
  const config = readConfig(existing?.hasAttribute('data-backend') ? existing : script);
  const el = existing ?? document.createElement('vard-chat');
  if (!el.backend) el.backend = backendFor(config.backend, config.questionnaire);
  if (config.locale && !el.locale) el.locale = config.locale;
  if (config.clinicName && !el.clinicName) el.clinicName = config.clinicName;
  if (config.position === 'left' || config.position === 'right') el.position = config.position;
  else if (config.position) log(`data-position="${config.position.slice(0, 20)}" must be "left" or "right".`);
  if (!existing) document.body.append(el);
  const api = { open: () => el.show(), close: () => el.hide() };
  (window as unknown as { VardChat: typeof api }).VardChat = api;
  return el;
}
