/** The notification settings routes of the protocol (NOTIFY_ROUTES), for HttpBackend: a chunk loaded on first use. */
import { BackendError } from '../../core/errors.js';
import type { NotificationsApi } from '../../core/notifications.js';
import { parseWith } from '../../protocol/index.js';
import { NotificationSettings, type NotifyChannel } from '../../protocol/notifications.js';
import { requestJson, type RequestConfig } from './request.js';

export function httpNotifications(cfg: RequestConfig, warn: (reason: string) => void): NotificationsApi {
  const settings = (value: unknown) => {
    const parsed = parseWith(NotificationSettings, value, warn);
    if (!parsed) throw new BackendError('unavailable', 'invalid-response');
    return parsed;
  };
  const path = (channel: NotifyChannel) => `/notifications/${encodeURIComponent(channel)}`;
  return {
    get: async () => settings(await requestJson(cfg, 'GET', '/notifications')),
    set: async (channel, body) => settings(await requestJson(cfg, 'PUT', path(channel), body)),
    confirm: async (channel, code) => settings(await requestJson(cfg, 'POST', `${path(channel)}/confirm`, { code })),
    withdraw: async (channel) => void (await requestJson(cfg, 'DELETE', path(channel))),
  };
}
