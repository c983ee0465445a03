/** The booking feature chunk: proposed times and the call-back. */
import { renderBookingKind, VardBooking } from '../components/messages/booking.js';
import { renderCallbackKind, VardCallback } from '../components/messages/callback.js';
import { registerKindRenderers } from '../components/messages/kinds.js';
import { defineElement } from './define-element.js';
import { loadFeatureTexts } from '../i18n/load.js';

/**
 * The elements are defined once the features' words are here (downloaded beside this module by
 * `loadFeature`, which waits for this): no element ever shows a key. Defined anyway if the words
 * fail to come, so the feature still works (`loadFeature` then fails and is tried again).
 */
export const ready = loadFeatureTexts().then(define, define);

function define(): void {
  defineElement('vard-booking', VardBooking);
  defineElement('vard-callback', VardCallback);
  registerKindRenderers({ booking: renderBookingKind, callback: renderCallbackKind });
}

declare global {
  interface HTMLElementTagNameMap {
    'vard-booking': VardBooking;
    'vard-callback': VardCallback;
  }
}
