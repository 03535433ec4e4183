import { parseAppConfig, type ConfigResult } from './app-config';

const CONFIG_CACHE = 'scoreline-config';

/**
 * Fetches config.json from beside the page (so one build serves any tenant) and validates it. The last
 * good copy is kept in Cache Storage, so the installed app starts offline too.
 */
export async function loadConfig(url = 'config.json', fetchImpl: typeof fetch = fetch): Promise<ConfigResult> {
  const absolute = new URL(url, globalThis.document?.baseURI ?? 'http://localhost/').href;
  let response: Response;
  try {
    // Revalidated on every start (not no-store, which would keep the page out of the back/forward cache).
    response = await fetchImpl(absolute, { cache: 'no-cache' });
  } catch {
    const cached = await cachedCopy(absolute);
    if (cached) return parseText(await cached.text());
    return failure('could not be fetched', 'Check that config.json sits beside index.html on the web server, and that you are online.');
  }
  if (!response.ok) {
    return failure(`could not be fetched (HTTP ${response.status})`, 'Copy config.example.json to config.json beside index.html and fill in your values.');
  }
  const text = await response.text();
  const result = parseText(text);
  if (result.ok) await keepCopy(absolute, text);
  return result;
}

function parseText(text: string): ConfigResult {
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

async function cachedCopy(url: string): Promise<Response | undefined> {
  try {
    return await globalThis.caches?.match(url, { cacheName: CONFIG_CACHE });
  } catch {
    return undefined;
  }
}

function failure(problem: string, fix: string): ConfigResult {
  return { ok: false, problems: [{ field: 'config.json', problem, fix }] };
}
