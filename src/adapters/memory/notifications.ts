/**
 * The demo's notification settings, in memory: SMS and e-mail with a one-time code, which — like
 * every notification it would send — is written to the browser console instead of being sent
 * ("[vard-chat demo] would send …"). Only the fixed text is logged, never a number or an address.
 */
import { BackendError } from '../../core/errors.js';
import type { NotificationSettings, NotificationsApi, NotifyChannel } from '../../core/notifications.js';

interface Entry {
  channel: NotifyChannel;
  address: string;
  confirmed: boolean;
  code?: string;
  expiresAt?: number;
  tries: number;
}

const MOBILE = /^\+467[02369]\d{7}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NAME: Record<NotifyChannel, string> = { sms: 'SMS', email: 'e-post', webpush: 'webbläsarnotis' };

export class MemoryNotifications implements NotificationsApi {
  private readonly entries = new Map<NotifyChannel, Entry>();
  constructor(private readonly clinicName: string, private readonly log: (line: string) => void = (l) => console.info(l)) {}

  async get(): Promise<NotificationSettings> {
    return {
      available: ['sms', 'email'], clinicName: this.clinicName,
      channels: [...this.entries.values()].map((e) => ({
        channel: e.channel, address: e.address, confirmed: e.confirmed,
        ...(e.expiresAt && !e.confirmed ? { codeExpiresAt: new Date(e.expiresAt).toISOString() } : {}),
      })),
    };
  }

  async set(channel: NotifyChannel, body: { address: string } | { subscription: unknown }): Promise<NotificationSettings> {
    if (channel === 'webpush' || !('address' in body)) throw new BackendError('rejected', 'channel-unavailable');
    const address = channel === 'sms' ? body.address.replace(/[\s()-]/g, '').replace(/^0/, '+46') : body.address.trim().toLowerCase();
    if (!(channel === 'sms' ? MOBILE : EMAIL).test(address)) throw new BackendError('rejected', 'invalid-address');
    const code = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
    this.entries.set(channel, { channel, address, confirmed: false, code, expiresAt: Date.now() + 10 * 60_000, tries: 0 });
    this.log(`[vard-chat demo] would send by ${NAME[channel]}: "Din kod för aviseringar från ${this.clinicName} är ${code}. Den gäller i 10 minuter."`);
    return this.get();
  }

  async confirm(channel: NotifyChannel, code: string): Promise<NotificationSettings> {
    const e = this.entries.get(channel);
    if (!e?.code) throw new BackendError('not-found', 'not-found');
    if (Date.now() >= (e.expiresAt ?? 0) || e.tries >= 5) throw new BackendError('not-found', 'code-expired');
    e.tries++;
    if (code !== e.code) {
      if (e.tries >= 5) delete e.code;
      throw e.tries >= 5 ? new BackendError('not-found', 'code-expired') : new BackendError('rejected', 'wrong-code');
    }
    e.confirmed = true;
    delete e.code;
    delete e.expiresAt;
    return this.get();
  }

  async withdraw(channel: NotifyChannel): Promise<void> {
    this.entries.delete(channel);
  }

  /** The simulated clinic wrote: what the server would send on each confirmed channel. */
  clinicWrote(): void {
    for (const e of this.entries.values()) {
      if (e.confirmed) this.log(`[vard-chat demo] would send by ${NAME[e.channel]}: "Du har ett nytt meddelande från ${this.clinicName}. Logga in för att läsa det."`);
    }
  }
}
