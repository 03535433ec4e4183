// Imported by the generated service worker (vite.config.ts, workbox.importScripts): a click on an alert's
// notification focuses an open Scoreline window on that tenant and reading, or opens one there.
self.addEventListener('notificationclick', (event) => {
  const data = event.notification.data || {};
  event.notification.close();
  event.waitUntil(
    (async () => {
      const scope = self.registration.scope;
      const target = new URL(typeof data.url === 'string' ? data.url : scope);
      // Only ever Scoreline itself: a notification's data never sends the user elsewhere.
      if (!target.href.startsWith(scope)) return;
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((client) => client.url.startsWith(scope));
      if (open) {
        await open.focus();
        open.postMessage({ type: 'scoreline-open-alert', tenantId: data.tenantId, time: data.time, alertId: data.alertId });
        return;
      }
      await self.clients.openWindow(target.href);
    })(),
  );
});
