/** The preference that says a tenant tracks Microsoft Secure Score: read before any of the feature's code loads. */
export function secureScorePrefKey(tenantId: string): string {
  return `secureScore:${tenantId}`;
}
