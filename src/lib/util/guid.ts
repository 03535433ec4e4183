const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GUID written the usual way, 8-4-4-4-12 hex digits in any letter case, without braces: a client or tenant ID. */
export function isGuid(text: string): boolean {
  return GUID.test(text);
}

/** A tenant ID as Entra ID writes it and Scoreline keeps it: a GUID in lower case, so one tenant has one key. */
export function isTenantId(text: string): boolean {
  return isGuid(text) && text === text.toLowerCase();
}
