/**
 * Notification settings from the environment (read once at start by serve.ts) and the options
 * startServer takes. Secrets (SMTP_URL may hold a password, the tokens, the VAPID private key)
 * are never echoed in an error.
 */
import type { NotifyChannelName } from '../store/store.js';
import type { Channel } from './channel.js';
import type { VapidKeys } from './channels/webpush.js';

/** The time the notifier goes by (tests move it by hand). */
export interface Clock {
  now(): number;
}

export interface NotifyOptions {
  /** VARD_CLINIC_NAME: the clinic as the notification names it. */
  clinicName?: string;
  /** VARD_CLINIC_URL: the clinic's own page, the only link in a notification (https). */
  clinicUrl?: string;
  /** SMTP_URL, SMTP_FROM. */
  smtp?: { url: string; from: string };
  /** SMS_WEBHOOK_URL, SMS_WEBHOOK_TOKEN. */
  sms?: { url: string; token?: string };
  /** VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT. */
  vapid?: VapidKeys;
  /** VARD_PUSH_ORIGINS: the push services a subscription may point at (origins). */
  pushOrigins?: string[];
  /** VARD_NOTIFY_QUIET: hours (Europe/Stockholm) when nothing is sent; null for none. Default 21–07. */
  quiet?: { from: number; to: number } | null;
  /** VARD_NOTIFY_BATCH_MINUTES: events within this long after the first become one notification (default 5). */
  batchMinutes?: number;
  /** How often the notifier looks for due work (default 15 s). */
  tickMs?: number;
  /** Retries of a transiently failed send: base delay (doubling) and attempts in all. */
  retry?: { baseMs: number; maxAttempts: number };
  /** Channels to use instead of the configured ones (the demo's log channel; tests). */
  channels?: Partial<Record<NotifyChannelName, Channel>>;
  clock?: Clock;
  /** Where "notifications off" and delivery failures (codes only) are logged. */
  log?: (line: string) => void;
}

/** The push services of the major browsers (Chrome/Edge/Firefox/Safari). */
export const DEFAULT_PUSH_ORIGINS = [
  'https://fcm.googleapis.com', 'https://updates.push.services.mozilla.com', 'https://web.push.apple.com',
  'https://wns2-par02p.notify.windows.com', 'https://wns2-db5p.notify.windows.com', 'https://wns2-am3p.notify.windows.com', 'https://wns2-bn3p.notify.windows.com',
];

export function readNotifyEnv(env: NodeJS.ProcessEnv): NotifyOptions {
  const o: NotifyOptions = {};
  const set = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const url = (name: string, raw: string, protocols: string[]): string => {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new Error(`${name} is not a valid URL`);
    }
    if (!protocols.includes(u.protocol)) throw new Error(`${name} must be a ${protocols.join(' or ')} URL`);
    return raw;
  };
  const name = set('VARD_CLINIC_NAME');
  if (name !== undefined) {
    if (name.length > 100 || /[\u0000-\u001f<>]/.test(name)) throw new Error('VARD_CLINIC_NAME must be plain text of at most 100 characters');
    o.clinicName = name;
  }
  const clinicUrl = set('VARD_CLINIC_URL');
  if (clinicUrl !== undefined) o.clinicUrl = url('VARD_CLINIC_URL', clinicUrl, ['https:', 'http:']);
  const smtp = set('SMTP_URL');
  if (smtp !== undefined) {
    url('SMTP_URL', smtp, ['smtp:', 'smtps:']);
    const from = set('SMTP_FROM');
    if (!from || !/^[^\s@<>]+@[^\s@<>]+$|<[^\s@<>]+@[^\s@<>]+>$/.test(from)) throw new Error('SMTP_FROM must be set to an address (like "Vårdcentralen <noreply@clinic.example>") when SMTP_URL is');
    o.smtp = { url: smtp, from };
  }
  const sms = set('SMS_WEBHOOK_URL');
  if (sms !== undefined) {
    const token = set('SMS_WEBHOOK_TOKEN');
    o.sms = { url: url('SMS_WEBHOOK_URL', sms, ['https:', 'http:']), ...(token ? { token } : {}) };
  }
  const pub = set('VAPID_PUBLIC_KEY');
  const priv = set('VAPID_PRIVATE_KEY');
  const subject = set('VAPID_SUBJECT');
  if (pub || priv || subject) {
    if (!pub || !/^[A-Za-z0-9_-]{87}$/.test(pub)) throw new Error('VAPID_PUBLIC_KEY must be a P-256 public key, 65 bytes base64url (npx web-push generate-vapid-keys)');
    if (!priv || !/^[A-Za-z0-9_-]{43}$/.test(priv)) throw new Error('VAPID_PRIVATE_KEY must be a P-256 private key, 32 bytes base64url');
    if (!subject || !/^(mailto:|https:)/.test(subject)) throw new Error('VAPID_SUBJECT must be a mailto: or https: URL');
    o.vapid = { publicKey: pub, privateKey: priv, subject };
  }
  const origins = set('VARD_PUSH_ORIGINS');
  if (origins !== undefined) o.pushOrigins = origins.split(',').map((x) => x.trim()).filter(Boolean).map((x) => new URL(url('VARD_PUSH_ORIGINS', x, ['https:'])).origin);
  const quiet = set('VARD_NOTIFY_QUIET');
  if (quiet !== undefined) o.quiet = parseQuiet(quiet);
  const batch = set('VARD_NOTIFY_BATCH_MINUTES');
  if (batch !== undefined) {
    const n = Number(batch);
    if (!Number.isInteger(n) || n < 0 || n > 120) throw new Error('VARD_NOTIFY_BATCH_MINUTES must be a whole number from 0 to 120');
    o.batchMinutes = n;
  }
  return o;
}

/** "21-07" → { from: 21, to: 7 }; "off" → null. */
export function parseQuiet(raw: string): { from: number; to: number } | null {
  if (raw === 'off') return null;
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(raw);
  const from = Number(m?.[1]);
  const to = Number(m?.[2]);
  if (!m || from > 23 || to > 23) throw new Error('VARD_NOTIFY_QUIET must be hours like 21-07 (Europe/Stockholm), or off');
  return from === to ? null : { from, to };
}
