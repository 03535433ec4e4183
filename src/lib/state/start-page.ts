/** With several tenants, the two pages: every tenant at a glance, or one tenant's dashboard. */
export type Page = 'overview' | 'dashboard';

const KEY = 'scoreline.page';

/**
 * The page this tab shows: the one last shown in it (so a reload stays put, and coming back from a sign-in
 * shows the account just signed in to), else the overview.
 */
export function startPage(): Page {
  let stored: string | null = null;
  try {
    stored = sessionStorage.getItem(KEY);
  } catch {
    // No session storage (a sandboxed frame): the overview.
  }
  return stored === 'dashboard' ? 'dashboard' : 'overview';
}

/** Remembers the page for this tab only (session storage: a page name, nothing else). */
export function rememberPage(page: Page): void {
  try {
    sessionStorage.setItem(KEY, page);
  } catch {
    // The choice holds until the page closes.
  }
}
