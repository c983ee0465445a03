/**
 * The patient's notification settings: set a channel, confirm it with a one-time code (6 digits,
 * scrypt-hashed at rest with its own salt, 10 minutes, 5 tries), withdraw it. A push subscription
 * needs no code: the browser asked the patient for permission, and only a known push service is
 * accepted as its endpoint.
 */
import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import * as v from 'valibot';
import {
  CODE_TRIES, CODE_TTL_MS, EmailAddress, PushSubscription, SWEDISH_MOBILE,
  type NotificationSettings, type NotifyChannel, type NotifyChannelSetting, type NotifySetBody,
} from '../../src/protocol/notifications.js';
import { ApiError } from '../errors.js';
import { RateLimiter } from '../services/rate-limit.js';
import type { NotifyChannelRecord, Store } from '../store/store.js';
import { codeNote, SendError, type Channel } from './channel.js';
import type { Clock } from './config.js';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export async function hashCode(code: string): Promise<string> {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${(await scryptAsync(code, salt, 32)).toString('hex')}`;
}

export async function codeMatches(code: string, stored: string): Promise<boolean> {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  const got = await scryptAsync(code, Buffer.from(salt, 'hex'), 32);
  const want = Buffer.from(hash, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** "070-123 45 67" → "+46701234567"; the server stores E.164 only. */
export function normalizeMobile(raw: string): string {
  const s = raw.replace(/[\s()-]/g, '');
  if (s.startsWith('00')) return `+${s.slice(2)}`;
  if (s.startsWith('0')) return `+46${s.slice(1)}`;
  return s;
}

export interface SettingsOptions {
  clinicName: string;
  vapidPublicKey: string | undefined;
  pushOrigins: readonly string[];
  clock: Clock;
}

export class NotifySettings {
  /** Codes sent per patient (each costs an SMS or an e-mail): 3 a minute. */
  private readonly codes = new RateLimiter(3);

  constructor(private readonly store: Store, private readonly channels: ReadonlyMap<NotifyChannel, Channel>, private readonly opts: SettingsOptions) {}

  get available(): NotifyChannel[] {
    return (['sms', 'email', 'webpush'] as const).filter((c) => this.channels.has(c));
  }

  async get(patient: string): Promise<NotificationSettings> {
    const rows = await this.store.listNotifyChannels(patient);
    const out: NotificationSettings = { available: this.available, clinicName: this.opts.clinicName, channels: rows.map((r) => this.view(r)) };
    if (this.opts.vapidPublicKey && this.channels.has('webpush')) out.vapidPublicKey = this.opts.vapidPublicKey;
    return out;
  }

  private view(r: NotifyChannelRecord): NotifyChannelSetting {
    const v: NotifyChannelSetting = { channel: r.channel, confirmed: r.confirmedAt !== null };
    if (r.channel !== 'webpush') v.address = r.address;
    if (r.confirmedAt === null && r.codeHash !== null && r.codeExpiresAt !== null) v.codeExpiresAt = new Date(r.codeExpiresAt).toISOString();
    return v;
  }

  async set(patient: string, channel: NotifyChannel, body: NotifySetBody): Promise<NotificationSettings> {
    const sender = this.channels.get(channel);
    if (!sender) throw new ApiError(422, 'channel-unavailable', 'This server does not send on this channel.');
    const t = this.opts.clock.now();
    const updatedAt = new Date(t).toISOString();
    if (channel === 'webpush') {
      if (!('subscription' in body)) throw new ApiError(422, 'invalid-address', 'webpush takes a subscription.');
      const sub = v.parse(PushSubscription, body.subscription);
      if (!this.opts.pushOrigins.includes(new URL(sub.endpoint).origin)) throw new ApiError(422, 'push-endpoint-not-allowed', 'The endpoint is not a known push service.');
      await this.store.upsertNotifyChannel({
        patient, channel, address: JSON.stringify({ endpoint: sub.endpoint, keys: sub.keys }), confirmedAt: updatedAt, codeHash: null, codeExpiresAt: null, codeTries: 0, updatedAt,
      });
      return this.get(patient);
    }
    if (!('address' in body)) throw new ApiError(422, 'invalid-address', `${channel} takes an address.`);
    const address = channel === 'sms' ? normalizeMobile(body.address) : body.address.trim().toLowerCase();
    if (channel === 'sms' ? !SWEDISH_MOBILE.test(address) : !v.is(EmailAddress, address)) {
      throw new ApiError(422, 'invalid-address', channel === 'sms' ? 'A Swedish mobile number, +467… (E.164).' : 'Not an e-mail address.');
    }
    const current = await this.store.findNotifyChannel(patient, channel);
    // the same confirmed address again: nothing to confirm
    if (current?.address === address && current.confirmedAt !== null) return this.get(patient);
    this.codes.take(patient);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.store.upsertNotifyChannel({
      patient, channel, address, confirmedAt: null, codeHash: await hashCode(code), codeExpiresAt: t + CODE_TTL_MS, codeTries: 0, updatedAt,
    });
    try {
      await sender.send(address, codeNote(this.opts.clinicName, code));
    } catch (err) {
      throw new ApiError(502, 'send-failed', `The code could not be sent (${err instanceof SendError ? err.code : 'error'}).`);
    }
    return this.get(patient);
  }

  async confirm(patient: string, channel: NotifyChannel, code: string): Promise<NotificationSettings> {
    const r = await this.store.findNotifyChannel(patient, channel);
    if (!r || (r.confirmedAt !== null && r.codeHash === null)) throw new ApiError(404, 'not-found', 'No code is pending for this channel.');
    const t = this.opts.clock.now();
    const clear = { codeHash: null, codeExpiresAt: null, codeTries: 0, updatedAt: new Date(t).toISOString() };
    if (r.codeHash === null || r.codeExpiresAt === null || t >= r.codeExpiresAt) {
      if (r.codeHash !== null) await this.store.updateNotifyChannel(patient, channel, clear);
      throw new ApiError(410, 'code-expired', 'The code has expired: ask for a new one.');
    }
    // the try is counted before the code is checked, so guesses sent at once cannot pass the limit
    const tries = await this.store.addNotifyCodeTry(patient, channel);
    if (tries > CODE_TRIES) {
      await this.store.updateNotifyChannel(patient, channel, clear);
      throw new ApiError(410, 'code-expired', 'The code has been tried too many times: ask for a new one.');
    }
    if (!(await codeMatches(code, r.codeHash))) {
      if (tries >= CODE_TRIES) await this.store.updateNotifyChannel(patient, channel, clear);
      throw tries >= CODE_TRIES
        ? new ApiError(410, 'code-expired', 'Wrong code, and no tries left: ask for a new one.')
        : new ApiError(422, 'wrong-code', `Wrong code: ${CODE_TRIES - tries} tries left.`);
    }
    await this.store.updateNotifyChannel(patient, channel, { ...clear, confirmedAt: clear.updatedAt });
    return this.get(patient);
  }

  async withdraw(patient: string, channel: NotifyChannel): Promise<void> {
    await this.store.deleteNotifyChannel(patient, channel);
  }
}
