/** The two pages: every tenant at a glance, or one tenant's dashboard. */
export type Page = 'overview' | 'dashboard';

const KEY = 'scoreline.page';

/**
 * The page this tab shows: the one last shown in it (so coming back from a sign-in or a reload stays put),
 * else the overview once two or more tenants are kept.
 */
export function startPage(tenantCount: number): Page {
  let stored: string | null = null;
  try {
    stored = sessionStorage.getItem(KEY);
  } catch {
    // No session storage (a sandboxed frame): the default.
  }
  return stored === 'overview' || stored === 'dashboard' ? stored : tenantCount >= 2 ? 'overview' : 'dashboard';
}

export function rememberPage(page: Page): void {
  try {
    sessionStorage.setItem(KEY, page);
  } catch {
    // The choice holds until the page closes.
  }
}
