import { currentScore, emulator, expect, openSignedIn, test } from './fixtures';

// The app's root is served with the headers of the generated staticwebapp.config.json (scripts/e2e-server.mjs).

test('on Azure Static Web Apps, only the redirect bridge may be framed, and only by the app’s own origin', async ({ request }) => {
  const bridge = await request.get('./redirect.html');
  expect(bridge.headers()['content-security-policy']).toMatch(/; frame-ancestors 'self'$/);
  expect(bridge.headers()['cache-control']).toBe('no-store');
  expect(bridge.headers()['cross-origin-opener-policy']).toBeUndefined();
  for (const path of ['./', './index.html', './some/deep/link', './config.json']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-security-policy'], path).toMatch(/; frame-ancestors 'none'$/);
    expect(response.headers()['x-content-type-options'], path).toBe('nosniff');
    expect(response.headers()['referrer-policy'], path).toBe('no-referrer');
    expect(response.headers()['permissions-policy'], path).toBe('camera=(), microphone=(), geolocation=()');
  }
  expect((await request.get('./config.json')).headers()['cache-control']).toBe('no-cache');
  expect((await request.get('./sw.js')).headers()['cache-control']).toBe('no-store');
});

test('on Azure Static Web Apps, an expired token is renewed through the hidden frame when the refresh token is gone', async ({ page }) => {
  // A token shorter than MSAL's five-minute renewal margin counts as expired at once; then the refresh token goes.
  await emulator.tokens({ accessTokenLifetimeSeconds: 60 });
  await openSignedIn(page);
  await emulator.tokens({ refreshTokensExpired: true });
  await emulator.clearLog();
  await emulator.setScore(420);

  const appUrl = page.url();
  const pageNavigations: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) pageNavigations.push(frame.url());
  });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(currentScore(page)).toHaveText('420');

  const log = await emulator.log();
  expect(log.token).toContainEqual(expect.objectContaining({ grantType: 'refresh_token', status: 400, error: 'invalid_grant' }));
  expect(log.authorize).toEqual([expect.objectContaining({ outcome: 'code', prompt: 'none' })]);
  expect(log.token).toContainEqual(expect.objectContaining({ grantType: 'authorization_code', status: 200 }));
  // Renewed in the hidden frame: the page itself never went to the sign-in page and back.
  expect(pageNavigations).toEqual([]);
  expect(page.url()).toBe(appUrl);
});
