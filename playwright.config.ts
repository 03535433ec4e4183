import { defineConfig } from '@playwright/test';
import { APP_URL } from './emulator/demo.mjs';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.mjs';

export default defineConfig({
  testDir: 'tests/e2e',
  // One emulator serves every test, and tests change its state: run them one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: APP_URL,
    browserName: 'chromium',
    launchOptions: {
      // Without one found, Playwright looks for its own and says how to install it.
      executablePath: findChromium().path,
      args: CHROMIUM_ARGS,
    },
    trace: 'off',
    screenshot: 'off',
  },
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `${APP_URL}index.html`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
