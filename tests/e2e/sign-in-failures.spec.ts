import { AVERY_ADMIN } from '../../emulator/demo.mjs';
import { currentScore, emulator, expect, historyRows, openSignedIn, signIn, test } from './fixtures';

test.describe('sign-in failures are named in words', () => {
  test('cancelling at the sign-in page says so and offers to sign in again', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
    await page.waitForURL(/\/authorize/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Sign-in was cancelled' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('AADSTS65004');
    await signIn(page);
    await expect(currentScore(page)).toHaveText('412');
  });

  test('going back from the sign-in page never leaves a stuck screen', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
    await page.waitForURL(/\/authorize/);
    await page.goBack();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true }).first()).toBeEnabled();
    await signIn(page);
    await expect(currentScore(page)).toHaveText('412');
  });

  test('consent required: says an admin must consent and gives the admin-consent link', async ({ page }) => {
    await emulator.fault({ endpoint: 'authorize', error: 'consent_required', errorDescription: 'AADSTS65001: The user or administrator has not consented to use the application.' });
    await page.goto('./');
    await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('An administrator must approve Scoreline');
    await expect(alert).toContainText('AADSTS65001');
    const link = alert.getByRole('link', { name: 'Admin consent link' });
    const href = new URL((await link.getAttribute('href')) ?? '');
    expect(href.pathname).toBe('/organizations/v2.0/adminconsent');
    expect(href.searchParams.get('client_id')).toBe('5c0e11e0-de40-4d00-8000-000000000001');
  });

  test('an account from the wrong tenant is named as such', async ({ page }) => {
    await emulator.fault({
      endpoint: 'authorize',
      error: 'invalid_request',
      errorDescription: "AADSTS50020: User account 'x@other.example' from identity provider does not exist in tenant 'Contoso'.",
    });
    await page.goto('./');
    await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('This account cannot use this app registration');
    await expect(alert).toContainText('AADSTS50020');
  });

  test('an expired sign-in (refresh token past its 24 hours) asks for an interactive sign-in, keeping the history', async ({ page }) => {
    // Short-lived access tokens make MSAL renew on every load; then the refresh token and the session go.
    await emulator.tokens({ accessTokenLifetimeSeconds: 60 });
    await openSignedIn(page);
    await emulator.tokens({ refreshTokensExpired: true });
    await page.context().clearCookies({ name: 'emu_session' });
    await page.reload();
    const notice = page.getByRole('status').filter({ hasText: 'Your sign-in has expired' });
    await expect(notice).toBeVisible();
    await expect(historyRows(page)).toHaveCount(2);
    await notice.getByRole('button', { name: 'Sign in again' }).click();
    await page.waitForURL(/\/authorize/);
    await page.getByRole('button', { name: AVERY_ADMIN.name }).click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    // A fresh reading at the same score confirms the stored run rather than adding a row.
    await expect.poll(() => emulator.apiCalls()).toBe(2);
    await expect(historyRows(page)).toHaveCount(2);
  });
});

test('a sign-in left in progress (another tab, an abandoned redirect) is named, and Reload clears the way', async ({ page }) => {
  await page.goto('./');
  // Sign in is enabled once MSAL has started: what it leaves behind is set after that.
  await expect(page.getByRole('button', { name: 'Sign in', exact: true }).first()).toBeEnabled();
  // What MSAL leaves behind while a redirect sign-in is under way.
  await page.evaluate(() =>
    sessionStorage.setItem('msal.interaction.status', JSON.stringify({ clientId: '5c0e11e0-de40-4d00-8000-000000000001', type: 'signin' })),
  );
  await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
  const notice = page.getByRole('status').filter({ hasText: 'A sign-in is already under way' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('interaction_in_progress');
  await notice.getByRole('button', { name: 'Reload' }).click();
  await signIn(page);
  await expect(currentScore(page)).toHaveText('412');
});
