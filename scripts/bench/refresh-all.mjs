// Refreshing every one of 200 tenants: the app's own `refreshAll` (src/lib/overview/refresh-all.ts, a few
// tenants at a time) and its own Defender client, run in Node against the emulator's Defender API, each tenant's
// refresh being its score's call (`configurationScore`) with a token of that tenant. Every call takes 20 ms at
// the emulator (a delay fault) so calls can overlap; 20 tenants answer 429 with Retry-After: 60 (per-tenant
// faults, every time they are called). Then a second refresh of every tenant follows at once, inside those
// windows: the throttled tenants must not be called. Counted: calls made, the most calls in flight at once
// (from the client's fetch), the time of the first refresh, the tenants throttled, and the calls the
// emulator logged for a tenant inside its Retry-After window (must be 0). `node scripts/bench/refresh-all.mjs`
// runs it alone.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { startEmulator } from '../../emulator/server.mjs';
import { emulatorControl } from '../../emulator/control-client.mjs';
import { AVERY_ADMIN } from '../../emulator/demo.mjs';

export const REFRESH_ALL_TENANTS = 200;
const THROTTLED_TENANTS = 20;
const RETRY_AFTER_SECONDS = 60;
const CALL_DELAY_MS = 20;
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * @typedef {object} RefreshAllFigures
 * @property {number} tenants
 * @property {number} concurrency the app's REFRESH_ALL_CONCURRENCY
 * @property {number} calls API calls of both refreshes
 * @property {number} peakInFlight the most calls in flight at once, seen from the client
 * @property {number} firstMs the first refresh of every tenant, start to end
 * @property {number} throttled tenants whose refresh ended "throttled" in the first refresh
 * @property {number} skipped tenants the second refresh did not call (still inside their window)
 * @property {number} callsInsideWindow calls the emulator logged for a tenant inside its Retry-After window
 */

/** @returns {Promise<RefreshAllFigures>} */
export async function measureRefreshAll() {
  const modulesDir = join(repoRoot, '.bench', 'refresh-all-modules');
  const emulator = await startEmulator({ port: 0 });
  try {
    const modules = await buildModules(modulesDir);
    const control = emulatorControl(emulator.url);
    const tenantIds = Array.from({ length: REFRESH_ALL_TENANTS }, (_, index) => `${String(index).padStart(8, '0')}-0000-4000-8000-00000000beef`);
    const tokens = new Map();
    for (const [index, tenantId] of tenantIds.entries()) {
      emulator.state.configurationScores.set(tenantId, 300 + (index % 50));
      tokens.set(tenantId, await accessToken(emulator, tenantId));
    }
    const throttledIds = tenantIds.filter((_, index) => index % (REFRESH_ALL_TENANTS / THROTTLED_TENANTS) === 3);
    for (const tenantId of throttledIds) {
      await control.fault({ endpoint: 'configurationScore', tenantId, status: 429, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) }, times: 'always' });
    }
    await control.fault({ endpoint: '*', delayMs: CALL_DELAY_MS, times: 'always' });

    let inFlight = 0;
    let peakInFlight = 0;
    let calls = 0;
    /** @type {typeof fetch} */
    const counting = async (input, init) => {
      calls += 1;
      inFlight += 1;
      peakInFlight = Math.max(peakInFlight, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight -= 1;
      }
    };
    /** Retry-After deadlines, kept as the app keeps them for the score. */
    const deadlines = new Map();
    const deps = {
      concurrency: modules.refreshAll.REFRESH_ALL_CONCURRENCY,
      now: Date.now,
      throttledUntil: async (/** @type {string} */ tenantId) => deadlines.get(tenantId),
      refresh: async (/** @type {string} */ tenantId) => {
        const call = { apiBaseUrl: emulator.url, accessToken: tokens.get(tenantId), fetchImpl: counting, isOnline: () => true };
        const result = await modules.client.getConfigurationScore(call);
        if (result.ok) return { kind: 'updated' };
        if (result.error.kind === 'throttled') {
          deadlines.set(tenantId, result.error.retryAt);
          return { kind: 'throttled', until: result.error.retryAt };
        }
        return { kind: 'failed', problem: { source: 'api', failure: result.error } };
      },
    };

    await control.clearLog();
    const startedAt = performance.now();
    const first = await modules.refreshAll.refreshAll(tenantIds, deps);
    const firstMs = Math.round(performance.now() - startedAt);
    const second = await modules.refreshAll.refreshAll(tenantIds, deps);
    const outcomes = [...first.outcomes.values()];
    const failed = outcomes.filter((outcome) => outcome.kind === 'failed');
    if (failed.length > 0) throw new Error(`${failed.length} tenants failed: ${JSON.stringify(failed[0])}`);
    const skipped = [...second.outcomes.values()].filter((outcome) => outcome.kind === 'throttled').length;
    return {
      tenants: tenantIds.length,
      concurrency: deps.concurrency,
      calls,
      peakInFlight,
      firstMs,
      throttled: outcomes.filter((outcome) => outcome.kind === 'throttled').length,
      skipped,
      callsInsideWindow: callsInsideWindow((await control.log()).api),
    };
  } finally {
    await emulator.close();
    await rm(modulesDir, { recursive: true, force: true });
  }
}

/**
 * The calls the emulator logged for a tenant after it answered that tenant 429 and before the Retry-After it gave.
 * @param {{ tenantId: string | null, status: number, at: string }[]} log
 */
function callsInsideWindow(log) {
  /** @type {Map<string, number>} */
  const windowEnds = new Map();
  let inside = 0;
  for (const entry of log) {
    const at = Date.parse(entry.at);
    if (entry.tenantId === null) continue;
    const end = windowEnds.get(entry.tenantId);
    if (end !== undefined && at < end) inside += 1;
    if (entry.status === 429) windowEnds.set(entry.tenantId, Math.max(end ?? 0, at + RETRY_AFTER_SECONDS * 1000));
  }
  return inside;
}

/**
 * An access token for the Defender API in `tenantId`, shaped as the emulator's token endpoint issues them,
 * signed with its key (the demo directory has three tenants; sign-in is not what is measured here).
 * @param {{ sign(claims: Record<string, unknown>): Promise<string> }} emulator
 * @param {string} tenantId
 */
async function accessToken(emulator, tenantId) {
  const now = Math.floor(Date.now() / 1000);
  return emulator.sign({
    aud: 'https://api.securitycenter.microsoft.com',
    iss: `https://sts.windows.net/${tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + 3600,
    oid: AVERY_ADMIN.oid,
    scp: 'Score.Read',
    tid: tenantId,
    upn: AVERY_ADMIN.username,
    ver: '1.0',
  });
}

/** `refreshAll` and the Defender client, built from the app's sources as plain ES modules. */
async function buildModules(/** @type {string} */ outDir) {
  const entries = { refreshAll: 'src/lib/overview/refresh-all.ts', client: 'src/lib/defender/defender-client.ts' };
  await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    publicDir: false,
    build: { outDir, emptyOutDir: true, target: 'node20', minify: false, lib: { entry: entries, formats: ['es'], fileName: (_format, name) => `${name}.mjs` } },
  });
  /** @type {Record<string, any>} */
  const modules = {};
  for (const name of Object.keys(entries)) modules[name] = await import(pathToFileURL(join(outDir, `${name}.mjs`)).href);
  return modules;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await measureRefreshAll(), null, 2));
}
