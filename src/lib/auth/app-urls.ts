/** The page MSAL v5 returns to: it hands the answer back to the app (see redirect.html). */
export function redirectBridgeUrl(base = document.baseURI): string {
  return new URL('redirect.html', base).href;
}

/** Where the app itself lives, wherever it is hosted. */
export function appHomeUrl(base = document.baseURI): string {
  return new URL('./', base).href;
}
