/**
 * `/_control/drive…`: look into each user's app folder, write a file as a person or another program might
 * (hand-edited, corrupt), set the quota left, or empty the folders.
 */
import { AVERY_ADMIN } from './accounts.mjs';
import { badRequest, isNonEmptyString, isObject, ok } from './control-answers.mjs';
import { createDriveState, eTagOf, folderOf, writeFile } from './drive-store.mjs';

/** @typedef {import('./control-answers.mjs').ControlAction} ControlAction */

/** @type {Record<string, Partial<Record<string, ControlAction>>>} path → method → action */
export const DRIVE_ACTIONS = {
  '/_control/drive': {
    GET: (state) => ok(describeDrive(state.drive)),
    DELETE: (state) => ((state.drive = createDriveState()), ok(describeDrive(state.drive))),
  },
  '/_control/drive/file': { PUT: putFile },
  '/_control/drive/quota': { PUT: setQuota },
};

/** @param {import('./drive-store.mjs').DriveState} drive */
function describeDrive(drive) {
  return {
    quota: drive.quota,
    folders: Object.fromEntries(
      [...drive.folders].map(([oid, folder]) => [oid, [...folder.values()].map((file) => ({ name: file.name, eTag: eTagOf(file), size: file.content.length, text: file.content.toString('utf8') }))]),
    ),
  };
}

/**
 * `{ oid?, name, text }`: writes the file as a new version (Avery's folder when no oid is given).
 * @type {ControlAction}
 */
function putFile(state, body) {
  if (!isObject(body) || !isNonEmptyString(body.name) || typeof body.text !== 'string') return badRequest('Send { "oid"?: string, "name": string, "text": string }.');
  const oid = isNonEmptyString(body.oid) ? body.oid : AVERY_ADMIN.oid;
  const file = writeFile(state.drive, oid, body.name, Buffer.from(body.text, 'utf8'));
  folderOf(state.drive, oid);
  return ok({ oid, name: file.name, eTag: eTagOf(file) });
}

/**
 * `{ remainingBytes: number | null }`: writes that would grow the drive past it answer 507 quotaLimitReached.
 * @type {ControlAction}
 */
function setQuota(state, body) {
  if (!isObject(body) || !(body.remainingBytes === null || (Number.isInteger(body.remainingBytes) && /** @type {number} */ (body.remainingBytes) >= 0))) {
    return badRequest('Send { "remainingBytes": a whole number of bytes, or null for no limit }.');
  }
  state.drive.quota.remainingBytes = /** @type {number | null} */ (body.remainingBytes);
  return ok(state.drive.quota);
}
