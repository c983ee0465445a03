/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291): the
 * `web-push` library builds the request (encrypts, signs the VAPID JWT), and it is sent with
 * fetch so a timeout and the response are ours. The payload is the fixed note as JSON
 * `{ title, body, url }`, which dist/vard-chat-sw.js shows.
 */
import webpush from 'web-push';
import { httpFailure, SendError, type Channel, type Note } from '../channel.js';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** mailto: or https: — the push service may contact the sender there. */
  subject: string;
}

/** A day: an unread-message notice that arrives later than that is of little use. */
export const PUSH_TTL_SECONDS = 24 * 3600;

export function webpushChannel(vapid: VapidKeys, timeoutMs = 10_000): Channel {
  return {
    name: 'webpush',
    async send(to: string, note: Note): Promise<void> {
      const subscription = JSON.parse(to) as webpush.PushSubscription;
      const payload = JSON.stringify({ title: note.subject, body: note.text.split('\n')[0], url: note.url });
      const req = webpush.generateRequestDetails(subscription, payload, {
        vapidDetails: vapid, TTL: PUSH_TTL_SECONDS, urgency: 'normal', contentEncoding: 'aes128gcm',
      });
      let res: Response;
      try {
        res = await fetch(req.endpoint, {
          method: req.method, headers: req.headers as Record<string, string>, body: req.body ? new Uint8Array(req.body) : null,
          signal: AbortSignal.timeout(timeoutMs), redirect: 'error',
        });
      } catch {
        throw new SendError('push-network', true);
      }
      await res.body?.cancel();
      if (!res.ok) throw httpFailure('push', res.status);
    },
  };
}
