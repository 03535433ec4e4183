import { registerSW } from 'virtual:pwa-register';
import type { NewVersionOffer } from './app.svelte';

const UPDATE_CHECK_INTERVAL_MS = 60 * 60_000;

/**
 * The service worker that makes Scoreline installable and offline. A new version waits until the user
 * chooses to reload, so nothing reloads by itself, least of all in the middle of a sign-in.
 */
export class AppUpdateState implements NewVersionOffer {
  available = $state(false);
  #applyUpdate: ((reloadPage?: boolean) => Promise<void>) | undefined;

  start(): void {
    if (!('serviceWorker' in navigator)) return;
    this.#applyUpdate = registerSW({
      onNeedRefresh: () => (this.available = true),
      onRegisteredSW: (_url, registration) => {
        if (registration) setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_INTERVAL_MS);
      },
    });
  }

  /** Not now: the offer comes back with the next version, or the next visit. */
  dismiss(): void {
    this.available = false;
  }

  async apply(): Promise<void> {
    this.available = false;
    await this.#applyUpdate?.(true);
  }
}

