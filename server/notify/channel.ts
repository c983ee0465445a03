/**
 * The one interface every notification channel implements (e-mail, SMS, Web Push, the demo's
 * log), and the fixed content: the server never puts message text, a reason for contact or a
 * clinician's name into a notification.
 */
import type { NotifyChannelName } from '../store/store.js';

/** What a notification or a code says: plain text, already final. */
export interface Note {
  /** E-mail subject / push title. */
  subject: string;
  text: string;
  /** The clinic's own page (push: opened on click); may be empty. */
  url: string;
}

export interface Channel {
  readonly name: NotifyChannelName;
  /** Sends to `to`: a number (sms), an address (email), a PushSubscription as JSON (webpush). Throws SendError. */
  send(to: string, note: Note): Promise<void>;
  close?(): Promise<void> | void;
}

/** A failed send: `transient` ones are tried again with backoff; `gone` means the address no longer exists (a push subscription). */
export class SendError extends Error {
  constructor(readonly code: string, readonly transient: boolean, readonly gone = false) {
    super(code);
  }
}

/** The notification, the same every time (issue #19): no content, only the clinic and its page. */
export function notificationNote(clinicName: string, clinicUrl: string): Note {
  return {
    subject: `Nytt meddelande från ${clinicName}`,
    text: `Du har ett nytt meddelande från ${clinicName}. Logga in för att läsa det.${clinicUrl ? `\n${clinicUrl}` : ''}`,
    url: clinicUrl,
  };
}

/** The one-time code for a new number or address. */
export function codeNote(clinicName: string, code: string): Note {
  return {
    subject: `Din kod från ${clinicName}`,
    text: `Din kod för aviseringar från ${clinicName} är ${code}. Den gäller i 10 minuter. Om du inte bad om den kan du bortse från det här meddelandet.`,
    url: '',
  };
}

/** HTTP status → SendError (429 and 5xx are worth another try; other 4xx are not). */
export function httpFailure(prefix: string, status: number): SendError {
  return new SendError(`${prefix}-${status}`, status === 408 || status === 429 || status >= 500, status === 404 || status === 410);
}
