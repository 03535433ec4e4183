// The emulator's control surface (emulator/README.md): scores, and the log of API and token calls.

export const CONTOSO_TENANT_ID = '3d0c6b6e-7a1f-4c3e-9d2a-5f1b8c4e0a11';

export function emulatorControl(emulatorUrl) {
  async function call(method, path, body) {
    const response = await fetch(`${emulatorUrl}/_control/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator ${method} /_control/${path}: HTTP ${response.status}`);
    return response.json();
  }
  return {
    reset: () => call('POST', 'reset'),
    setScore: (score, tenantId = CONTOSO_TENANT_ID) => call('PUT', 'score', { score, tenantId }),
    clearLog: () => call('DELETE', 'log'),
    log: () => call('GET', 'log'),
  };
}

/** API calls per endpoint, token calls per grant type and authorize visits, from a `/_control/log` answer. */
export function callCounts(log) {
  const apiByEndpoint = Object.fromEntries(Object.entries(log.counts?.api ?? {}).map(([endpoint, { total }]) => [endpoint, total]));
  const tokenByGrant = { ...(log.counts?.token ?? {}) };
  return {
    apiByEndpoint,
    tokenByGrant,
    tokenCalls: Object.values(tokenByGrant).reduce((sum, n) => sum + n, 0),
    authorizeVisits: log.authorize?.length ?? 0,
  };
}
