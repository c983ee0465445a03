/** The booking feature chunk: proposed times and the call-back. */
import { VardBooking } from '../components/messages/booking.js';
import { VardCallback } from '../components/messages/callback.js';
import { defineElement } from './define-element.js';

defineElement('vard-booking', VardBooking);
defineElement('vard-callback', VardCallback);

declare global {
  interface HTMLElementTagNameMap {
    'vard-booking': VardBooking;
    'vard-callback': VardCallback;
  }
}
