/**
 * The origin a relay adds to the Content-Security-Policy's connect-src, from the relayUrl a deployer also puts
 * in config.json (SCORELINE_RELAY_URL at build time). A relay on this site ("/api/relay") needs none.
 */
export function relayConnectOrigins(relayUrl: string | undefined): string[] {
  if (!relayUrl || relayUrl.startsWith('/')) return [];
  const url = new URL(relayUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`SCORELINE_RELAY_URL "${relayUrl}" is not a path such as /api/relay or an http(s) URL.`);
  return [url.origin];
}
