import { mount } from 'svelte';
import App from './App.svelte';
import { app } from './lib/state/browser-app';
import './app.css';

mount(App, { target: document.getElementById('app')! });
// Watching (automatic checks, alerts) starts once the session has, when signed in; its code loads then, never before the history.
void app.start().then(async () => {
  if (app.session.status === 'signed-in') await (await import('./lib/ui/watch/watch-ui')).startWatching();
});
// The service worker registers when the page is idle, so it never competes with the stored history.
const whenIdle = (run: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 3_000 }) : setTimeout(run, 1_000));
window.addEventListener('load', () => whenIdle(() => void app.update.start()), { once: true });
