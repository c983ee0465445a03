/**
 * Notifications (docs/notifications.md): the channels from the options, the settings service,
 * the notifier. With no channel configured the server logs "notifications off" once and answers
 * `available: []`, so the widget hides the setting.
 */
import type { EventHub } from '../hub.js';
import type { NotifyChannelName, Store } from '../store/store.js';
import type { Channel } from './channel.js';
import { emailChannel } from './channels/email.js';
import { smsChannel } from './channels/sms.js';
import { webpushChannel } from './channels/webpush.js';
import { DEFAULT_PUSH_ORIGINS, type NotifyOptions } from './config.js';
import { Notifier } from './notifier.js';
import { NotifySettings } from './settings.js';

export type { NotifyOptions } from './config.js';
export { readNotifyEnv } from './config.js';

export interface Notify {
  settings: NotifySettings;
  notifier: Notifier;
  close(): Promise<void>;
}

let saidOff = false;

export function createNotify(store: Store, hub: EventHub, o: NotifyOptions = {}): Notify {
  const log = o.log ?? ((line: string) => console.warn(line));
  const channels = new Map<NotifyChannelName, Channel>();
  if (o.smtp) channels.set('email', emailChannel(o.smtp.url, o.smtp.from));
  if (o.sms) channels.set('sms', smsChannel(o.sms.url, o.sms.token));
  if (o.vapid) channels.set('webpush', webpushChannel(o.vapid));
  for (const [name, ch] of Object.entries(o.channels ?? {}) as [NotifyChannelName, Channel][]) channels.set(name, ch);
  if (!channels.size && !saidOff) {
    saidOff = true;
    log('[notify] notifications off: no channel configured (SMTP_URL, SMS_WEBHOOK_URL or VAPID_*)');
  }
  const clock = o.clock ?? { now: () => Date.now() };
  const clinicName = o.clinicName ?? 'din vårdcentral';
  const settings = new NotifySettings(store, channels, {
    clinicName, vapidPublicKey: o.vapid?.publicKey, pushOrigins: o.pushOrigins ?? DEFAULT_PUSH_ORIGINS, clock,
  });
  const notifier = new Notifier(store, hub, channels, {
    clinicName, clinicUrl: o.clinicUrl ?? '', quiet: o.quiet === undefined ? { from: 21, to: 7 } : o.quiet,
    batchMs: (o.batchMinutes ?? 5) * 60_000, tickMs: o.tickMs ?? 15_000, retry: o.retry ?? { baseMs: 60_000, maxAttempts: 6 },
    presenceMs: 20_000, clock, log,
  });
  return {
    settings,
    notifier,
    async close() {
      await notifier.close();
      for (const c of channels.values()) await c.close?.();
    },
  };
}
