import type { Page } from '@playwright/test';
import { CONTOSO, FABIAN_OPS, FABRIKAM, FABRIKAM_TENANT_ID } from '../../emulator/demo.mjs';
import { currentScore, emulator, expect, openSignedIn, test, revealWholeDashboard } from './fixtures';

function secureScore(page: Page) {
  return page.getByRole('region', { name: 'Microsoft Secure Score (organisation-wide)' });
}

/** Brings the offer near the screen (it loads when it is) and turns Microsoft Secure Score on. */
async function turnOnSecureScore(page: Page): Promise<void> {
  const turnOn = page.getByRole('button', { name: 'Also track Microsoft Secure Score' });
  await revealWholeDashboard(page, turnOn);
  await turnOn.click();
}

function secureScoreChart(page: Page) {
  return secureScore(page).getByTestId('secure-score-chart');
}

test('turned on: 90 days of Microsoft Secure Score on its own chart at once, and the next day\'s refresh adds one day', async ({ page }) => {
  await openSignedIn(page, 412);
  await turnOnSecureScore(page);

  // The administrator has granted SecurityEvents.Read.All in this tenant: the Graph token comes without a consent page.
  await expect(secureScore(page).getByTestId('secure-score-days')).toContainText('90 days kept');
  await expect(secureScoreChart(page)).toHaveAttribute('data-days', '90');
  await expect(secureScore(page).getByTestId('secure-score-status')).toContainText('90 new days in 3 calls');
  expect(await emulator.apiCalls('secureScores')).toBe(3);
  await secureScore(page).getByText(/as a table/).click();
  await expect(secureScore(page).getByTestId('secure-score-table').locator('tbody tr')).toHaveCount(90);
  // Points and a percentage of the record's own maximum; a different chart from the device score's.
  await expect(secureScore(page).getByTestId('secure-score-percent')).toHaveText(/^\d+(\.\d)?%$/);
  await expect(secureScoreChart(page)).toHaveAttribute('aria-label', /^Microsoft Secure Score from /);

  const { newestDay } = await emulator.secureScoreNextDay();
  await secureScore(page).getByRole('button', { name: 'Refresh Microsoft Secure Score' }).click();
  await expect(secureScore(page).getByTestId('secure-score-status')).toContainText('1 new day in 1 call');
  await expect(secureScoreChart(page)).toHaveAttribute('data-days', '91');
  await expect(secureScore(page).getByTestId('secure-score-days')).toContainText(`91 days kept`);
  await expect(secureScore(page).getByTestId('secure-score-days')).toContainText(newestDay);

  // Kept for good: after a reload the 91 days are there before any read, and a read adds none.
  await page.reload();
  await expect(secureScoreChart(page)).toHaveAttribute('data-days', '91');
  await expect(currentScore(page)).toHaveText('412');
});

test('consent refused: the device score is unaffected and the card names the permission to grant', async ({ page }) => {
  await emulator.graphConsent([]);
  await openSignedIn(page, 412);
  await turnOnSecureScore(page);

  // Entra (the emulator) answers the consent request with AADSTS65001 and sends the browser back.
  // The page leaves for the consent page and comes back: bring the card into view once it is back.
  await expect(async () => {
    await revealWholeDashboard(page, secureScore(page), { timeout: 2_000 });
    await expect(secureScore(page)).toContainText('The permission SecurityEvents.Read.All is not granted', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(secureScore(page).getByRole('button', { name: 'Also track Microsoft Secure Score' })).toBeVisible();
  await expect(page.getByText('An administrator must approve Scoreline')).toHaveCount(0);
  expect(await emulator.apiCalls('secureScores')).toBe(0);

  // The device score reads and refreshes as before.
  await expect(currentScore(page)).toHaveText('412');
  await emulator.setScore(415);
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(currentScore(page)).toHaveText('415');
});

test('a Graph failure is named on the card and leaves the device score alone', async ({ page }) => {
  await openSignedIn(page, 412);
  await emulator.fault({ endpoint: 'secureScores', status: 429, headers: { 'Retry-After': '120' } });
  await turnOnSecureScore(page);
  await expect(secureScore(page)).toContainText('Microsoft Graph asked to wait');
  await expect(secureScore(page).getByRole('button', { name: 'Refresh Microsoft Secure Score' })).toBeDisabled();
  await emulator.setScore(420);
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(currentScore(page)).toHaveText('420');
});

test('the overview of every tenant shows Microsoft Secure Score in its own column where it is tracked', async ({ page }) => {
  test.setTimeout(60_000);
  await emulator.setScore(487, FABRIKAM_TENANT_ID);
  await openSignedIn(page, 412);
  await turnOnSecureScore(page);
  await expect(secureScore(page).getByTestId('secure-score-days')).toContainText('90 days kept');
  const points = await secureScore(page).getByTestId('secure-score-points').textContent();
  const percent = await secureScore(page).getByTestId('secure-score-percent').textContent();
  // A second tenant, which does not track it.
  await page.getByRole('button', { name: 'Add a tenant' }).click();
  await page.getByRole('button', { name: 'Sign in with another account' }).click();
  await page.waitForURL(/\/authorize/);
  await page.getByRole('button', { name: FABIAN_OPS.name }).click();
  await expect(currentScore(page)).toHaveText('487');

  await page.getByRole('button', { name: '← All tenants' }).click();
  await expect(page.getByRole('columnheader', { name: 'Microsoft Secure Score' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Device score' })).toBeVisible();
  const row = (domain: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: domain }) });
  await expect(row(CONTOSO.domain)).toContainText(`${points} of `);
  await expect(row(CONTOSO.domain)).toContainText(` points, ${percent}, on `);
  await expect(row(CONTOSO.domain)).toContainText('412');
  await expect(row(FABRIKAM.domain)).toContainText('Not tracked');
  // By device score Fabrikam leads; by Microsoft Secure Score the tenant that tracks it comes first in either
  // direction, the other having no value.
  await page.getByRole('button', { name: 'Device score' }).click();
  await expect(page.getByRole('rowheader').first()).toHaveText(FABRIKAM.domain);
  await page.getByRole('button', { name: 'Microsoft Secure Score' }).click();
  await expect(page.getByRole('rowheader').first()).toHaveText(CONTOSO.domain);
  await page.getByRole('button', { name: 'Microsoft Secure Score' }).click();
  await expect(page.getByRole('rowheader').first()).toHaveText(CONTOSO.domain);
});
