import { fixture, html } from '@open-wc/testing';
import { defineConsole } from '../../console/define/vard-console.js';
import { ConsoleStore } from '../../console/core/console-store.js';
import type { VardConsole } from '../../console/components/app/app.js';
import { deepQuery, deepQueryAll, deepText } from '../deep.js';
import { waitFor } from '../wait.js';

export { deepQuery, deepQueryAll, deepText, waitFor };

defineConsole();

/** Mounts the console on a fresh store (fast reconnects). */
export async function mountConsole(locale: 'sv' | 'en' = 'sv'): Promise<{ app: VardConsole; store: ConsoleStore }> {
  const store = new ConsoleStore({ retryMs: 20 });
  const app = await fixture<VardConsole>(html`<vard-console .store=${store} .locale=${locale}></vard-console>`);
  return { app, store };
}

/** A button (or other control) by its visible text or aria-label, anywhere below `root`. */
export function button(root: Element, name: string | RegExp): HTMLButtonElement | null {
  const match = (s: string | null | undefined) => (typeof name === 'string' ? s?.trim() === name : !!s && name.test(s.trim()));
  return deepQueryAll<HTMLButtonElement>(root, 'button').find((b) => match(b.getAttribute('aria-label')) || match(b.textContent)) ?? null;
}

/** A form control by the text of its <label for>. */
export function field<T extends HTMLElement = HTMLInputElement>(root: Element, label: string): T | null {
  const l = deepQueryAll<HTMLLabelElement>(root, 'label').find((x) => x.textContent?.trim() === label);
  if (!l) return null;
  return (l.control as T | null) ?? (l.querySelector('input, select, textarea') as T | null);
}

export function type(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

export async function loginAs(app: VardConsole, name = 'Anna Svensson'): Promise<void> {
  await waitFor(() => field(app, 'Namn'), 4000, 'login form');
  type(field(app, 'Namn')!, name);
  button(app, 'Logga in')!.click();
  await waitFor(() => button(app, 'Logga ut') && deepQuery(app, '[data-queue]'), 4000, 'logged in');
}

export const alertText = (app: VardConsole) => deepQueryAll(app, '[role="alert"]').map((a) => a.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim();
export const statusText = (app: VardConsole) => deepQuery(app, '[role="status"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const threadText = (app: VardConsole) => deepQuery(app, '[role="log"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
export { deepText as allText };
