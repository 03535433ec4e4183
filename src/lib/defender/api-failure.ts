/** The error body the Defender API documents: `{ error: { code, message, target } }`. */
export interface ApiErrorDetail {
  code: string;
  message: string;
  /** The correlation id an admin quotes to Microsoft support. */
  target: string | undefined;
}

/** Every way a call to the Defender API can fail, as a value the UI can explain. */
export type ApiFailure =
  | { kind: 'offline' }
  | { kind: 'unreachable'; host: string }
  | { kind: 'timeout'; host: string; afterMs: number }
  | { kind: 'unauthorized'; detail: ApiErrorDetail | undefined }
  | { kind: 'forbidden'; detail: ApiErrorDetail | undefined }
  | { kind: 'not-found'; detail: ApiErrorDetail | undefined }
  | { kind: 'throttled'; retryAt: number; detail: ApiErrorDetail | undefined }
  | { kind: 'server'; status: number; detail: ApiErrorDetail | undefined }
  | { kind: 'http'; status: number; detail: ApiErrorDetail | undefined }
  | { kind: 'invalid-response'; reason: string }
  /** Not the API's doing: something in the app went wrong. */
  | { kind: 'unexpected' };
