/**
 * The emulated OneDrive: each user's app folder (`/me/drive/special/approot`) as a flat list of files,
 * each with an eTag that changes with every write, and pre-authenticated download links as Graph gives
 * them (`@microsoft.graph.downloadUrl`), valid for an hour, on another origin than Graph's.
 */
import { createHash, randomBytes } from 'node:crypto';

/**
 * @typedef {object} DriveFile
 * @property {string} id
 * @property {string} name
 * @property {Buffer} content
 * @property {number} version grows with each write; the eTag and cTag carry it
 * @property {string} createdDateTime
 * @property {string} lastModifiedDateTime
 */

/** @typedef {{ oid: string, name: string, version: number, expiresAt: number }} DownloadGrant */

const MAX_DOWNLOAD_LINKS = 100_000;

/** How long a download link works, as Graph's do (about an hour). */
export const DOWNLOAD_LINK_LIFETIME_MS = 60 * 60 * 1000;

export function createDriveState() {
  return {
    /** @type {Map<string, Map<string, DriveFile>>} user oid → file name (lower case, as OneDrive compares names) → file */
    folders: new Map(),
    /** @type {Map<string, DownloadGrant>} download token → what it reads */
    downloads: new Map(),
    /** The quota left in bytes for every user's drive; null for no limit. */
    /** @type {{ remainingBytes: number | null }} */
    quota: { remainingBytes: null },
  };
}

/** @typedef {ReturnType<typeof createDriveState>} DriveState */

/**
 * @param {DriveState} drive
 * @param {string} oid
 */
export function folderOf(drive, oid) {
  let folder = drive.folders.get(oid);
  if (!folder) drive.folders.set(oid, (folder = new Map()));
  return folder;
}

/** @param {DriveFile} file */
export function eTagOf(file) {
  return `"{${file.id}},${file.version}"`;
}

/** @param {DriveFile} file */
function cTagOf(file) {
  return `"c:{${file.id}},${file.version}"`;
}

/**
 * Writes a file, as a new version; gives the file.
 * @param {DriveState} drive
 * @param {string} oid
 * @param {string} name
 * @param {Buffer} content
 */
export function writeFile(drive, oid, name, content) {
  const folder = folderOf(drive, oid);
  const now = new Date().toISOString();
  const existing = folder.get(name.toLowerCase());
  const file = existing
    ? { ...existing, content, version: existing.version + 1, lastModifiedDateTime: now }
    : { id: idFor(oid, name), name, content, version: 1, createdDateTime: now, lastModifiedDateTime: now };
  folder.set(name.toLowerCase(), file);
  return file;
}

/** A stable item id, like OneDrive's, per user and name. */
function idFor(/** @type {string} */ oid, /** @type {string} */ name) {
  return createHash('sha256').update(`${oid}/${name.toLowerCase()}`).digest('hex').slice(0, 16).toUpperCase();
}

/**
 * The driveItem as Graph answers it, with a fresh download link on `contentOrigin`.
 * @param {DriveState} drive
 * @param {string} oid
 * @param {DriveFile} file
 * @param {string} contentOrigin
 */
export function itemJson(drive, oid, file, contentOrigin) {
  const token = randomBytes(18).toString('base64url');
  // Every listing hands out a link per file: the oldest go first, so a long run cannot grow this without end.
  if (drive.downloads.size >= MAX_DOWNLOAD_LINKS) drive.downloads.delete(/** @type {string} */ (drive.downloads.keys().next().value));
  drive.downloads.set(token, { oid, name: file.name, version: file.version, expiresAt: Date.now() + DOWNLOAD_LINK_LIFETIME_MS });
  return {
    '@microsoft.graph.downloadUrl': `${contentOrigin}/_drive-content/${token}`,
    id: file.id,
    name: file.name,
    eTag: eTagOf(file),
    cTag: cTagOf(file),
    size: file.content.length,
    createdDateTime: file.createdDateTime,
    lastModifiedDateTime: file.lastModifiedDateTime,
    parentReference: { driveType: 'personal', path: '/drive/special/approot' },
    file: { mimeType: 'application/json' },
  };
}

/**
 * What a download link reads: the file's content at the version it was given for, or undefined (unknown,
 * expired, or the file was written since: the client must list again, never read content newer than its eTag).
 * @param {DriveState} drive
 * @param {string} token
 */
export function downloadOf(drive, token) {
  const grant = drive.downloads.get(token);
  if (!grant || grant.expiresAt < Date.now()) return undefined;
  const file = drive.folders.get(grant.oid)?.get(grant.name.toLowerCase());
  return file && file.version === grant.version ? file.content : undefined;
}
