/** Every way a call to the app folder can fail, as a value the UI can explain. None changes the local history. */
export type DriveFailure =
  | { kind: 'offline' }
  | { kind: 'unreachable' }
  /** Microsoft Graph refused the token (expired or revoked): sign in again. */
  | { kind: 'unauthorized' }
  /** The permission to the app folder is missing or was withdrawn. */
  | { kind: 'forbidden' }
  /** The OneDrive is full. */
  | { kind: 'quota' }
  | { kind: 'throttled'; retryAt: number }
  | { kind: 'server'; status: number }
  | { kind: 'invalid-response'; reason: string }
  /** Another device kept writing the same file; the next sync tries again. */
  | { kind: 'busy'; name: string }
  /** The browser's storage refused the merged history. */
  | { kind: 'storage' }
  /** No token could be had for the app folder without the user (consent, sign-in). */
  | { kind: 'no-token' };

/** A write refused because the file changed since its eTag was read: re-read, merge, write again. */
export interface StaleWrite {
  kind: 'changed';
}
