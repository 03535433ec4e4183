/**
 * Looks for real token strings in dumps of what the page can read. A plain-text token would show up
 * whole; its signature segment alone is searched too, in case a store re-encodes the rest of the JWT.
 */
export interface TokenSighting {
  place: string;
  kind: string;
}

/**
 * @param dumps place (e.g. `localStorage`) → everything it holds, as text
 * @param tokens kind (e.g. `access`) → the tokens of that kind the emulator issued
 */
export function findTokens(dumps: Record<string, string>, tokens: Record<string, string[]>): TokenSighting[] {
  const sightings: TokenSighting[] = [];
  for (const [place, text] of Object.entries(dumps)) {
    for (const [kind, issued] of Object.entries(tokens)) {
      if (issued.some((token) => searchTermsFor(token).some((term) => text.includes(term)))) sightings.push({ place, kind });
    }
  }
  return sightings;
}

/** The whole token, and a JWT's signature on its own (long and random enough never to match by chance). */
function searchTermsFor(token: string): string[] {
  const signature = token.split('.')[2];
  return signature && signature.length >= 32 ? [token, signature] : [token];
}
