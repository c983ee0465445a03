/** `callback`: time windows in which the clinic can call; the patient picks one (and may correct the number) or declines. */
import * as v from 'valibot';
import { Id, PathKey, Timestamp } from '../primitives.js';

/** A time window in which the clinic can call. */
export const CallbackWindow = v.object({ id: Id, start: Timestamp, end: Timestamp });
export type CallbackWindow = v.InferOutput<typeof CallbackWindow>;
export const CallbackOffer = v.object({
  windows: v.pipe(v.array(CallbackWindow), v.minLength(1), v.maxLength(10)),
  /** The end of the number the clinic has, e.g. "•••• 12 34", so the patient can check it. */
  phoneHint: v.optional(v.pipe(v.string(), v.maxLength(40))),
});
export const CallbackPayload = v.object({ actionId: PathKey, ...CallbackOffer.entries });
export type CallbackPayload = v.InferOutput<typeof CallbackPayload>;

/** A phone number as a patient types it: digits, spaces, dashes, a leading +; 6–15 digits. */
export const PHONE = /^\+?[\d\s-]{6,24}$/;
export function checkPhone(raw: string): string | null {
  const t = raw.trim();
  if (!PHONE.test(t)) return null;
  const digits = t.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 15 ? t : null;
}
/** The patient picks a window and may correct the number; or declines the call. */
export const CallbackAnswer = v.union([
  v.strictObject({ windowId: Id, phone: v.optional(v.pipe(v.string(), v.check((p) => checkPhone(p) !== null, 'a phone number'))) }),
  v.strictObject({ declined: v.literal(true) }),
]);
export type CallbackAnswer = v.InferOutput<typeof CallbackAnswer>;
