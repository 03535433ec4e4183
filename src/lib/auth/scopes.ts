/** The delegated permissions of the Defender API (WindowsDefenderATP) that Scoreline may ask for. */
export type DefenderPermission = 'Score.Read' | 'SecurityRecommendation.Read';

export const SCORE_PERMISSION: DefenderPermission = 'Score.Read';
/** Optional: only asked for once the user chooses to see recommendations. */
export const RECOMMENDATIONS_PERMISSION: DefenderPermission = 'SecurityRecommendation.Read';

/** Which permissions a token must carry: the score alone, or the score and the recommendations in one token. */
export type TokenPermissions = 'score' | 'score-and-recommendations';

/**
 * The scopes to ask for: the configured ones (Score.Read of the cloud's resource, or what config.json names),
 * plus, with recommendations, `<resource>/SecurityRecommendation.Read` of each resource that has a Score.Read
 * scope — one resource, so one token carries both. A `/.default` scope already stands for every consented
 * permission and may not be combined with others, so it is left alone.
 */
export function scopesFor(configuredScopes: readonly string[], permissions: TokenPermissions): string[] {
  if (permissions === 'score' || configuredScopes.some((scope) => scope.toLowerCase().endsWith('/.default'))) return [...configuredScopes];
  const resources = configuredScopes.filter((scope) => scope.toLowerCase().endsWith(`/${SCORE_PERMISSION.toLowerCase()}`)).map(resourceOf);
  // A configuration with no Score.Read scope names its resource some other way: take the first one it names.
  if (resources.length === 0) {
    const first = configuredScopes.find((scope) => /^[a-z][a-z0-9+.-]*:\/\/[^/]+\/./i.test(scope));
    if (first) resources.push(resourceOf(first));
  }
  const added = resources.map((resource) => `${resource}/${RECOMMENDATIONS_PERMISSION}`);
  return [...new Set([...configuredScopes, ...added])];
}

function resourceOf(scope: string): string {
  return scope.slice(0, scope.lastIndexOf('/'));
}
