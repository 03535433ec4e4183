import { describe, expect, it } from 'vitest';
import { AppState, type AppDependencies } from '../../src/lib/state/app.svelte';
import { HistoryState } from '../../src/lib/state/history.svelte';
import { SessionState, type AuthClient } from '../../src/lib/state/session.svelte';
import { DataTransferState } from '../../src/lib/state/data-transfer.svelte';
import { PREF, Preferences } from '../../src/lib/state/preferences';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { parseAppConfig } from '../../src/lib/config/app-config';
import type { Account } from '../../src/lib/auth/account';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const CONFIG = parseAppConfig({ clientId: '11111111-2222-3333-4444-555555555555' });
const AVERY: Account = { homeAccountId: 'avery.home', tenantId: TENANT, name: 'Avery Admin', username: 'avery@contoso.example' };

/** A promise the test resolves when it chooses, to hold one step of the start-up. */
function gate<T = void>() {
  let open: (value: T) => void = () => {};
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

function fakeAuth(account: Account | undefined): AuthClient {
  return {
    account,
    accounts: account ? [account] : [],
    useAccount: () => account,
    signIn: async () => undefined,
    signOut: async () => undefined,
    getToken: async () => ({ ok: true, value: 'token' }),
    requestRecommendationsPermission: async () => ({ ok: true, value: 'granted' }),
    addTenant: async () => ({ kind: 'redirecting' }),
    signInToTenant: async () => ({ kind: 'redirecting' }),
    signedInPeople: 1,
  };
}

async function harness(options: { account?: Account; loginHint?: string } = {}) {
  const store = new MemoryStore();
  await store.addReading({ tenantId: TENANT, time: 1_000, score: 400 });
  await store.setPref(PREF.lastTenantId, TENANT);
  if (options.loginHint) await store.setPref(PREF.loginHint, options.loginHint);

  const steps: string[] = [];
  const scoreCalls: Parameters<AppDependencies['fetchScore']>[0][] = [];
  const config = gate<typeof CONFIG>();
  const painted = gate();
  const history = new HistoryState({ openStore: async () => store, openChannel: () => undefined, protectStorage: async () => true, now: () => 2_000 });
  const preferences = new Preferences(() => history.store);
  const loginHints: (string | undefined)[] = [];
  const session = new SessionState({
    startAuth: async (_config, loginHint) => {
      steps.push(`auth started (hint ${loginHint ?? 'none'})`);
      return { auth: fakeAuth(options.account), redirectFailure: undefined, forgetLoginHint: false };
    },
    loginHint: {
      load: () => preferences.text(PREF.loginHint),
      save: async (hint) => {
        loginHints.push(hint);
        await preferences.keep(PREF.loginHint, hint);
      },
    },
  });
  const deps: AppDependencies = {
    history,
    session,
    preferences,
    loadTransfer: async () => new DataTransferState(history, { save: () => {}, now: () => 2_000 }),
    update: { available: false, start: async () => {}, apply: async () => {}, dismiss: () => {} },
    loadConfig: () => config.promise,
    fetchScore: async (call) => {
      scoreCalls.push(call);
      steps.push('score read');
      return { ok: true, value: { time: 2_000, score: 415 } };
    },
    afterPaint: () => painted.promise,
    redirectUri: () => 'https://scoreline.example/redirect.html',
    reloadPage: () => steps.push('reload'),
    now: () => 2_000,
  };
  return { app: new AppState(deps), store, steps, scoreCalls, config, painted, loginHints };
}

/** Lets the start-up run as far as it can without the held steps. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('AppState with a relay', () => {
  it('reads the score through the configured relay, in the region chosen', async () => {
    const h = await harness({ account: AVERY });
    h.config.open(parseAppConfig({ clientId: '11111111-2222-3333-4444-555555555555', relayUrl: '/api/relay', region: 'eu' }));
    h.painted.open();
    await h.app.start();
    await h.app.chooseRegion('uk');
    await h.app.score.refresh();
    expect(h.scoreCalls.map((call) => call.relay)).toEqual([
      { url: '/api/relay', region: 'eu' },
      { url: '/api/relay', region: 'uk' },
    ]);
  });

  it('calls the API itself when no relay is configured', async () => {
    const h = await harness({ account: AVERY });
    h.config.open(CONFIG);
    h.painted.open();
    await h.app.start();
    expect(h.scoreCalls.map((call) => [call.apiBaseUrl, call.relay])).toEqual([['https://api.security.microsoft.com', undefined]]);
  });
});

describe('AppState start-up', () => {
  it('shows the stored history before config.json answers', async () => {
    const h = await harness();
    const started = h.app.start();
    await settle();
    expect(h.app.history.tenantId).toBe(TENANT);
    expect(h.app.history.runs.map((r) => r.score)).toEqual([400]);
    expect(h.app.phase).toBe('loading');
    h.config.open(CONFIG);
    h.painted.open();
    await started;
    expect(h.app.phase).toBe('ready');
  });

  it('starts sign-in only after the stored history has painted', async () => {
    const h = await harness({ account: AVERY, loginHint: 'avery@contoso.example' });
    const started = h.app.start();
    h.config.open(CONFIG);
    await settle();
    expect(h.app.phase).toBe('ready');
    expect(h.steps).toEqual([]);
    h.painted.open();
    await started;
    expect(h.steps).toEqual(['auth started (hint avery@contoso.example)', 'score read']);
  });

  it('after sign-in, remembers the tenant, shows it and takes one fresh reading', async () => {
    const h = await harness({ account: AVERY });
    h.config.open(CONFIG);
    h.painted.open();
    await h.app.start();
    expect(h.app.history.tenantLabel).toBe('contoso.example');
    expect(h.app.history.runs.map((r) => r.score)).toEqual([400, 415]);
    expect(h.steps.filter((step) => step === 'score read')).toHaveLength(1);
    expect(await h.store.getPref(PREF.loginHint)).toBe('avery@contoso.example');
  });

  it('with a broken config.json shows the setup screen and never starts sign-in', async () => {
    const h = await harness({ account: AVERY });
    h.config.open(parseAppConfig({ clientId: 'not a guid' }));
    h.painted.open();
    await h.app.start();
    expect(h.app.phase).toBe('setup-needed');
    expect(h.app.configProblems.map((p) => p.field)).toContain('clientId');
    expect(h.steps).toEqual([]);
    // The stored history is still on screen.
    expect(h.app.history.runs).toHaveLength(1);
  });

  it('signing out forgets the remembered user name but keeps the history', async () => {
    const h = await harness({ account: AVERY });
    h.config.open(CONFIG);
    h.painted.open();
    await h.app.start();
    await h.app.session.signOut();
    expect(await h.store.getPref(PREF.loginHint)).toBeUndefined();
    expect(await h.store.runsFor(TENANT)).toHaveLength(2);
  });
});
