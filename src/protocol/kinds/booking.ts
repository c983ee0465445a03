/** `booking`: proposed times for a visit or a video meeting; the patient picks one or declines. */
import * as v from 'valibot';
import { Id, Label, PathKey, Timestamp } from '../primitives.js';

export const BookingSlot = v.object({
  id: Id,
  start: Timestamp,
  end: Timestamp,
  /** A visit at the clinic or a video meeting. */
  type: v.picklist(['visit', 'video']),
  /** Plain text: the place or the clinician. */
  label: v.optional(Label),
});
export type BookingSlot = v.InferOutput<typeof BookingSlot>;

/** What a clinician offers (the console's body); the server adds the `actionId`. */
export const BookingOffer = v.object({ slots: v.pipe(v.array(BookingSlot), v.minLength(1), v.maxLength(20)) });
export const BookingPayload = v.object({ actionId: PathKey, ...BookingOffer.entries });
export type BookingPayload = v.InferOutput<typeof BookingPayload>;
/** The patient picks one slot, or asks for other times. */
export const BookingAnswer = v.union([
  v.strictObject({ slotId: Id }),
  v.strictObject({ declined: v.literal(true) }),
]);
export type BookingAnswer = v.InferOutput<typeof BookingAnswer>;
