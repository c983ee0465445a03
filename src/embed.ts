/**
 * Script-tag entry. `dist/vard-chat.js` (the loader) imports this module and calls `boot` with
 * its own <script> element; configuration comes from that tag's data-* attributes, or from a
 * <vard-chat> element the page placed by hand.
 */
import { lazyBackend } from './adapters/lazy-backend.js';
import type { ChatBackend } from './core/backend.js';
import type { VardChat } from './components/vard-chat/vard-chat.js';
import './define/vard-chat.js';
import { authConfigFromData } from './auth/config.js';

export interface EmbedConfig {
  backend?: string | undefined;
  locale?: string | undefined;
  clinicName?: string | undefined;
  position?: string | undefined;
}

const log = (msg: string) => console.error(`[vard-chat] ${msg}`);

/** Reads the configuration from data-* attributes. */
export function readConfig(el: HTMLElement | null): EmbedConfig {
  const d = el?.dataset ?? {};
  return { backend: d.backend, locale: d.locale, clinicName: d.clinicName, position: d.position };
}

/** Turns `data-backend` into an adapter; a bad value is reported and yields none. */
export function backendFor(value: string | undefined): ChatBackend | undefined {
  if (value === 'mock') {
    return lazyBackend(async () => new (await import('./adapters/memory/memory-backend.js')).MemoryBackend());
  }
  log(value ? `data-backend="${value.slice(0, 100)}" is not supported yet; use "mock".` : 'data-backend is missing; use "mock".');
  return undefined;
}

/** Places (or configures) the widget. Safe to call twice: there is only ever one launcher. */
export function boot(script: HTMLScriptElement | null): VardChat {
  const existing = document.querySelector('vard-chat');
  const config = readConfig(existing?.hasAttribute('data-backend') ? existing : script);
  const el = existing ?? document.createElement('vard-chat');
  if (!el.backend) el.backend = backendFor(config.backend);
  if (config.locale && !el.locale) el.locale = config.locale;
  if (config.clinicName && !el.clinicName) el.clinicName = config.clinicName;
  if (config.position === 'left' || config.position === 'right') el.position = config.position;
  else if (config.position) log(`data-position="${config.position.slice(0, 20)}" must be "left" or "right".`);
  const source = existing?.hasAttribute('data-backend') ? existing : script;
  if (source && !el.auth) el.auth = authConfigFromData(source.dataset);
  const minutes = Number(source?.dataset.inactivityMinutes);
  if (minutes > 0) el.inactivityMinutes = minutes;
  if (!existing) document.body.append(el);
  const api = { open: () => el.show(), close: () => el.hide() };
  (window as unknown as { VardChat: typeof api }).VardChat = api;
  return el;
}
