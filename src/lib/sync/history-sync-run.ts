// What the history sync state loads when sync is on: one sync of the store with the app folder, and the count
// of changes waiting, put together from the engine, the Graph client and the store.
import type { HistoryStore } from '../history/history-store';
import type { Result } from '../util/result';
import type { DriveFailure } from './drive-failure';
import { graphDrive } from './graph-drive';
import { historySyncLocal } from './history-sync-local';
import { pendingFiles, sha256, syncOnce, type KnownFiles, type SyncReport } from './sync-engine';

export interface SyncRequest {
  store: HistoryStore;
  known: KnownFiles;
  graphOrigin: string;
  token(): Promise<string | undefined>;
  now(): number;
  fetch?: typeof fetch;
}

export function syncHistory(request: SyncRequest): Promise<Result<SyncReport, { failure: DriveFailure; known: KnownFiles }>> {
  const drive = graphDrive({ graphOrigin: request.graphOrigin, token: request.token, now: request.now, ...(request.fetch ? { fetch: request.fetch } : {}) });
  return syncOnce({ drive, local: historySyncLocal(request.store), known: request.known, now: request.now, hash: sha256 });
}

/** How many files of the app folder this device would write now: its changes not synced yet. */
export async function changesWaiting(store: HistoryStore, known: KnownFiles): Promise<number> {
  return pendingFiles(await historySyncLocal(store).read(), known, sha256);
}
