// What syncing the history through the OneDrive app folder costs: 50 tenants, each checked every hour for a
// year (its score changing once a day, so a run a day), synced by the app's own sync engine, run in Node
// against the emulator's app folder (graph-drive.mjs) with the store the app uses when it has no IndexedDB.
// Four syncs: the first (an empty folder), one with nothing new, an incremental one after the next hourly
// check of every tenant, and a second device's first sync of the whole folder. Each counts Graph calls (and
// download-link fetches) and the bytes written and read. `node scripts/bench/history-sync.mjs` runs it alone.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { startEmulator } from '../../emulator/server.mjs';
import { AVERY_ADMIN } from '../../emulator/demo.mjs';

const TENANTS = 50;
const DAYS = 365;
const HOUR = 3_600_000;
const SCOPE = 'https://graph.microsoft.com/Files.ReadWrite.AppFolder openid profile offline_access';
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * One sync's cost.
 * @typedef {{ calls: number, uploads: number, downloads: number, bytesUp: number, bytesDown: number, ms: number }} SyncCost
 * @typedef {{ files: number, folderBytes: number, runs: number, first: SyncCost, unchanged: SyncCost, incremental: SyncCost, secondDevice: SyncCost }} HistorySyncFigures
 */

/** @returns {Promise<HistorySyncFigures>} */
export async function measureHistorySync() {
  const modulesDir = join(repoRoot, '.bench', 'sync-modules');
  const emulator = await startEmulator({ port: 0 });
  try {
    const modules = await buildSyncModules(modulesDir);
    const { tokens } = await modules.oauth.signIn(emulator.url, AVERY_ADMIN.oid, SCOPE);
    const end = Date.UTC(2026, 10, 1);
    const start = end - DAYS * 24 * HOUR;
    const tenantIds = Array.from({ length: TENANTS }, (_, index) => `${String(index).padStart(8, '0')}-0000-4000-8000-000000000000`);
    const deviceA = await device(modules, emulator.url, tokens.access_token, end);
    for (const tenantId of tenantIds) {
      await deviceA.store.rememberTenant({ tenantId, label: `tenant-${tenantId.slice(0, 8)}.example`, lastUsed: end });
      // A year of hourly checks, a score a day: each day one run from its first check to its 24th.
      const runs = Array.from({ length: DAYS }, (_, day) => ({ tenantId, firstSeen: start + day * 24 * HOUR, lastSeen: start + day * 24 * HOUR + 23 * HOUR, score: 300 + (day % 40) }));
      await deviceA.store.addHistory({ runs, notes: [] });
    }
    const first = await deviceA.sync();
    const unchanged = await deviceA.sync();
    for (const tenantId of tenantIds) await deviceA.store.addReading({ tenantId, time: end, score: 300 + ((DAYS - 1) % 40) });
    const incremental = await deviceA.sync();
    const deviceB = await device(modules, emulator.url, tokens.access_token, end);
    const secondDevice = await deviceB.sync();
    const folder = [...(emulator.state.drive.folders.get(AVERY_ADMIN.oid)?.values() ?? [])];
    const runs = (await Promise.all(tenantIds.map((tenantId) => deviceB.store.countRuns(tenantId)))).reduce((sum, n) => sum + n, 0);
    return { files: folder.length, folderBytes: folder.reduce((sum, file) => sum + file.content.length, 0), runs, first, unchanged, incremental, secondDevice };
  } finally {
    await emulator.close();
    await rm(modulesDir, { recursive: true, force: true });
  }
}

/** A device: its own store and knowledge of the folder, syncing through a fetch that counts. */
async function device(/** @type {any} */ modules, /** @type {string} */ graphOrigin, /** @type {string} */ accessToken, /** @type {number} */ now) {
  const store = new modules.memory.MemoryStore();
  let known = {};
  return {
    store,
    async sync() {
      /** @type {SyncCost} */
      const cost = { calls: 0, uploads: 0, downloads: 0, bytesUp: 0, bytesDown: 0, ms: 0 };
      /** @type {typeof fetch} */
      const counting = async (input, init) => {
        cost.calls += 1;
        if (init?.method === 'PUT') {
          cost.uploads += 1;
          cost.bytesUp += Buffer.byteLength(String(init.body ?? ''));
        }
        const response = await fetch(input, init);
        const body = await response.clone().arrayBuffer();
        if (String(input).includes('/_drive-content/')) cost.downloads += 1;
        cost.bytesDown += body.byteLength;
        return response;
      };
      const drive = modules.graph.graphDrive({ graphOrigin, token: async () => accessToken, fetch: counting, isOnline: () => true });
      const startedAt = performance.now();
      const outcome = await modules.engine.syncOnce({ drive, local: modules.local.historySyncLocal(store), known, now: () => now, hash: modules.engine.sha256 });
      cost.ms = Math.round(performance.now() - startedAt);
      if (!outcome.ok) throw new Error(`the sync failed: ${JSON.stringify(outcome.error.failure)}`);
      known = outcome.value.known;
      return cost;
    },
  };
}

/** The sync engine and what it runs on, built from the app's sources as plain ES modules. */
async function buildSyncModules(/** @type {string} */ outDir) {
  const entries = {
    engine: 'src/lib/sync/sync-engine.ts',
    graph: 'src/lib/sync/graph-drive.ts',
    local: 'src/lib/sync/history-sync-local.ts',
    memory: 'src/lib/history/memory-store.ts',
    oauth: 'tests/emulator/oauth-helpers.ts',
  };
  await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      lib: { entry: entries, formats: ['es'], fileName: (_format, name) => `${name}.mjs` },
      // The emulator's own modules are Node's, imported from where they are.
      rollupOptions: { external: (id) => id.startsWith('node:') || id.includes('/emulator/'), makeAbsoluteExternalsRelative: false },
    },
  });
  /** @type {Record<string, any>} */
  const modules = {};
  for (const name of Object.keys(entries)) modules[name] = await import(pathToFileURL(join(outDir, `${name}.mjs`)).href);
  return modules;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await measureHistorySync();
  console.log(JSON.stringify(figures, null, 2));
}
