import type { Result } from '../util/result';
import type { AuthFailure } from './auth-failure';
import type { ScopedToken, ScopedTokenOptions } from './msal-auth';

/**
 * Microsoft Graph's delegated permissions as scopes of the cloud's Graph resource, e.g.
 * `https://graph.microsoft.us/SecurityEvents.Read.All` in GCC High (national clouds name scopes after their own host).
 */
export function graphScopes(graphResource: string, permissions: readonly string[]): string[] {
  const resource = graphResource.replace(/\/+$/, '');
  return [...new Set(permissions.map((permission) => `${resource}/${permission}`))];
}

/** What asking MSAL for a token of given scopes takes: `MsalAuth.tokenForScopes`; tests pass a fake. */
export type ScopedTokenSource = (tenantId: string, scopes: readonly string[], options: ScopedTokenOptions) => Promise<Result<ScopedToken, AuthFailure>>;

export interface GraphTokenRequest {
  tenantId: string;
  /** Graph's delegated permissions the token must carry, e.g. ["SecurityEvents.Read.All"]. */
  permissions: readonly string[];
  /** Only from a user's click: a token that needs consent or a new sign-in then leaves for Entra ID. */
  interactive?: boolean;
  forceRefresh?: boolean;
}

/**
 * A Graph token — a different token from the Defender API's, as Graph is a different resource — silent first.
 * A consent failure names the first permission asked for, so the UI can say what an administrator must grant.
 */
export function getGraphToken(source: ScopedTokenSource, graphResource: string, request: GraphTokenRequest): Promise<Result<ScopedToken, AuthFailure>> {
  const options: ScopedTokenOptions = {
    interactive: request.interactive ?? false,
    forceRefresh: request.forceRefresh ?? false,
    ...(request.permissions[0] ? { consentFor: request.permissions[0] } : {}),
  };
  return source(request.tenantId, graphScopes(graphResource, request.permissions), options);
}
