import { describe, expect, it } from 'vitest';
import { SessionState, type AuthClient } from '../../src/lib/state/session.svelte';
import { PREF, Preferences } from '../../src/lib/state/preferences';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { parseAppConfig } from '../../src/lib/config/app-config';
import type { Account } from '../../src/lib/auth/account';
import type { TokenRequest } from '../../src/lib/state/refresh-dependencies';

const CONTOSO = 'aaaaaaaa-0000-4000-8000-000000000001';
const NORTHWIND = 'bbbbbbbb-0000-4000-8000-000000000002';
const WINGTIP = 'cccccccc-0000-4000-8000-000000000003';
const PARSED = parseAppConfig({ clientId: '11111111-2222-3333-4444-555555555555' });
if (!PARSED.ok) throw new Error('the test config is valid');
const CONFIG = PARSED.value;
const HOME = `avery.${CONTOSO}`;
const AVERY: Account = { homeAccountId: HOME, tenantId: CONTOSO, name: 'Avery Admin', username: 'avery@contoso.example' };
const AVERY_IN = (tenantId: string): Account => ({ ...AVERY, tenantId, homeTenantId: CONTOSO });

/** MSAL as the session sees it: every tenant profile stays in its cache, whatever the session does. */
function fakeMsal(profiles: Account[], active: Account) {
  const tokenRequests: string[] = [];
  let current = active;
  const auth: AuthClient = {
    get account() {
      return current;
    },
    accounts: profiles,
    useAccount: (homeAccountId, tenantId) => {
      current = profiles.find((a) => a.homeAccountId === homeAccountId && a.tenantId === tenantId) ?? current;
      return current;
    },
    signIn: async () => undefined,
    signOut: async () => undefined,
    getToken: async (request: TokenRequest) => {
      tokenRequests.push(request.tenantId);
      return { ok: true, value: `token for ${request.tenantId}` };
    },
    requestRecommendationsPermission: async () => ({ ok: true, value: 'granted' }),
    addTenant: async () => ({ kind: 'added', account: AVERY_IN(NORTHWIND) as never }),
    signInToTenant: async () => ({ kind: 'redirecting' }),
    signedInPeople: 1,
  };
  return { auth, tokenRequests };
}

async function startSession(store: MemoryStore, msal: ReturnType<typeof fakeMsal>, addedTenantLabel?: string) {
  const preferences = new Preferences(() => store);
  const session = new SessionState({
    startAuth: async () => ({ auth: msal.auth, redirectFailure: undefined, forgetLoginHint: false, addedTenantLabel }),
    loginHint: { load: async () => undefined, save: async () => {} },
    notSignedIn: { load: () => preferences.tenantIds(PREF.notSignedIn), save: (ids) => preferences.keep(PREF.notSignedIn, ids.join(' ') || undefined) },
  });
  await session.start(CONFIG);
  return session;
}

describe('stopping signing in to a customer tenant', () => {
  it('leaves the tenant out of the sign-ins, asks no token for it, and is kept across a reload', async () => {
    const store = new MemoryStore();
    const profiles = [AVERY, AVERY_IN(NORTHWIND), AVERY_IN(WINGTIP)];
    const msal = fakeMsal(profiles, AVERY_IN(NORTHWIND));
    const session = await startSession(store, msal);
    expect(session.accounts.map((a) => a.tenantId)).toEqual([CONTOSO, NORTHWIND, WINGTIP]);

    await session.stopSigningInTo(NORTHWIND);

    expect(session.accounts.map((a) => a.tenantId)).toEqual([CONTOSO, WINGTIP]);
    // It was the active sign-in: the account's home tenant is now.
    expect(session.account?.tenantId).toBe(CONTOSO);
    expect(await session.token({ tenantId: NORTHWIND })).toMatchObject({ ok: false, error: { kind: 'sign-in-expired' } });
    expect(await session.requestRecommendationsPermission(NORTHWIND)).toMatchObject({ ok: false });
    expect(await session.token({ tenantId: WINGTIP })).toEqual({ ok: true, value: `token for ${WINGTIP}` });
    expect(msal.tokenRequests).toEqual([WINGTIP]);

    const reloaded = await startSession(store, fakeMsal(profiles, AVERY_IN(NORTHWIND)));
    expect(reloaded.accounts.map((a) => a.tenantId)).toEqual([CONTOSO, WINGTIP]);
    expect(reloaded.account?.tenantId).toBe(CONTOSO);
  });

  it('does nothing to an account\'s home tenant or a tenant without a sign-in', async () => {
    const store = new MemoryStore();
    const session = await startSession(store, fakeMsal([AVERY, AVERY_IN(NORTHWIND)], AVERY));
    await session.stopSigningInTo(CONTOSO);
    await session.stopSigningInTo(WINGTIP);
    expect(session.accounts.map((a) => a.tenantId)).toEqual([CONTOSO, NORTHWIND]);
    expect(await store.getPref(PREF.notSignedIn)).toBeUndefined();
  });

  it('signs in to the tenant again once it is added again, silently or through its sign-in page', async () => {
    const store = new MemoryStore();
    const profiles = [AVERY, AVERY_IN(NORTHWIND), AVERY_IN(WINGTIP)];
    const session = await startSession(store, fakeMsal(profiles, AVERY));
    await session.stopSigningInTo(NORTHWIND);
    await session.stopSigningInTo(WINGTIP);

    await session.addTenant({ kind: 'domain', domain: 'northwind.example' } as never);
    expect(session.accounts.map((a) => a.tenantId)).toEqual([CONTOSO, NORTHWIND]);

    // Back from Wingtip's sign-in page, started by "Add a tenant".
    const back = await startSession(store, fakeMsal(profiles, AVERY_IN(WINGTIP)), 'wingtip.example');
    expect(back.accounts.map((a) => a.tenantId)).toEqual([CONTOSO, NORTHWIND, WINGTIP]);
    expect(back.account?.tenantId).toBe(WINGTIP);
    expect(await store.getPref(PREF.notSignedIn)).toBeUndefined();
  });

  it('keeps only tenant ids from what was stored', async () => {
    const store = new MemoryStore();
    await store.setPref(PREF.notSignedIn, `${NORTHWIND} not-a-tenant ${WINGTIP.toUpperCase()}`);
    expect(await new Preferences(() => store).tenantIds(PREF.notSignedIn)).toEqual([NORTHWIND]);
  });
});
