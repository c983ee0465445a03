/**
 * SMS through a generic JSON webhook that a clinic maps to its SMS provider: POST SMS_WEBHOOK_URL
 * with `{ "to": "+4670…", "text": "…" }` and `Authorization: Bearer SMS_WEBHOOK_TOKEN`. Any 2xx
 * is sent; 408, 429 and 5xx are tried again; other statuses are final.
 */
import { httpFailure, SendError, type Channel, type Note } from '../channel.js';

export function smsChannel(url: string, token: string | undefined, timeoutMs = 10_000): Channel {
  return {
    name: 'sms',
    async send(to: string, note: Note): Promise<void> {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ to, text: note.text }),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch {
        throw new SendError('sms-network', true);
      }
      await res.body?.cancel();
      if (!res.ok) throw httpFailure('sms', res.status);
    },
  };
}
