// Shared helpers for the conversation tests: mount <vard-chat-view> on a fast MemoryBackend and
// reach into its shadow roots.
import { fixture, html } from '@open-wc/testing';
import { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import type { VardChatView } from '../../src/components/chat-view/chat-view.js';
import '../../src/define/panel.js';
import type { ChatBackend } from '../../src/core/backend.js';
import { waitFor } from '../wait.js';

export { waitFor };

export const fast = (extra = {}) => new MemoryBackend({ latencyMs: 2, replyDelayMs: 20, persistence: null, autoReply: false, triage: null, ...extra });

export async function mount(backend: ChatBackend, locale = 'sv') {
  // fixture on the Lit element itself: a plain wrapper would wait for an animation frame,
  // which never comes in a background test page
  const view = await fixture<VardChatView>(html`<vard-chat-view style="height: 500px; width: 360px"
    .backend=${backend} .locale=${locale}></vard-chat-view>`);
  await waitFor(() => conv(view) || inbox(view));
  return view;
}

export const conv = (v: VardChatView) => v.shadowRoot!.querySelector('vard-conversation');
export const inbox = (v: VardChatView) => v.shadowRoot!.querySelector('vard-inbox');
export const threadEl = (v: VardChatView) => conv(v)?.shadowRoot?.querySelector('vard-thread');
export const log = (v: VardChatView) => threadEl(v)?.shadowRoot?.querySelector('[role="log"]') as HTMLElement | null | undefined;
export const statusLine = (v: VardChatView) => conv(v)?.shadowRoot?.querySelector('.status')?.textContent ?? '';
export const textarea = (v: VardChatView) =>
  conv(v)?.shadowRoot?.querySelector('vard-composer')?.shadowRoot?.querySelector('textarea') as HTMLTextAreaElement | null | undefined;

/** Sends a patient message through the composer. */
export function typeAndSend(v: VardChatView, text: string) {
  const ta = textarea(v)!;
  ta.value = text;
  ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
}

/** An element inside the thread's message cards (they have their own shadow roots). */
export function card<K extends keyof HTMLElementTagNameMap>(v: VardChatView, tag: K): HTMLElementTagNameMap[K] | null {
  return (log(v)?.querySelector(tag) as HTMLElementTagNameMap[K] | null) ?? null;
}

export const buttonByText = (root: ParentNode | null | undefined, text: string) =>
  [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent!.includes(text)) as HTMLButtonElement | undefined;

/** Sends a patient message and waits until the backend has it (the conversation exists). */
export async function sendAndWait(v: VardChatView, text: string) {
  typeAndSend(v, text);
  await waitFor(() => /Skickat|Läst|Sent|Read/.test(log(v)?.textContent ?? ''));
}

/** Waits until `get` returns an element, and returns it. */
export async function waitForEl<T>(get: () => T | null | undefined, ms = 3000): Promise<T> {
  let found: T | null | undefined;
  await waitFor(() => (found = get()), ms);
  return found!;
}
