import { test as base, expect, type Page } from '@playwright/test';

export const EMULATOR = `http://localhost:${process.env.SCORELINE_EMULATOR_PORT ?? 4010}`;

/** The emulator's control surface: set scores, queue faults, read what was called. */
export const emulator = {
  async reset(): Promise<void> {
    await control('POST', '/_control/reset');
  },
  async setScore(score: number, tenantId?: string): Promise<void> {
    await control('PUT', '/_control/score', { score, ...(tenantId ? { tenantId } : {}) });
  },
  async fault(fault: Record<string, unknown>): Promise<void> {
    await control('POST', '/_control/faults', fault);
  },
  async tokens(settings: { accessTokenLifetimeSeconds?: number; refreshTokensExpired?: boolean }): Promise<void> {
    await control('PUT', '/_control/tokens', settings);
  },
  async log(): Promise<{ api: { endpoint: string; status: number }[]; token: { grantType: string }[]; authorize: unknown[] }> {
    return (await control('GET', '/_control/log')) as never;
  },
  async accounts(): Promise<{ accounts: { name: string; username: string; tenantId: string }[] }> {
    return (await control('GET', '/_control/accounts')) as never;
  },
};

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${EMULATOR}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator ${method} ${path}: HTTP ${response.status}`);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

/** Signs in through the real MSAL redirect flow and the emulator's account picker. */
export async function signIn(page: Page, account: RegExp = /Avery Admin/): Promise<void> {
  await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
  await page.waitForURL(/\/authorize/);
  await page.getByRole('button', { name: account }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

export function currentScore(page: Page) {
  return page.getByTestId('current-score');
}

/**
 * Every test gets a clean emulator, and fails if the page breaks the Content-Security-Policy or
 * prints an error to the console.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ page }, use) => {
      await emulator.reset();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
      });
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the app and signs in; resolves once the first reading is on screen. */
export async function openSignedIn(page: Page, score = 412): Promise<void> {
  await emulator.setScore(score);
  await page.goto('./');
  await signIn(page);
  await expect(currentScore(page)).toHaveText(String(score));
}

export function historyRows(page: Page) {
  return page.getByRole('table').getByRole('row');
}

export async function apiCalls(endpoint = 'configurationScore'): Promise<number> {
  return (await emulator.log()).api.filter((call) => call.endpoint === endpoint).length;
}
