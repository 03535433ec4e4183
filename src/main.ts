import { mount } from 'svelte';
import App from './App.svelte';
import { app } from './lib/state/browser-app';
import './app.css';

mount(App, { target: document.getElementById('app')! });
const started = app.start();
// Watching (automatic checks, alerts) starts once the session has, when signed in; its code loads then, never before the history.
void started.then(async () => {
  if (app.session.status === 'signed-in') await (await import('./lib/ui/watch/watch-ui')).startWatching();
});
// The service worker registers when the page is idle once start-up is done, so it never competes with the stored
// history (the page is often idle while IndexedDB reads it).
const whenIdle = (run: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 3_000 }) : setTimeout(run, 1_000));
const loaded = new Promise((resolve) => (document.readyState === 'complete' ? resolve(undefined) : window.addEventListener('load', resolve, { once: true })));
void Promise.all([loaded, started.catch(() => undefined)]).then(() => whenIdle(() => void app.update.start()));
