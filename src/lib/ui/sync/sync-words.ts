import type { DriveFailure } from '../../sync/drive-failure';
import { parseFileName } from '../../sync/sync-layout';

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

/**
 * What a file of the app folder holds, in words: the tenant by the name it has here (its ID when this browser does
 * not know it), and the month of a history file.
 */
export function describeSyncFile(name: string, labelOf: (tenantId: string) => string | undefined): string {
  const file = parseFileName(name);
  if (!file) return 'Not a Scoreline file: left alone';
  if (file.kind === 'tenants') return 'The tenants’ names, and whose history was deleted when';
  const tenant = labelOf(file.tenantId!) ?? `tenant ${file.tenantId!}`;
  switch (file.kind) {
    case 'history':
      return `Readings of ${tenant}, ${monthName(file.month!)}`;
    case 'notes':
      return `Notes of ${tenant}, and notes deleted`;
    case 'goals':
      return `Goal and alert rules of ${tenant}, and those deleted`;
    case 'alert-log':
      return `Alerts of ${tenant}`;
  }
}

function monthName(month: string): string {
  return new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** The changes this device has not written to the folder yet, in words. */
export function describeWaiting(files: number): string {
  if (files === 0) return 'None: OneDrive has everything kept here';
  return `${files} ${files === 1 ? 'file' : 'files'} to write with changes made here`;
}
