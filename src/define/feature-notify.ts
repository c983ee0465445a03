/** The notification setting feature chunk (`<vard-notify-settings>`): downloaded when the panel asks whether the backend offers notifications. */
import { html } from 'lit';
import { VardNotifyLink, VardNotifySettings } from '../components/notify/notify-settings.js';
import type { ChatBackend } from '../core/backend.js';
import type { NotificationsApi } from '../core/notifications.js';
import { defineElement } from './define-element.js';

defineElement('vard-notify-settings', VardNotifySettings);
defineElement('vard-notify-link', VardNotifyLink);

declare global {
  interface HTMLElementTagNameMap {
    'vard-notify-settings': VardNotifySettings;
    'vard-notify-link': VardNotifyLink;
  }
}

/** The backend's settings API when it offers a channel; undefined when it offers none. */
export async function offered(backend: ChatBackend): Promise<NotificationsApi | undefined> {
  const api = await backend.notifications?.();
  return api && (await api.get()).available.length ? api : undefined;
}

/** The panel's link to the setting (under the session bar). */
export const renderNotifyLink = (locale: string, open: () => void) =>
  html`<vard-notify-link .locale=${locale} @click=${open}></vard-notify-link>`;

/** The setting in place of the conversation. */
export const renderNotifySettings = (api: NotificationsApi, locale: string, close: () => void) =>
  html`<vard-notify-settings .api=${api} .locale=${locale} .onClose=${close}></vard-notify-settings>`;
