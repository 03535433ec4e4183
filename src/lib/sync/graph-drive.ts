// The app folder through Microsoft Graph: one listing of the folder (eTags and download links), downloads from
// the pre-authenticated link without the token (the link's host refuses it, and CORS with it), and writes
// that name the eTag they replace.
import { retryAfterMs } from '../defender/retry-after';
import { err, ok, type Result } from '../util/result';
import type { DriveFailure, StaleWrite } from './drive-failure';

export interface DriveItem {
  name: string;
  eTag: string;
  size: number;
  lastModified: string;
  downloadUrl: string;
}

export interface Drive {
  /** Every file of the folder, following the listing's pages. */
  list(): Promise<Result<DriveItem[], DriveFailure>>;
  /** One file as it stands now, or undefined when there is none. */
  item(name: string): Promise<Result<DriveItem | undefined, DriveFailure>>;
  download(item: DriveItem): Promise<Result<string, DriveFailure>>;
  /** Writes the file if it still has `eTag` (or, with none, if it does not exist yet). */
  upload(name: string, text: string, eTag: string | undefined): Promise<Result<DriveItem, DriveFailure | StaleWrite>>;
}

export interface GraphDriveOptions {
  /** e.g. https://graph.microsoft.com */
  graphOrigin: string;
  /** A token for Files.ReadWrite.AppFolder, or undefined when none can be had without the user. */
  token(): Promise<string | undefined>;
  fetch?: typeof fetch;
  now?: () => number;
  isOnline?: () => boolean;
}

const APPROOT = '/v1.0/me/drive/special/approot';
const SELECT = 'name,eTag,size,lastModifiedDateTime';
const MAX_PAGES = 100;

export function graphDrive({ graphOrigin, token, fetch: fetchFn = (...args) => fetch(...args), now = Date.now, isOnline = () => navigator.onLine }: GraphDriveOptions): Drive {
  const call = async (url: string, init: RequestInit = {}): Promise<Result<Response, DriveFailure>> => {
    const bearer = await token();
    if (bearer === undefined) return err({ kind: 'no-token' });
    try {
      return ok(await fetchFn(url, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${bearer}` } }));
    } catch {
      return err(isOnline() ? { kind: 'unreachable' } : { kind: 'offline' });
    }
  };
  const fileUrl = (name: string, suffix = '') => `${graphOrigin}${APPROOT}:/${encodeURIComponent(name)}${suffix}`;

  return {
    async list() {
      const items: DriveItem[] = [];
      let next: string | undefined = `${graphOrigin}${APPROOT}/children?$select=${SELECT},@microsoft.graph.downloadUrl&$top=1000`;
      for (let page = 0; next !== undefined && page < MAX_PAGES; page += 1) {
        const answer = await call(next);
        if (!answer.ok) return answer;
        const body = await jsonOf(answer.value, now);
        if (!body.ok) return body;
        const value = (body.value as { value?: unknown }).value;
        if (!Array.isArray(value)) return err({ kind: 'invalid-response', reason: 'the folder listing has no list of files' });
        for (const entry of value) {
          const item = itemOf(entry);
          if (item) items.push(item);
        }
        const link = (body.value as { '@odata.nextLink'?: unknown })['@odata.nextLink'];
        next = typeof link === 'string' && link.startsWith(`${graphOrigin}/`) ? link : undefined;
      }
      return ok(items);
    },
    async item(name) {
      const answer = await call(fileUrl(name));
      if (!answer.ok) return answer;
      if (answer.value.status === 404) return ok(undefined);
      const body = await jsonOf(answer.value, now);
      if (!body.ok) return body;
      const item = itemOf(body.value);
      return item ? ok(item) : err({ kind: 'invalid-response', reason: `the answer for ${name} is not a file` });
    },
    async download(item) {
      try {
        // No Authorization header: the link carries its own short-lived permission.
        const response = await fetchFn(item.downloadUrl, { credentials: 'omit' });
        if (!response.ok) return err(failureOf(response, now));
        return ok(await response.text());
      } catch {
        return err(isOnline() ? { kind: 'unreachable' } : { kind: 'offline' });
      }
    },
    async upload(name, text, eTag) {
      const condition: Record<string, string> = eTag === undefined ? { 'If-None-Match': '*' } : { 'If-Match': eTag };
      const answer = await call(fileUrl(name, ':/content'), { method: 'PUT', body: text, headers: { 'Content-Type': 'application/json', ...condition } });
      if (!answer.ok) return answer;
      if (answer.value.status === 412) return err({ kind: 'changed' });
      const body = await jsonOf(answer.value, now);
      if (!body.ok) return body;
      const item = itemOf(body.value);
      return item ? ok(item) : err({ kind: 'invalid-response', reason: `the answer to writing ${name} is not a file` });
    },
  };
}

async function jsonOf(response: Response, now: () => number): Promise<Result<unknown, DriveFailure>> {
  if (!response.ok) return err(failureOf(response, now));
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? ok(body) : err({ kind: 'invalid-response', reason: 'the answer is not a JSON object' });
  } catch {
    return err({ kind: 'invalid-response', reason: 'the answer is not JSON' });
  }
}

function failureOf(response: Response, now: () => number): DriveFailure {
  const { status } = response;
  if (status === 401) return { kind: 'unauthorized' };
  if (status === 403) return { kind: 'forbidden' };
  if (status === 507) return { kind: 'quota' };
  if (status === 429 || status === 503) return { kind: 'throttled', retryAt: now() + retryAfterMs(response.headers.get('Retry-After'), now()) };
  return { kind: 'server', status };
}

/** A file of the listing, or undefined for anything else (a folder, a file without a download link). */
function itemOf(entry: unknown): DriveItem | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { name, eTag, size, lastModifiedDateTime } = entry as Record<string, unknown>;
  const downloadUrl = (entry as Record<string, unknown>)['@microsoft.graph.downloadUrl'];
  if (typeof name !== 'string' || typeof eTag !== 'string' || typeof size !== 'number' || typeof downloadUrl !== 'string') return undefined;
  if (!/^https?:\/\//.test(downloadUrl)) return undefined;
  return { name, eTag, size, lastModified: typeof lastModifiedDateTime === 'string' ? lastModifiedDateTime : '', downloadUrl };
}
