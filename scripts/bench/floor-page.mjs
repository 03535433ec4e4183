// The floor for the first paint: a minimal page on the app's origin that opens the app's database as it
// is (no upgrade) and reads what the app reads for its first screen, the same way: one tenant's runs
// confirmed in the latest 90 days by key range on the byLastSeen index, and its latest runs by a cursor
// back from the newest on that index; once both are in, it writes the latest score into the DOM where the
// app shows it. Nothing can show stored history sooner; the app is compared with it.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HISTORY_SELECTOR } from './page-marks.mjs';

export const FLOOR_PAGE = 'bench/floor.html';
const FLOOR_DAYS = 90;
/** As many as the app's latestRuns reads (LATEST_RUNS_READ in src/lib/state/history.svelte.ts). */
const LATEST_RUNS = 3;

const testId = /^\[data-testid=([\w-]+)\]$/.exec(HISTORY_SELECTOR)?.[1];
if (!testId) throw new Error(`the floor page cannot make an element for the selector ${HISTORY_SELECTOR}`);

const FLOOR_HTML = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>floor</title>
<script type="module">
  const tenantId = new URLSearchParams(location.search).get('tenant');
  const opening = indexedDB.open('scoreline');
  opening.onupgradeneeded = () => opening.transaction.abort();
  opening.onsuccess = () => {
    const db = opening.result;
    const byLastSeen = db.transaction('runs').objectStore('runs').index('byLastSeen');
    const since = Date.now() - ${FLOOR_DAYS} * 86_400_000;
    const range = byLastSeen.getAll(IDBKeyRange.bound([tenantId, since], [tenantId, Infinity]));
    const latest = [];
    const cursor = byLastSeen.openCursor(IDBKeyRange.bound([tenantId, -Infinity], [tenantId, Infinity]), 'prev');
    let unread = 2;
    const show = () => {
      if ((unread -= 1) > 0) return;
      const score = document.createElement('p');
      score.dataset.testid = '${testId}';
      score.textContent = String(latest[0]?.score ?? range.result.at(-1)?.score ?? 'none');
      document.body.append(score);
      db.close();
    };
    range.onsuccess = show;
    cursor.onsuccess = () => {
      if (cursor.result) latest.push(cursor.result.value);
      if (cursor.result && latest.length < ${LATEST_RUNS}) cursor.result.continue();
      else show();
    };
  };
</script>
</html>
`;

/**
 * Writes the floor page into the bench site (after the app's build, which empties distDir).
 * @param {{ distDir: string }} options
 */
export async function writeFloorPage({ distDir }) {
  const file = join(distDir, FLOOR_PAGE);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, FLOOR_HTML);
}

/**
 * The floor page showing `tenantId`'s latest stored score.
 * @param {string} appUrl
 * @param {string} tenantId
 * @returns {string}
 */
export function floorPageUrl(appUrl, tenantId) {
  return `${new URL(FLOOR_PAGE, appUrl).href}?tenant=${encodeURIComponent(tenantId)}`;
}
