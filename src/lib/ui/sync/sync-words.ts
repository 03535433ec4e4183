import type { DriveFailure } from '../../sync/drive-failure';

/** A failed sync in plain words, with what to do next. The history in this browser is never changed by one. */
export function describeSyncFailure(failure: DriveFailure, now: number): string {
  switch (failure.kind) {
    case 'offline':
      return 'You are offline. Changes wait here and sync when you are back online.';
    case 'unreachable':
      return 'OneDrive could not be reached. Check the network, then select Sync now.';
    case 'unauthorized':
    case 'no-token':
      return 'Scoreline has no permission to your OneDrive app folder right now. Sign in again, or turn sync off and on to grant it.';
    case 'forbidden':
      return 'OneDrive refused access to the app folder: the permission may have been withdrawn. Turn sync off and on to grant it again.';
    case 'quota':
      return 'Your OneDrive is full. Free some space, then select Sync now.';
    case 'throttled': {
      const seconds = Math.max(1, Math.ceil((failure.retryAt - now) / 1000));
      return `OneDrive asked Scoreline to wait (too many requests). Sync tries again after ${seconds} s.`;
    }
    case 'server':
      return `OneDrive had a problem (HTTP ${failure.status}). Select Sync now to try again later.`;
    case 'invalid-response':
      return `OneDrive gave an answer Scoreline does not understand (${failure.reason}). Select Sync now to try again.`;
    case 'busy':
      return `Another device kept changing ${failure.name} while Scoreline wrote it. Select Sync now to try again.`;
    case 'storage':
      return 'This browser’s storage refused the synced history. Free some space, then select Sync now.';
  }
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
