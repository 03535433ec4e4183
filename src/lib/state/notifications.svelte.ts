/** Where the browser stands on notifications for this app: 'unsupported' without Notification or a service worker. */
export type NotificationPermissionState = 'unsupported' | 'default' | 'granted' | 'denied';

/** What an alert's notification carries to the service worker, so its click opens Scoreline on that tenant and reading. */
export interface AlertNotificationData {
  tenantId: string;
  /** The reading that fired the alert (epoch ms). */
  time: number;
  alertId: string;
  /** The app's address with the tenant and reading, for a click when no window of Scoreline is open. */
  url: string;
}

/** One notification to show. */
export interface AlertNotification {
  title: string;
  body: string;
  data: AlertNotificationData;
}

/** The browser's notifications and badge as Scoreline uses them; the browser wiring passes the real ones, tests a fake. */
export interface NotificationPlatform {
  permission(): NotificationPermissionState;
  /** Asks the browser: only ever called when the user turns notifications on. */
  requestPermission(): Promise<NotificationPermissionState>;
  /** Shows a notification through the service worker's registration; false when there is none to show it. */
  show(notification: AlertNotification): Promise<boolean>;
  /** Sets the installed app's badge (0 clears it), where the browser has one. */
  setBadge?(count: number): Promise<void>;
}

export interface NotificationsDependencies {
  platform: NotificationPlatform;
  /** Whether the user turned notifications on in this browser. */
  pref: { load(): Promise<boolean>; save(on: boolean): Promise<void> };
}

/**
 * System notifications for alerts, off until the user turns them on: the browser's permission is asked
 * only then, never on load. In-app alerts do not depend on them.
 */
export class NotificationsState {
  /** The user's choice in this browser. */
  chosen = $state(false);
  permission = $state<NotificationPermissionState>('default');
  /** Notifications are shown: chosen, and allowed by the browser. */
  active = $derived(this.chosen && this.permission === 'granted');

  readonly #deps: NotificationsDependencies;
  #badge: number | undefined;

  constructor(deps: NotificationsDependencies) {
    this.#deps = deps;
  }

  async start(): Promise<void> {
    this.permission = this.#deps.platform.permission();
    this.chosen = await this.#deps.pref.load().catch(() => false);
  }

  /** Reads the permission again: the user may have changed it in the browser's settings. */
  refreshPermission(): void {
    this.permission = this.#deps.platform.permission();
  }

  /** Turns notifications on, asking the browser first when it has not been asked; they stay off when it refuses. */
  async turnOn(): Promise<void> {
    let permission = this.#deps.platform.permission();
    if (permission === 'default') permission = await this.#deps.platform.requestPermission().catch((): NotificationPermissionState => 'default');
    this.permission = permission;
    this.chosen = permission === 'granted';
    await this.#deps.pref.save(this.chosen).catch(() => undefined);
  }

  async turnOff(): Promise<void> {
    this.chosen = false;
    await this.#deps.pref.save(false).catch(() => undefined);
  }

  /** Shows each as a system notification when turned on and allowed; resolves to how many were shown. */
  async notify(notifications: readonly AlertNotification[]): Promise<number> {
    this.refreshPermission();
    if (!this.active) return 0;
    let shown = 0;
    for (const notification of notifications) {
      if (await this.#deps.platform.show(notification).catch(() => false)) shown += 1;
    }
    return shown;
  }

  /** Shows on the installed app's icon how many alerts wait (none clears it). */
  async setBadge(count: number): Promise<void> {
    if (count === this.#badge) return;
    this.#badge = count;
    await this.#deps.platform.setBadge?.(count).catch(() => undefined);
  }
}
