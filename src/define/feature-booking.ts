/** The booking feature chunk: proposed times and the call-back. */
import { renderBookingKind, VardBooking } from '../components/messages/booking.js';
import { renderCallbackKind, VardCallback } from '../components/messages/callback.js';
import { registerKindRenderers } from '../components/messages/kinds.js';
import { defineElement } from './define-element.js';

defineElement('vard-booking', VardBooking);
defineElement('vard-callback', VardCallback);
registerKindRenderers({ booking: renderBookingKind, callback: renderCallbackKind });

declare global {
  interface HTMLElementTagNameMap {
    'vard-booking': VardBooking;
    'vard-callback': VardCallback;
  }
}
