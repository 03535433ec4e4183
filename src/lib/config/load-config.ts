import { parseAppConfig, type ConfigResult } from './app-config';

/** Fetches config.json from beside the page (so one build serves any tenant) and validates it. */
export async function loadConfig(url = 'config.json', fetchImpl: typeof fetch = fetch): Promise<ConfigResult> {
  let response: Response;
  try {
    response = await fetchImpl(url, { cache: 'no-store' });
  } catch {
    return failure('could not be fetched', 'Check that config.json sits beside index.html on the web server.');
  }
  if (!response.ok) {
    return failure(`could not be fetched (HTTP ${response.status})`, 'Copy config.example.json to config.json beside index.html and fill in your values.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await response.text());
  } catch {
    return failure('is not valid JSON', 'Check the file for a missing comma, quote or bracket (a JSON validator points to the line).');
  }
  return parseAppConfig(parsed);
}

function failure(problem: string, fix: string): ConfigResult {
  return { ok: false, problems: [{ field: 'config.json', problem, fix }] };
}
