/** The preferences the history sync keeps in this browser: never a token, only what it knows of the folder. */
export const SYNC_PREF = {
  /** `{ on, tenantId }`: whether the history is synced, through the account of which tenant. */
  choice: 'historySync',
  known: 'historySyncKnown',
  lastSynced: 'historySyncLastSynced',
  folder: 'historySyncFolder',
} as const;

/** Whether the sync was turned on in this browser, read without loading the sync. */
export async function historySyncChosen(store: { getPref<T>(key: string): Promise<T | undefined> }): Promise<boolean> {
  const choice = await store.getPref<{ on?: unknown }>(SYNC_PREF.choice).catch(() => undefined);
  return choice?.on === true;
}
