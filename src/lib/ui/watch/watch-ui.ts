// Watching the score on the dashboard, loaded after the stored history is on screen: the feature over the app,
// and the parts the dashboard places at once (alert banners, the check status with the goal's progress); the Watch
// settings are fetched apart, when they come near the screen.
import { startWatchingInBrowser, watchFeatureInBrowser } from '../../state/browser-watch.svelte';
import { describeAlert } from '../watch-words';
import { chartOverlay, tableAlerts } from './watch-marks';

export { default as AlertBanners } from './AlertBanners.svelte';
export { default as WatchSummary } from './WatchSummary.svelte';

/** Watching for this page: its automatic refresh, alerts, goal and notifications. */
export const feature = watchFeatureInBrowser(describeAlert);

/** Starts the automatic refresh (once the session has started). */
export function startWatching(): Promise<void> {
  return startWatchingInBrowser(describeAlert);
}

/** The goal line and alert marks of a tenant's chart, and the alerts its table marks: none until its goal and log are read. */
export function marksFor(tenantId: string | undefined) {
  const log = feature.alerts.tenantId === tenantId ? feature.alerts.log : [];
  const goal = feature.goal.tenantId === tenantId ? feature.goal.goal?.target : undefined;
  return { overlay: chartOverlay(goal, log), alerts: tableAlerts(log) };
}
