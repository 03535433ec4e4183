import { AVERY_ADMIN, CONTOSO, EMULATOR_ORIGIN } from '../../emulator/demo.mjs';
import { currentScore, emulator, expect, signIn, signOutEverywhere, historyTable, test } from './fixtures';

test('sign in, read the score, refresh after it changes, reload without signing in again, sign out', async ({ page }) => {
  await emulator.setScore(412);
  await page.goto('./');
  await expect(page.getByRole('heading', { name: /Your device secure score/ })).toBeVisible();

  await signIn(page);
  await expect(page.getByRole('banner')).toContainText(AVERY_ADMIN.name);
  await expect(page.getByRole('banner')).toContainText(CONTOSO.domain);
  await expect(currentScore(page)).toHaveText('412');
  await expect(page.getByTestId('score-change')).toContainText('First reading');

  await emulator.setScore(427);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(currentScore(page)).toHaveText('427');
  await expect(page.getByTestId('score-change')).toContainText('+15');

  const history = historyTable(page);
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(history.getByRole('row').nth(1)).toContainText('427');
  await expect(history.getByRole('row').nth(2)).toContainText('412');

  const authorizeCallsBefore = (await emulator.log()).authorize.length;
  await emulator.setScore(419);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(currentScore(page)).toHaveText('419');
  await expect(page.getByTestId('score-change')).toContainText('\u22128');
  await expect(history.getByRole('row')).toHaveCount(4);
  expect((await emulator.log()).authorize.length, 'no new interactive sign-in').toBe(authorizeCallsBefore);

  await signOutEverywhere(page);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true }).first()).toBeVisible();
  // Signing out keeps the history on this device.
  await expect(history.getByRole('row')).toHaveCount(4);
});

test('the stored history shows on load before sign-in or any network answer', async ({ page }) => {
  await emulator.setScore(350);
  await page.goto('./');
  await signIn(page);
  await expect(currentScore(page)).toHaveText('350');

  // Hold every call to the emulator (sign-in and API) and reload: the history must still appear.
  await page.route(`${EMULATOR_ORIGIN}/**`, () => {});
  await page.reload();
  await expect(currentScore(page)).toHaveText('350');
  await expect(historyTable(page).getByRole('row')).toHaveCount(2);
});

test('after a browser restart, a user with a live Entra ID session is signed in silently', async ({ page, context }) => {
  await emulator.setScore(412);
  await page.goto('./');
  await signIn(page);
  await expect(currentScore(page)).toHaveText('412');

  // A browser restart ends session cookies: MSAL's cache key goes, the identity provider's session stays.
  await context.clearCookies({ name: 'msal.cache.encryption' });
  await emulator.setScore(416);
  const pickerShownBefore = (await emulator.log()).authorize.filter((a) => a.outcome === 'picker').length;
  await page.reload();
  await expect(currentScore(page)).toHaveText('416');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  const pickerShownAfter = (await emulator.log()).authorize.filter((a) => a.outcome === 'picker').length;
  expect(pickerShownAfter, 'no account picker').toBe(pickerShownBefore);

  // After signing out, it does not sign in by itself any more: not even a silent try at the sign-in page.
  const authorizeVisitsBeforeSignOut = (await emulator.log()).authorize.length;
  await signOutEverywhere(page);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true }).first()).toBeVisible();
  await context.clearCookies({ name: 'msal.cache.encryption' });
  await page.reload();
  // "Sign in" shows once start-up, a silent sign-in included, has finished.
  await expect(page.getByRole('button', { name: 'Sign in', exact: true }).first()).toBeVisible();
  expect((await emulator.log()).authorize.length, 'no silent sign-in').toBe(authorizeVisitsBeforeSignOut);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
});
