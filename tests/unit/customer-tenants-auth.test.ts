import { describe, expect, it } from 'vitest';
import { InteractionRequiredAuthError, type AccountInfo, type PublicClientApplication } from '@azure/msal-browser';
import { MsalAuth } from '../../src/lib/auth/msal-auth';
import { accountsToSignOut, isSigningOutEverywhere, signOutNextAccount } from '../../src/lib/auth/sign-out-everywhere';
import { addedTenantLabel } from '../../src/lib/auth/customer-tenants';
import { AddTenantState } from '../../src/lib/state/add-tenant.svelte';

const HOME = '3d0c6b6e-7a1f-4c3e-9d2a-5f1b8c4e0a11';
const CUSTOMER = 'c4a1d2e3-5b6f-4a7c-8d9e-0f1a2b3c4d33';
const SCORE = 'https://api.securitycenter.microsoft.com/Score.Read';
const AUTHORITY = 'https://login.microsoftonline.com/organizations';

const profile = (oid: string, home: string, tenantId: string, username: string) =>
  ({ homeAccountId: `${oid}.${home}`, tenantId, username, name: username, environment: 'login.microsoftonline.com', localAccountId: oid }) as AccountInfo;
const AVERY_HOME = profile('avery', HOME, HOME, 'avery@contoso.example');
const AVERY_CUSTOMER = profile('avery', HOME, CUSTOMER, 'avery@contoso.example');
const FABIAN = profile('fabian', 'fab', 'fab', 'fabian@fabrikam.example');

/** A fake MSAL with a list of accounts; silent calls answer as told; every request is recorded. */
function fakeMsal(accounts: AccountInfo[], silent: (request: Record<string, unknown>) => Promise<{ accessToken: string; account?: AccountInfo }>) {
  const calls: { name: string; request: Record<string, unknown> }[] = [];
  let active: AccountInfo | null = accounts[0] ?? null;
  let all = [...accounts];
  const pca = {
    getActiveAccount: () => active,
    setActiveAccount: (account: AccountInfo | null) => (active = account),
    getAllAccounts: () => all,
    acquireTokenSilent: async (request: Record<string, unknown>) => (calls.push({ name: 'silent', request }), silent(request)),
    acquireTokenRedirect: async (request: Record<string, unknown>) => void calls.push({ name: 'redirect', request }),
    logoutRedirect: async (request: { account?: AccountInfo }) => {
      calls.push({ name: 'logout', request });
      all = all.filter((a) => a.homeAccountId !== request.account?.homeAccountId);
    },
    clearCache: async () => void calls.push({ name: 'clearCache', request: {} }),
  };
  return { pca, calls, auth: new MsalAuth(pca as unknown as PublicClientApplication, [SCORE], AUTHORITY) };
}

class MemoryStorage {
  #items = new Map<string, string>();
  getItem = (key: string) => this.#items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.#items.set(key, value);
  removeItem = (key: string) => void this.#items.delete(key);
}

describe('a customer tenant’s tokens', () => {
  it('are asked for in the customer tenant’s authority, and the home tenant’s in the configured one as before', async () => {
    const msal = fakeMsal([AVERY_HOME, AVERY_CUSTOMER], async () => ({ accessToken: 'token' }));
    await msal.auth.getToken({ tenantId: CUSTOMER });
    await msal.auth.getToken({ tenantId: HOME });
    expect(msal.calls.map((c) => [c.request.account, c.request.authority])).toEqual([
      [AVERY_CUSTOMER, `https://login.microsoftonline.com/${CUSTOMER}`],
      [AVERY_HOME, undefined],
    ]);
  });

  it('never leave for Entra’s sign-in when the account has no access to the tenant, even when asked to', async () => {
    const noAccess = new InteractionRequiredAuthError('invalid_grant', 'corr', "AADSTS50020: User account … does not exist in tenant 'Northwind'");
    const msal = fakeMsal([AVERY_HOME, AVERY_CUSTOMER], async () => Promise.reject(noAccess));
    const result = await msal.auth.getToken({ tenantId: CUSTOMER, interactive: true });
    expect(result).toMatchObject({ ok: false, error: { kind: 'wrong-tenant', aadsts: 'AADSTS50020' } });
    expect(msal.calls.map((c) => c.name)).toEqual(['silent']);
  });

  it('are first read past the cache through the tenant named as typed, and the new sign-in becomes the active one', async () => {
    const msal = fakeMsal([AVERY_HOME], async () => ({ accessToken: 'token', account: AVERY_CUSTOMER }));
    const result = await msal.auth.addTenant({ kind: 'domain', domain: 'northwind.example' });
    expect(result).toEqual({ kind: 'added', account: { homeAccountId: AVERY_HOME.homeAccountId, tenantId: CUSTOMER, name: AVERY_HOME.username, username: AVERY_HOME.username, homeTenantId: HOME } });
    expect(msal.calls[0]?.request).toMatchObject({ account: AVERY_HOME, authority: 'https://login.microsoftonline.com/northwind.example', forceRefresh: true });
    expect(msal.auth.account?.tenantId).toBe(CUSTOMER);
  });

  it('carry the name a tenant was added by through Entra’s sign-in, and nothing else', async () => {
    const msal = fakeMsal([AVERY_HOME], async () => ({ accessToken: 'token' }));
    await msal.auth.signInToTenant({ kind: 'domain', domain: 'northwind.example' }, 'northwind.example');
    const state = msal.calls[0]?.request.state as string;
    expect(msal.calls[0]?.request).toMatchObject({ authority: 'https://login.microsoftonline.com/northwind.example', loginHint: AVERY_HOME.username, account: AVERY_HOME });
    expect(addedTenantLabel(state)).toBe('northwind.example');
    expect(addedTenantLabel('some-other-state')).toBeUndefined();
    expect(addedTenantLabel(undefined)).toBeUndefined();
  });
});

describe('signing out of everything', () => {
  it('signs out one person at a time, by their home profile, then empties MSAL’s cache', async () => {
    const msal = fakeMsal([AVERY_CUSTOMER, AVERY_HOME, FABIAN], async () => ({ accessToken: 'token' }));
    const storage = new MemoryStorage() as unknown as Storage;
    expect(accountsToSignOut(msal.pca as never)).toEqual([AVERY_HOME, FABIAN]);
    expect(await signOutNextAccount(msal.pca as never, storage)).toBe('redirecting');
    expect(isSigningOutEverywhere(storage)).toBe(true);
    expect(await signOutNextAccount(msal.pca as never, storage)).toBe('redirecting');
    expect(await signOutNextAccount(msal.pca as never, storage)).toBe('done');
    expect(isSigningOutEverywhere(storage)).toBe(false);
    expect(msal.calls.map((c) => (c.name === 'logout' ? (c.request.account as AccountInfo).username : c.name))).toEqual([
      AVERY_HOME.username,
      FABIAN.username,
      'clearCache',
    ]);
  });
});

describe('AddTenantState', () => {
  it('refuses what is not a tenant without asking anyone, and adds by the name typed', async () => {
    const added: string[] = [];
    const form = new AddTenantState({ add: async (_reference, label) => (added.push(label), { kind: 'added', account: { homeAccountId: 'h', tenantId: CUSTOMER, name: 'n', username: 'u' } }), signIn: async () => {} });
    form.text = 'avery@northwind.example';
    await form.add();
    expect(form.view).toEqual({ kind: 'invalid', problem: 'an-address' });
    form.text = ' Northwind.Example ';
    await form.add();
    expect(added).toEqual(['northwind.example']);
    expect(form.view).toEqual({ kind: 'added', tenant: 'northwind.example' });
    expect(form.text).toBe('');
  });

  it('keeps a refusal on screen, and signs in to that very tenant only when asked', async () => {
    const signIns: string[] = [];
    const failure = { kind: 'sign-in-expired' as const, errorCode: 'invalid_grant', aadsts: 'AADSTS50076' };
    const form = new AddTenantState({ add: async () => ({ kind: 'failed', failure }), signIn: async (_reference, label) => void signIns.push(label) });
    form.text = CUSTOMER;
    await form.add();
    expect(form.view).toEqual({ kind: 'refused', tenant: CUSTOMER, failure });
    expect(signIns).toEqual([]);
    form.text = 'something-else.example';
    await form.signIn();
    expect(signIns).toEqual([CUSTOMER]);
  });
});
