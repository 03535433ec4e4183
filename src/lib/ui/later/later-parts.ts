// The dashboard's parts below the first screen, each fetched when it comes near the viewport (WhenVisible):
// this chunk is small, and what each part needs loads with the part.
export { default as ExposureWhenVisible } from './ExposureWhenVisible.svelte';
export { default as RecommendationsWhenVisible } from './RecommendationsWhenVisible.svelte';
export { default as WatchSettingsWhenVisible } from './WatchSettingsWhenVisible.svelte';
export { default as SecureScoreWhenVisible } from './SecureScoreWhenVisible.svelte';
export { default as DataActionsWhenVisible } from './DataActionsWhenVisible.svelte';
export { default as HistorySyncWhenVisible } from './HistorySyncWhenVisible.svelte';
