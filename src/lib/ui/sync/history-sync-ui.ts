// The history sync on the dashboard, loaded after the stored history is on screen: its state over the app, and its
// section. The sync engine itself is loaded only when sync is on.
import { historySyncInBrowser } from '../../state/browser-history-sync.svelte';

export { default as HistorySyncSection } from './HistorySyncSection.svelte';

export const sync = historySyncInBrowser();
