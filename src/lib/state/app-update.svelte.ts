import type { NewVersionOffer } from './app.svelte';

const UPDATE_CHECK_INTERVAL_MS = 60 * 60_000;

/**
 * The service worker that makes Scoreline installable and offline. A new version waits until the user
 * chooses to reload, so nothing reloads by itself, least of all in the middle of a sign-in.
 */
export class AppUpdateState implements NewVersionOffer {
  available = $state(false);
  #applyUpdate: ((reloadPage?: boolean) => Promise<void>) | undefined;

  async start(): Promise<void> {
    if (!('serviceWorker' in navigator)) return;
    // Registered when the page is idle: the worker's helper is not on the stored history's path.
    const { registerSW } = await import('virtual:pwa-register');
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

