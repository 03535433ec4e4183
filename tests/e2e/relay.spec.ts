import { startRelayServer, type RunningRelay } from '../../relay/server.mjs';
import type { RelayLogEntry } from '../../relay/handler.mjs';
import { APP_ORIGIN, EMULATOR_ORIGIN, RELAY_ORIGIN, RELAY_PORT } from '../../emulator/demo.mjs';
import { currentScore, emulator, expect, signIn, test } from './fixtures';

// config.json is replaced per test; the service worker would answer it from its own fetch and hide the route.
test.use({ serviceWorkers: 'block' });

test.describe('when the Defender API refuses the browser (no CORS)', () => {
  let relay: RunningRelay;
  const relayLog: RelayLogEntry[] = [];

  test.beforeAll(async () => {
    relay = await startRelayServer({
      port: RELAY_PORT,
      settings: {
        cloud: 'commercial',
        allowedOrigins: [APP_ORIGIN],
        defenderOrigin: EMULATOR_ORIGIN,
        acceptAuthorizationHeader: true,
        timeoutMs: 10_000,
        maxResponseBytes: 100_000,
      },
      log: (entry) => relayLog.push(entry),
    });
  });
  test.afterAll(async () => {
    await relay.close();
  });

  test.beforeEach(async () => {
    await emulator.cors({ defenderApi: false });
    relayLog.length = 0;
  });

  test('Scoreline names the blocked call and points to a relay', async ({ page }) => {
    await page.goto('./');
    await signIn(page);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`Could not reach ${new URL(EMULATOR_ORIGIN).host}`);
    await expect(alert).toContainText('CORS');
    await expect(alert).toContainText('relayUrl');
    expect(await emulator.apiCalls()).toBe(0);
  });

  test('with relayUrl in config.json, the score is read through the relay', async ({ page }) => {
    await page.route('**/config.json', async (route) => {
      const config = (await (await route.fetch()).json()) as Record<string, unknown>;
      delete config.apiBaseUrl;
      await route.fulfill({ json: { ...config, relayUrl: RELAY_ORIGIN, region: 'eu' } });
    });
    const directCalls: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${EMULATOR_ORIGIN}/api/`)) directCalls.push(request.url());
    });
    const relayCalls: { url: string; headers: Record<string, string> }[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(RELAY_ORIGIN) && request.method() === 'GET') relayCalls.push({ url: request.url(), headers: request.headers() });
    });

    await emulator.setScore(433);
    await page.goto('./');
    await signIn(page);
    await expect(currentScore(page)).toHaveText('433');
    await expect(page.getByRole('alert')).toHaveCount(0);

    expect(directCalls).toEqual([]);
    expect(relayCalls.map((call) => call.url)).toContain(`${RELAY_ORIGIN}/api/configurationScore`);
    expect(relayCalls[0]?.headers['x-scoreline-authorization']).toMatch(/^Bearer \S+$/);
    expect(relayCalls[0]?.headers['x-scoreline-region']).toBe('eu');
    expect(relayCalls[0]?.headers.authorization).toBeUndefined();
    expect(relayLog).toContainEqual(expect.objectContaining({ endpoint: '/api/configurationScore', status: 200, outcome: 'forwarded' }));
    expect(await emulator.apiCalls()).toBeGreaterThan(0);
  });
});
