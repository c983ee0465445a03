/**
 * Notifications for asynchronous chats (docs/notifications.md): the patient chooses SMS, e-mail
 * or browser notifications (Web Push); the server tells them "there is a new message" — never
 * what it says. A new number or address is confirmed with a one-time code before it is used.
 *
 * A module of its own (not re-exported from index.ts): the widget's session code never imports
 * it, so the settings view is a lazy chunk and the session bundle does not grow.
 */
import * as v from 'valibot';
import { Label, Timestamp } from './primitives.js';
import type { RouteSpec } from './api.js';

export const NOTIFY_CHANNELS = ['sms', 'email', 'webpush'] as const;
export const NotifyChannel = v.picklist(NOTIFY_CHANNELS);
export type NotifyChannel = v.InferOutput<typeof NotifyChannel>;

/**
 * A Swedish mobile number in E.164: +46 7x followed by 7 digits, where 7x is a mobile series
 * (070, 072, 073, 076, 079).
 */
export const SWEDISH_MOBILE = /^\+467[02369]\d{7}$/;
export const MobileNumber = v.pipe(v.string(), v.regex(SWEDISH_MOBILE, 'a Swedish mobile number in E.164 (+467…)'));
export const EmailAddress = v.pipe(v.string(), v.maxLength(254), v.email());

/** Unpadded base64url. */
const B64URL = /^[A-Za-z0-9_-]+$/;

/** A browser's PushSubscription as `toJSON()` gives it. */
export const PushSubscription = v.object({
  /** The push service's URL for this browser (the server allows only known push services). */
  endpoint: v.pipe(v.string(), v.maxLength(2000), v.url()),
  expirationTime: v.optional(v.nullable(v.number())),
  keys: v.object({
    /** The browser's P-256 public key: 65 bytes, base64url. */
    p256dh: v.pipe(v.string(), v.length(87), v.regex(B64URL)),
    /** The authentication secret: 16 bytes, base64url. */
    auth: v.pipe(v.string(), v.length(22), v.regex(B64URL)),
  }),
});
export type PushSubscription = v.InferOutput<typeof PushSubscription>;

export const NotifyChannelSetting = v.object({
  channel: NotifyChannel,
  /** The number or address (the patient's own); absent for webpush. */
  address: v.optional(v.pipe(v.string(), v.maxLength(254))),
  /** Confirmed with the code (webpush: at once; the browser's permission is the consent). */
  confirmed: v.boolean(),
  /** While unconfirmed: until when the code that was sent holds. */
  codeExpiresAt: v.optional(Timestamp),
});
export type NotifyChannelSetting = v.InferOutput<typeof NotifyChannelSetting>;

export const NotificationSettings = v.object({
  /** The channels this server can send on; empty: the widget hides the setting. */
  available: v.pipe(v.array(NotifyChannel), v.maxLength(3)),
  /** The clinic's name, as the notification names it. */
  clinicName: Label,
  /** The VAPID public key (base64url) for `pushManager.subscribe`, when webpush is available. */
  vapidPublicKey: v.optional(v.pipe(v.string(), v.maxLength(200), v.regex(B64URL))),
  /** The patient's channels. */
  channels: v.pipe(v.array(NotifyChannelSetting), v.maxLength(3)),
});
export type NotificationSettings = v.InferOutput<typeof NotificationSettings>;

/** PUT: an address (sms: the number, email: the address) or a push subscription (webpush). */
export const NotifySetBody = v.union([
  v.object({ address: v.pipe(v.string(), v.maxLength(254)) }),
  v.object({ subscription: PushSubscription }),
]);
export type NotifySetBody = v.InferOutput<typeof NotifySetBody>;

export const CODE_DIGITS = 6;
/** How long a code holds, and how many guesses it allows. */
export const CODE_TTL_MS = 10 * 60_000;
export const CODE_TRIES = 5;
export const NotifyConfirmBody = v.object({ code: v.pipe(v.string(), v.regex(/^\d{6}$/, 'six digits')) });
export type NotifyConfirmBody = v.InferOutput<typeof NotifyConfirmBody>;

export const NotifyParams = v.object({ channel: NotifyChannel });

/** Error codes of these routes (besides the protocol's). */
export const NOTIFY_ERROR_CODES = [
  /** 422: the channel is not configured on this server. */
  'channel-unavailable',
  /** 422: the number or address does not fit the channel (Swedish mobile in E.164; e-mail syntax; a push subscription). */
  'invalid-address',
  /** 422: the push endpoint is not a known push service. */
  'push-endpoint-not-allowed',
  /** 422: the code is wrong (tries remain). */
  'wrong-code',
  /** 410: the code expired, or its 5 tries were used up: ask for a new one (PUT again). */
  'code-expired',
] as const;
export type NotifyErrorCode = (typeof NOTIFY_ERROR_CODES)[number];

export const NOTIFY_ROUTES = {
  getNotifications: {
    method: 'GET', path: '/notifications', summary: "The patient's notification settings and the channels this server can send on (empty: none).",
    responses: { 200: NotificationSettings }, errors: [401],
  },
  setNotification: {
    method: 'PUT', path: '/notifications/{channel}', params: NotifyParams, body: NotifySetBody,
    summary: 'Sets a channel (a number, an address, or a push subscription). SMS and e-mail get a one-time code and stay unconfirmed until it is given; a push subscription is confirmed at once.',
    responses: { 200: NotificationSettings }, errors: [400, 401, 415, 422, 429, 502],
  },
  confirmNotification: {
    method: 'POST', path: '/notifications/{channel}/confirm', params: NotifyParams, body: NotifyConfirmBody,
    summary: 'Confirms a channel with the code that was sent to it (6 digits, 10 minutes, 5 tries).',
    responses: { 200: NotificationSettings }, errors: [400, 401, 404, 410, 415, 422, 429],
  },
  deleteNotification: {
    method: 'DELETE', path: '/notifications/{channel}', params: NotifyParams,
    summary: 'Withdraws a channel: nothing more is sent on it (idempotent).',
    responses: { 204: null }, errors: [400, 401],
  },
} as const satisfies Record<string, RouteSpec>;

/** When a console shows that the patient was notified. */
export const NotifiedView = v.object({ at: Timestamp, channel: NotifyChannel });
export type NotifiedView = v.InferOutput<typeof NotifiedView>;
