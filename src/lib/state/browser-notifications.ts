import { isTenantId } from '../util/guid';
import type { AlertNotification, NotificationPermissionState, NotificationPlatform } from './notifications.svelte';

/** What the service worker's click handler (public/notification-click.js) is sent when Scoreline is already open. */
export const OPEN_ALERT_MESSAGE = 'scoreline-open-alert';

/**
 * The browser's notifications, always through the service worker's registration: `new Notification()`
 * throws on Android's Chrome, and only the worker can answer a click when no window is open.
 */
export const browserNotifications: NotificationPlatform = {
  permission(): NotificationPermissionState {
    if (typeof Notification === 'undefined' || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return 'unsupported';
    return Notification.permission;
  },
  async requestPermission(): Promise<NotificationPermissionState> {
    if (this.permission() === 'unsupported') return 'unsupported';
    return Notification.requestPermission();
  },
  async show({ title, body, data }: AlertNotification): Promise<boolean> {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration?.active) return false;
    await registration.showNotification(title, { body, data, tag: data.alertId, icon: 'icons/icon-192.png' });
    return true;
  },
  async setBadge(count: number): Promise<void> {
    if (!('setAppBadge' in navigator)) return;
    await (count > 0 ? navigator.setAppBadge(count) : navigator.clearAppBadge());
  },
};

/** The app's address that opens a tenant's reading: what a notification's click opens when no window is. */
export function alertUrl(base: string, tenantId: string, time: number, alertId: string): string {
  const url = new URL(base);
  url.search = '';
  url.hash = '';
  url.searchParams.set('tenant', tenantId);
  url.searchParams.set('reading', String(time));
  url.searchParams.set('alert', alertId);
  return url.href;
}

/** The alert an address names (a notification's click opened it), and the address without it. */
export function alertInAddress(href: string): { target: { tenantId: string | null; time: string | null; alertId: string | null }; withoutIt: string } | undefined {
  const url = new URL(href);
  if (!url.searchParams.has('alert')) return undefined;
  const target = { tenantId: url.searchParams.get('tenant'), time: url.searchParams.get('reading'), alertId: url.searchParams.get('alert') };
  for (const name of ['tenant', 'reading', 'alert']) url.searchParams.delete(name);
  return { target, withoutIt: url.href };
}

/** The tenant, reading and alert an address (or a message from the service worker) asks to show, if it names them. */
export function alertTarget(params: { tenant?: unknown; reading?: unknown; alert?: unknown }): { tenantId: string; time: number; alertId: string } | undefined {
  const { tenant, reading, alert } = params;
  const time = typeof reading === 'number' ? reading : typeof reading === 'string' ? Number(reading) : Number.NaN;
  if (typeof tenant !== 'string' || !isTenantId(tenant) || typeof alert !== 'string' || alert.length > 1_000 || !Number.isFinite(time)) return undefined;
  return { tenantId: tenant, time, alertId: alert };
}
