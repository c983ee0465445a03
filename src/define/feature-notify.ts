/** The notification setting feature chunk (`<vard-notify-settings>`): downloaded when the panel asks whether the backend offers notifications. */
import { VardNotifyLink, VardNotifySettings } from '../components/notify/notify-settings.js';
import { defineElement } from './define-element.js';

defineElement('vard-notify-settings', VardNotifySettings);
defineElement('vard-notify-link', VardNotifyLink);

declare global {
  interface HTMLElementTagNameMap {
    'vard-notify-settings': VardNotifySettings;
    'vard-notify-link': VardNotifyLink;
  }
}
