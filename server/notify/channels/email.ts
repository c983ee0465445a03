/** E-mail over SMTP (nodemailer): SMTP_URL (smtp:// or smtps://, with credentials if any) and SMTP_FROM. Plain text only. */
import nodemailer from 'nodemailer';
import { SendError, type Channel, type Note } from '../channel.js';

export function emailChannel(url: string, from: string): Channel {
  const transport = nodemailer.createTransport(url);
  return {
    name: 'email',
    async send(to: string, note: Note): Promise<void> {
      try {
        await transport.sendMail({ from, to, subject: note.subject, text: note.text });
      } catch (err) {
        const e = err as { responseCode?: number; code?: string };
        // 4xx replies are temporary in SMTP, 5xx permanent; no reply at all (connection, timeout) is temporary
        if (typeof e.responseCode === 'number') throw new SendError(`smtp-${e.responseCode}`, e.responseCode < 500);
        throw new SendError(`smtp-${(e.code ?? 'error').toLowerCase()}`, true);
      }
    },
    close: () => transport.close(),
  };
}
