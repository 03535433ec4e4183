import type { Page } from '@playwright/test';
import { currentScore, emulator, expect, openSignedIn, revealWholeDashboard, test } from './fixtures';

/** Opens the app signed in, with the panels below the first screen loaded (as a reader scrolling to them does). */
async function openWithPanels(page: Page, score: number): Promise<void> {
  await openSignedIn(page, score);
  await revealWholeDashboard(page, pointsToGain(page));
}

function pointsToGain(page: Page) {
  return page.getByRole('region', { name: 'Points to gain' });
}

function whyItMoved(page: Page) {
  return page.getByRole('region', { name: 'Why did it move' });
}

test('remediating a recommendation: Refresh shows the new score, its change, and an explanation naming it', async ({ page }) => {
  await openWithPanels(page, 412);
  // Asking for the permission: granted in this tenant, so no consent page; the list is read at once.
  await pointsToGain(page).getByRole('button', { name: 'Show recommendations' }).click();
  await expect(pointsToGain(page)).toContainText('Enable Network Protection');
  await expect(pointsToGain(page)).toContainText('140 of 230 devices exposed');
  const recommendationCalls = await emulator.apiCalls('recommendations');
  expect(recommendationCalls).toBe(1);

  // Network Protection on 70 of its 140 exposed devices raises the score by half its impact.
  const move = await emulator.remediate({ id: 'sca-_-scid-2060', devices: 70 });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(currentScore(page)).toHaveText(String(Math.round((move.configurationScore ?? 0) * 100) / 100));
  await expect(page.getByTestId('score-change')).toContainText(`+${Math.round(move.scoreChange * 100) / 100}`);
  // The score moved, so the list was read again at once, within the same refresh.
  await expect.poll(() => emulator.apiCalls('recommendations')).toBe(recommendationCalls + 1);
  await expect(whyItMoved(page)).toContainText('Enable Network Protection');
  await expect(whyItMoved(page)).toContainText('Fixed on 70 devices');
  const tenths = (Math.round(move.scoreChange * 10) / 10).toFixed(1);
  await expect(whyItMoved(page)).toContainText(`Explains +${tenths} of +${tenths} points`);
});

test('without the recommendations permission in the tenant: the score still refreshes and the panel says what to grant', async ({ page }) => {
  await emulator.consent(['Score.Read']);
  await openWithPanels(page, 412);
  await pointsToGain(page).getByRole('button', { name: 'Show recommendations' }).click();
  // Entra (the emulator) answers the consent request with AADSTS65001 and sends the browser back.
  // The page is left and loaded again: its panels load again when scrolled to.
  await expect(async () => {
    await revealWholeDashboard(page, pointsToGain(page), { timeout: 3_000 });
    await expect(pointsToGain(page)).toContainText('SecurityRecommendation.Read', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(pointsToGain(page)).toContainText('admin consent');
  await emulator.setScore(420);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(currentScore(page)).toHaveText('420');
  expect(await emulator.apiCalls('recommendations')).toBe(0);
});

test('a failed recommendations read leaves the score intact and is named on its panel', async ({ page }) => {
  await openWithPanels(page, 412);
  await emulator.fault({ endpoint: 'recommendations', status: 500, times: 'always' });
  await pointsToGain(page).getByRole('button', { name: 'Show recommendations' }).click();
  await expect(pointsToGain(page).getByRole('status').first()).toContainText(/could not be read/i, { timeout: 20_000 });
  await emulator.setScore(425);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(currentScore(page)).toHaveText('425');
  await expect(pointsToGain(page).getByRole('status').first()).toContainText(/could not be read/i);
});
