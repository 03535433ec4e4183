// One sync of the history with the app folder: list the folder once, read the files whose eTag changed, join
// them with the local history in memory, write each file whose content that join changes (naming the eTag
// it replaces), and only then join what was read into the local history. A failure stops the sync where it
// is and changes nothing local; what was written is remembered, so the next sync goes on from there.
import { err, ok, type Result } from '../util/result';
import type { DriveFailure } from './drive-failure';
import type { Drive, DriveItem } from './graph-drive';
import { fileText, parseFile } from './sync-file';
import { filesOf, parseFileName, type SyncFileName } from './sync-layout';
import { joinRecords, type SyncRecords } from './sync-records';

/** The local history, as the sync sees it. */
export interface SyncLocal {
  read(): Promise<SyncRecords>;
  /** Joins records read from the folder into the local history; rejects when the storage refuses them. */
  merge(records: SyncRecords): Promise<void>;
}

/** What this device knows of a file in the folder: the eTag it last saw, and the hash of its text then. */
export interface KnownFile {
  eTag: string;
  hash: string;
  /** Why the file at this eTag was not merged (not ours to read, or changed by hand). */
  skipped?: string;
}

export type KnownFiles = Record<string, KnownFile>;

export interface SkippedFile {
  name: string;
  reason: string;
}

export interface SyncReport {
  known: KnownFiles;
  /** The folder's files as the listing gave them, after this sync's writes. */
  folder: DriveItem[];
  downloaded: string[];
  uploaded: string[];
  skipped: SkippedFile[];
}

export interface SyncRun {
  drive: Drive;
  local: SyncLocal;
  known: KnownFiles;
  now: () => number;
  hash: (text: string) => Promise<string>;
}

/** How often a write that keeps meeting another device's newer file is re-read, merged and tried again. */
const MAX_CONFLICT_RETRIES = 4;

/** One sync. On a failure, `known` in the error holds what is still true of the folder, for the next sync. */
export async function syncOnce(run: SyncRun): Promise<Result<SyncReport, { failure: DriveFailure; known: KnownFiles }>> {
  const known: KnownFiles = { ...run.known };
  let pendingKnown: KnownFiles = {};
  // What was written is not known on a failure (what it joined is not local yet); a file found unreadable is.
  const fail = (failure: DriveFailure) => err({ failure, known: { ...known, ...onlySkipped(pendingKnown) } });
  const listing = await run.drive.list();
  if (!listing.ok) return fail(listing.error);
  const folder = new Map(listing.value.filter((item) => parseFileName(item.name)).map((item) => [item.name, item]));
  // A file gone from the folder (moved, deleted by hand) is written again from the local history; nothing local is deleted.
  for (const name of Object.keys(known)) if (!folder.has(name)) delete known[name];

  const downloaded: string[] = [];
  const changed = [...folder.values()].filter((item) => known[item.name]?.eTag !== item.eTag);
  const read = await readFiles(run, changed);
  if (!read.ok) return fail(read.error);
  pendingKnown = read.value.known;
  downloaded.push(...read.value.names);
  let remote = joinRecords(...read.value.records);
  let readSomething = read.value.records.length > 0;
  const local = await run.local.read();
  let files = filesOf(joinRecords(local, remote));
  // Until the local history holds what was read, a file read now is known only to the merge at the end.
  const knownNow = (name: string) => pendingKnown[name] ?? known[name];

  const uploaded: string[] = [];
  for (const name of [...files.keys()]) {
    for (let attempt = 0; ; attempt += 1) {
      const fileName = parseFileName(name)!;
      const records = files.get(name);
      if (!records) break;
      const text = fileText(fileName, records);
      const hash = await run.hash(text);
      const current = knownNow(name);
      if (current?.skipped !== undefined || current?.hash === hash) break;
      const written = await run.drive.upload(name, text, current?.eTag);
      if (written.ok) {
        pendingKnown[name] = { eTag: written.value.eTag, hash };
        folder.set(name, written.value);
        uploaded.push(name);
        break;
      }
      if (written.error.kind !== 'changed') return fail(written.error);
      if (attempt >= MAX_CONFLICT_RETRIES) return fail({ kind: 'busy', name });
      // Another device wrote it first: read its version, join it in, and write the join.
      const reread = await rereadFile(run, name, fileName);
      if (!reread.ok) return fail(reread.error);
      if (reread.value.item) folder.set(name, reread.value.item);
      if (reread.value.records) {
        remote = joinRecords(remote, reread.value.records);
        readSomething = true;
        files = filesOf(joinRecords(local, remote));
      }
      if (reread.value.known) pendingKnown[name] = reread.value.known;
      else {
        delete pendingKnown[name];
        delete known[name];
      }
    }
  }
  if (readSomething) {
    try {
      await run.local.merge(remote);
    } catch {
      return fail({ kind: 'storage' });
    }
  }
  Object.assign(known, pendingKnown);
  const skipped = Object.entries(known).flatMap(([name, file]) => (file.skipped === undefined ? [] : [{ name, reason: file.skipped }]));
  return ok({ known, folder: [...folder.values()].sort((a, b) => (a.name < b.name ? -1 : 1)), downloaded, uploaded, skipped });
}

function onlySkipped(files: KnownFiles): KnownFiles {
  return Object.fromEntries(Object.entries(files).filter(([, file]) => file.skipped !== undefined));
}

/** Reads changed files whole; one that cannot be merged is remembered as skipped at its eTag, with the reason. */
async function readFiles(run: SyncRun, items: readonly DriveItem[]): Promise<Result<{ records: SyncRecords[]; names: string[]; known: KnownFiles }, DriveFailure>> {
  const records: SyncRecords[] = [];
  const names: string[] = [];
  const known: KnownFiles = {};
  for (const listed of items) {
    let item = listed;
    let text = await run.drive.download(item);
    if (!text.ok && text.error.kind === 'server' && text.error.status === 404) {
      // Written again since the listing: its link reads the old version no more. Read it as it is now.
      const now = await run.drive.item(item.name);
      if (!now.ok) return now;
      if (!now.value) continue;
      item = now.value;
      text = await run.drive.download(item);
    }
    if (!text.ok) return text;
    const hash = await run.hash(text.value);
    const parsed = parseFile(parseFileName(item.name)!, text.value, run.now());
    if (parsed.ok) {
      records.push(parsed.value);
      names.push(item.name);
    }
    known[item.name] = parsed.ok ? { eTag: item.eTag, hash } : { eTag: item.eTag, hash, skipped: parsed.error };
  }
  return ok({ records, names, known });
}

async function rereadFile(run: SyncRun, name: string, fileName: SyncFileName): Promise<Result<{ item?: DriveItem; records?: SyncRecords; known?: KnownFile }, DriveFailure>> {
  const item = await run.drive.item(name);
  if (!item.ok) return item;
  if (!item.value) return ok({});
  const text = await run.drive.download(item.value);
  if (!text.ok) return text;
  const hash = await run.hash(text.value);
  const parsed = parseFile(fileName, text.value, run.now());
  if (!parsed.ok) return ok({ item: item.value, known: { eTag: item.value.eTag, hash, skipped: parsed.error } });
  return ok({ item: item.value, records: parsed.value, known: { eTag: item.value.eTag, hash } });
}

/** How many files this device would write at its next sync: its changes not yet in the folder (no network needed). */
export async function pendingFiles(records: SyncRecords, known: KnownFiles, hash: (text: string) => Promise<string>): Promise<number> {
  let pending = 0;
  for (const [name, file] of filesOf(records)) {
    const current = known[name];
    if (current?.skipped === undefined && current?.hash !== (await hash(fileText(parseFileName(name)!, file)))) pending += 1;
  }
  return pending;
}

/** SHA-256 of the text, as hex: how a device knows a file's content without keeping it. */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
