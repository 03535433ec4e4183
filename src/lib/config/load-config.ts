import { err, type Result } from '../util/result';
import { parseAppConfig, type AppConfig, type ConfigProblem } from './app-config';

const CONFIG_CACHE = 'scoreline-config';

/**
 * Fetches config.json from beside the page (so one build serves any tenant) and validates it. The last
 * good copy is kept in Cache Storage, so the installed app starts offline too.
 */
export async function loadConfig(url = 'config.json', fetchImpl: typeof fetch = fetch): Promise<Result<AppConfig, ConfigProblem[]>> {
  const absolute = new URL(url, globalThis.document?.baseURI ?? 'http://localhost/').href;
  let text: string;
  try {
    // Revalidated on every start (not no-store, which would keep the page out of the back/forward cache).
    const response = await fetchImpl(absolute, { cache: 'no-cache' });
    if (!response.ok) {
      // A passing server problem falls back to the last good copy; a missing or forbidden file is the deployer's to fix.
      const passing = response.status >= 500 || response.status === 408 || response.status === 429;
      return (
        (passing ? await lastGoodCopy(absolute) : undefined) ??
        failure(`could not be fetched (HTTP ${response.status})`, 'Copy config.example.json to config.json beside index.html and fill in your values.')
      );
    }
    text = await response.text();
  } catch {
    return (
      (await lastGoodCopy(absolute)) ??
      failure('could not be fetched', 'Check that config.json sits beside index.html on the web server, and that you are online.')
    );
  }
  const result = parseText(text);
  if (result.ok) await keepCopy(absolute, text);
  return result;
}

function parseText(text: string): Result<AppConfig, ConfigProblem[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return failure('is not valid JSON', 'Check the file for a missing comma, quote or bracket (a JSON validator points to the line).');
  }
  return parseAppConfig(parsed);
}

async function keepCopy(url: string, text: string): Promise<void> {
  try {
    const cache = await globalThis.caches?.open(CONFIG_CACHE);
    await cache?.put(url, new Response(text, { headers: { 'Content-Type': 'application/json' } }));
  } catch {
    // Without Cache Storage the app still works online; it only cannot start offline.
  }
}

/** The copy kept from the last start that had a valid config.json (offline, or the server erring). */
async function lastGoodCopy(url: string): Promise<Result<AppConfig, ConfigProblem[]> | undefined> {
  try {
    const cached = await globalThis.caches?.match(url, { cacheName: CONFIG_CACHE });
    return cached ? parseText(await cached.text()) : undefined;
  } catch {
    return undefined;
  }
}

function failure(problem: string, fix: string): Result<AppConfig, ConfigProblem[]> {
  return err([{ field: 'config.json', problem, fix }]);
}
