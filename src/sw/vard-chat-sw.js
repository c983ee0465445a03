/* vard-chat-sw.js — the service worker for <vard-chat>'s browser notifications (docs/notifications.md).
 * Serve it from the clinic's own site (e.g. https://www.clinic.example/vard-chat-sw.js). It shows the
 * notification the chat server sends — only "Du har ett nytt meddelande från {klinik}. Logga in för att
 * läsa det." — and opens the clinic's page when it is clicked. It caches nothing and handles no fetches. */
self.addEventListener('push', (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  const text = (v, max, fallback) => (typeof v === 'string' && v ? v.slice(0, max) : fallback);
  const title = text(data.title, 100, 'Nytt meddelande');
  const body = text(data.body, 300, 'Du har ett nytt meddelande. Logga in för att läsa det.');
  let url = self.registration.scope;
  try {
    const u = new URL(data.url, self.registration.scope);
    if (u.protocol === 'https:' || u.origin === self.location.origin) url = u.href;
  } catch (e) { /* the scope */ }
  event.waitUntil(self.registration.showNotification(title, { body, tag: 'vard-chat', renotify: true, data: { url } }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || self.registration.scope;
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((all) => {
    const open = all.find((c) => c.url === url && 'focus' in c);
    return open ? open.focus() : self.clients.openWindow(url);
  }));
});
