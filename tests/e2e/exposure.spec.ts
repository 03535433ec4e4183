import type { Page } from '@playwright/test';
import { currentScore, emulator, expect, openSignedIn, revealWholeDashboard, test } from './fixtures';

function groupsTable(page: Page) {
  return page.getByRole('region', { name: 'Device groups' }).getByRole('table');
}

function exposureCard(page: Page) {
  return page.getByRole('region', { name: 'Exposure score' });
}

async function refresh(page: Page): Promise<void> {
  const calls = await emulator.apiCalls('exposureScoreByMachineGroups');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(() => emulator.apiCalls('exposureScoreByMachineGroups')).toBe(calls + 1);
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
}

test('every refresh keeps the exposure score and each device group beside the device score, never on its axis', async ({ page }) => {
  await openSignedIn(page, 412);
  await revealWholeDashboard(page, exposureCard(page));
  // The emulator's Contoso: exposure 33.49 (medium), groups Servers 41.38 and Workstations 27.40.
  await expect(page.getByTestId('exposure-score')).toHaveText('33.49');
  await expect(exposureCard(page)).toContainText('Medium');
  await expect(exposureCard(page)).toContainText('lower is better');
  await expect(groupsTable(page)).toContainText('Servers');
  await expect(groupsTable(page)).toContainText('Workstations');
  await expect(page.getByRole('img', { name: /^Exposure score, 0 to 100, lower is better/ })).toBeVisible();

  // A renamed group (it has an id) keeps its row and history; a removed one keeps its past.
  await emulator.renameGroup({ rbacGroupId: 101, name: 'Datacenter servers' });
  await emulator.removeGroup({ rbacGroupId: 102 });
  await refresh(page);
  const renamed = groupsTable(page).getByRole('row', { name: /Datacenter servers/ });
  await expect(renamed).toContainText('formerly Servers');
  await expect(groupsTable(page).getByRole('row', { name: /Workstations/ })).toContainText('removed — history kept');
  await expect(groupsTable(page).getByRole('row')).toHaveCount(3);

  // Choosing a group charts it, with the numbers in a table beside it.
  await renamed.getByRole('button', { name: 'Chart Datacenter servers' }).click();
  await expect(page.getByRole('img', { name: /^Exposure of Datacenter servers, 0 to 100/ })).toBeVisible();
});

test('groups named only by name: a rename starts a new row, and the page says so', async ({ page }) => {
  await emulator.groupIds(false);
  await openSignedIn(page, 412);
  await revealWholeDashboard(page, exposureCard(page));
  await expect(groupsTable(page)).toContainText('Servers');
  await expect(page.getByTestId('groups-keyed-by-name')).toBeVisible();
  await emulator.renameGroup({ rbacGroupId: 101, name: 'Datacenter servers' });
  await refresh(page);
  await expect(groupsTable(page).getByRole('row', { name: /Datacenter servers/ })).toBeVisible();
  await expect(groupsTable(page).getByRole('row', { name: /^Servers/ })).toContainText('removed — history kept');
});

test('a failed exposure or group read is named on its own card and never blocks or loses the score', async ({ page }) => {
  await openSignedIn(page, 412);
  await revealWholeDashboard(page, exposureCard(page));
  await expect(page.getByTestId('exposure-score')).toHaveText('33.49');
  await emulator.fault({ endpoint: 'exposureScore', status: 503, times: 'always' });
  await emulator.fault({ endpoint: 'exposureScoreByMachineGroups', status: 429, headers: { 'Retry-After': '600' } });
  await emulator.setScore(430);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(currentScore(page)).toHaveText('430');
  await expect(exposureCard(page).getByRole('status')).toContainText('The exposure score could not be read');
  await expect(page.getByRole('region', { name: 'Device groups' }).getByRole('status')).toContainText('The device groups could not be read');
  // What was kept before is still shown, and the score's own notice is not raised.
  await expect(page.getByTestId('exposure-score')).toHaveText('33.49');
  await expect(groupsTable(page)).toContainText('Servers');

  // The groups' Retry-After is honoured on its own: the next refresh reads the score and exposure, not the groups.
  await emulator.clearFaults();
  const groupCalls = await emulator.apiCalls('exposureScoreByMachineGroups');
  const scoreCalls = await emulator.apiCalls('configurationScore');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(() => emulator.apiCalls('configurationScore')).toBe(scoreCalls + 1);
  await expect(exposureCard(page).getByRole('status')).toHaveCount(0);
  expect(await emulator.apiCalls('exposureScoreByMachineGroups')).toBe(groupCalls);
});
