// The floor for the first paint: a minimal page on the app's origin that opens the app's database as it
// is (no upgrade), reads one tenant's latest 90 days by key range and writes the latest score into the
// DOM where the app shows it. Nothing can show stored history sooner; the app is compared with it.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HISTORY_SELECTOR } from './page-marks.mjs';

export const FLOOR_PAGE = 'bench/floor.html';
const FLOOR_DAYS = 90;

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
    const since = Date.now() - ${FLOOR_DAYS} * 86_400_000;
    const reading = db.transaction('readings').objectStore('readings').getAll(IDBKeyRange.bound([tenantId, since], [tenantId, Infinity]));
    reading.onsuccess = () => {
      const score = document.createElement('p');
      score.dataset.testid = '${testId}';
      score.textContent = String(reading.result.at(-1)?.score ?? 'none');
      document.body.append(score);
      db.close();
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
