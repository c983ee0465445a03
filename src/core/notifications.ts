/**
 * The patient's notification settings as a backend offers them (optional): `ChatBackend.notifications()`
 * resolves to this, from a module of its own that the panel downloads only when it asks.
 * Types only here, so the session bundle does not grow.
 */
import type { NotificationSettings, NotifyChannel, NotifySetBody } from '../protocol/notifications.js';

export type { NotificationSettings, NotifyChannel, NotifySetBody };

export interface NotificationsApi {
  /** The settings and which channels the backend can send on (none: the widget hides the setting). */
  get(): Promise<NotificationSettings>;
  /** Sets a channel; SMS and e-mail get a one-time code (`confirm`), a push subscription is confirmed at once. */
  set(channel: NotifyChannel, body: NotifySetBody): Promise<NotificationSettings>;
  /** BackendError `invalid` with detail `wrong-code`, or `not-found`/`gone` (`code-expired`) when the code no longer holds. */
  confirm(channel: NotifyChannel, code: string): Promise<NotificationSettings>;
  withdraw(channel: NotifyChannel): Promise<void>;
}
