/**
 * Where the emulated authority's endpoints live, and its OpenID discovery document.
 * Pure functions with no Node imports, so app or test code may import `authorityMetadataFor` too.
 */

/**
 * @param {string} baseUrl e.g. `http://localhost:4010`
 * @param {string} tenant `organizations`, `common` or a tenant id
 */
export function endpointsFor(baseUrl, tenant) {
  const root = `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(tenant)}`;
  return {
    issuer: `${root}/v2.0`,
    authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
    token_endpoint: `${root}/oauth2/v2.0/token`,
    jwks_uri: `${root}/discovery/v2.0/keys`,
    end_session_endpoint: `${root}/oauth2/v2.0/logout`,
  };
}

/**
 * The string MSAL's `auth.authorityMetadata` takes. With it MSAL skips discovery, so the
 * configured authority is only a name and these plain-http localhost endpoints are used as they are.
 * @param {string} baseUrl
 * @param {string} [tenant]
 */
export function authorityMetadataFor(baseUrl, tenant = 'organizations') {
  return JSON.stringify(endpointsFor(baseUrl, tenant));
}

/**
 * `/{tenant}/v2.0/.well-known/openid-configuration`, shaped like Entra's.
 * @param {string} baseUrl
 * @param {string} tenant
 */
export function openIdConfiguration(baseUrl, tenant) {
  return {
    ...endpointsFor(baseUrl, tenant),
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    response_modes_supported: ['query', 'fragment'],
    response_types_supported: ['code'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'nonce', 'name', 'preferred_username', 'oid', 'tid', 'ver'],
    request_uri_parameter_supported: false,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    tenant_region_scope: null,
    cloud_instance_name: 'microsoftonline.com',
  };
}
