// The dashboard's parts below the first screen load when a reader comes near them, and say so until then.
import { expect, openSignedIn, test } from './fixtures';

test.use({ viewport: { width: 390, height: 844 } });

test('the watch settings load when scrolled to, and say they are coming until then', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await openSignedIn(page, 412);
  const placeholder = page.getByRole('status').filter({ hasText: 'Loading the watch settings…' });
  await expect(placeholder).toBeAttached();
  expect(requested.filter((path) => /\/WatchSection-[\w-]+\.js$/.test(path))).toEqual([]);

  await placeholder.scrollIntoViewIfNeeded();
  await expect(page.getByRole('heading', { name: 'Watch', exact: true })).toBeVisible();
  await expect(placeholder).toHaveCount(0);
  expect(requested.filter((path) => /\/WatchSection-[\w-]+\.js$/.test(path))).toHaveLength(1);
});
