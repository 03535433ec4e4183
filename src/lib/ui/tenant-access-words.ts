import type { AuthFailure } from '../auth/auth-failure';
import { tenantAccessProblem } from '../auth/tenant-access';

/** Why a tenant could not be added, in plain words: what happened, what someone must set up, and Entra's code. */
export interface TenantAccessWords {
  title: string;
  body: string;
  /** What to do, in order, and by whom. */
  steps: string[];
  /** Entra's error (AADSTS…) or MSAL's code, to quote to an administrator. */
  code: string;
  /** A click on "sign in" can get past it (Entra asks the user to sign in to that tenant). */
  offerSignIn: boolean;
  /** The tenant administrator's consent link, when consent is what is missing. */
  consentLink: string | undefined;
}

const NOTHING_CHANGED = 'Nothing was added and no stored history changed.';

/** `tenant` is the tenant as typed; `consentLink` the tenant's admin-consent address. */
export function tenantAccessWords(failure: AuthFailure, tenant: string, consentLink?: string): TenantAccessWords {
  const code = failure.aadsts ?? failure.errorCode;
  const words = (title: string, body: string, steps: string[], extra: Partial<TenantAccessWords> = {}): TenantAccessWords => ({
    title,
    body: `${body} ${NOTHING_CHANGED}`,
    steps,
    code,
    offerSignIn: false,
    consentLink: undefined,
    ...extra,
  });
  switch (tenantAccessProblem(failure)) {
    case 'no-access':
      return words(`Your account has no access to ${tenant}`, `Microsoft Entra ID says the account you are signed in with is not a member or guest of ${tenant} and has no delegated access to it.`, [
        `In your partner tenant, an administrator sets up a GDAP relationship with ${tenant} whose security group includes you, with a role that can read Defender data (Security Reader, for example).`,
        `Or an administrator of ${tenant} invites your account as a guest and gives it that role.`,
        'Then add the tenant again.',
      ]);
    case 'tenant-not-found':
      return words(`Microsoft Entra ID knows no tenant called ${tenant}`, 'Check the spelling, and that it is this cloud’s tenant.', [
        'Use the tenant ID (Entra admin center → Overview → Tenant ID) or a domain verified in that tenant (Custom domain names), such as contoso.onmicrosoft.com.',
      ]);
    case 'app-not-in-tenant':
      return words(`Scoreline’s app registration is not available in ${tenant}`, 'The app registration Scoreline signs in with is single-tenant, or no one in that tenant has consented to it.', [
        'In your own tenant, an administrator makes the app registration multitenant: App registrations → Scoreline → Authentication → Supported account types → Accounts in any organizational directory.',
        `Then an administrator of ${tenant} consents to it there, with the admin consent link for that tenant.`,
      ]);
    case 'consent-required':
      return words(`An administrator of ${tenant} must approve Scoreline`, `Your account reaches ${tenant}, but no administrator there has consented to let Scoreline read the device secure score (Score.Read).`, [
        `A Global or Privileged Role Administrator of ${tenant} opens the admin consent link and accepts.`,
        'Then add the tenant again.',
      ], { consentLink });
    case 'needs-sign-in':
      return words(`Microsoft asks you to sign in to ${tenant}`, 'Your account may reach this tenant, but Microsoft Entra ID wants you to sign in to it first (it may ask for multi-factor authentication there).', [
        'Choose “Sign in to this tenant”; you come back here once signed in.',
      ], { offerSignIn: true });
    case 'other':
      return words(`${tenant} could not be added`, failure.kind === 'network' ? 'The sign-in service could not be reached.' : 'The sign-in did not work.', [
        'Try again. If it keeps failing, quote the code below to your administrator.',
      ]);
  }
}
