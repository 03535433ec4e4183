import { isGuid } from '../util/guid';
import { parseIsoInstant } from '../util/iso-time';
import { err, ok, type Result } from '../util/result';
import type { SeriesId } from './series';

/** Secure Score for Devices runs to a few thousand points; far beyond that, a cell is not a score. */
export const MAX_SCORE = 100_000;
/** No Defender Secure Score existed before this; an earlier time is a mistake in the file. */
export const EARLIEST_READING_TIME = Date.UTC(2015, 0, 1);
/** Room for the clock of the machine that wrote the file being ahead of this one. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
export const MAX_NOTE_LENGTH = 280;

// Each check gives the value as it is kept, or the first problem in plain words, lower case, no full stop.

/** An ISO 8601 instant with a zone, between EARLIEST_READING_TIME and a day from `now`. */
export function checkTime(text: string, now: number): Result<number, string> {
  if (text === '') return err('has no time');
  const time = parseIsoInstant(text);
  if (time === undefined) {
    return err(`the time ${excerpt(text)} is not an ISO 8601 date and time with a zone, such as 2026-11-28T09:15:00Z`);
  }
  const problem = timeProblem(time, now);
  return problem ? err(problem) : ok(time);
}

function timeProblem(time: number, now: number): string | undefined {
  if (time < EARLIEST_READING_TIME) return 'the time is before 2015, when Secure Score did not exist yet';
  // Written so that a NaN `now` refuses every time rather than none.
  if (!(time <= now + FUTURE_TOLERANCE_MS)) return 'the time is in the future';
  return undefined;
}

// Digits, optionally a point and more digits: no sign, exponent, hex, Infinity or NaN.
const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;

/** A score written as text (a CSV cell): a plain decimal number, then checkScore. */
export function checkScoreText(text: string): Result<number, string> {
  if (text === '') return err('has no score');
  if (!PLAIN_DECIMAL.test(text)) return err(`the score ${excerpt(text)} is not a plain number of points, such as 301.5`);
  return checkScore(Number(text));
}

/** From 0 to MAX_SCORE points. */
export function checkScore(score: number): Result<number, string> {
  const problem = scoreProblem(score);
  // + 0 turns a JSON -0 into 0.
  return problem ? err(problem) : ok(score + 0);
}

function scoreProblem(score: number): string | undefined {
  if (Number.isNaN(score)) return 'the score is not a number';
  if (score < 0) return 'the score is negative';
  if (score > MAX_SCORE) return `the score is more than ${MAX_SCORE} points`;
  return undefined;
}

/** A GUID in any letter case, kept in lower case: Entra ID writes tenant IDs so, and one tenant has one key. */
export function checkTenantId(text: string): Result<string, string> {
  if (text === '') return err('has no tenant');
  if (!isGuid(text)) return err(`the tenant ${excerpt(text)} is not a tenant ID (a GUID)`);
  return ok(text.toLowerCase());
}

/**
 * A note as it is kept: line ends as \n, trimmed, empty → undefined, at most MAX_NOTE_LENGTH UTF-16
 * units (what a text field's maxlength counts), no control characters other than the line feed, no
 * markup. The one rule for notes, typed in the note editor or read from a file.
 */
export function checkNote(text: string): Result<string | undefined, string> {
  const note = text.replace(/\r\n?/g, '\n').trim();
  if (note === '') return ok(undefined);
  const forbidden = forbiddenCharacterIn(note, 'the note', true);
  if (forbidden) return err(forbidden);
  // Shown as text it would be harmless, but markup in a note is a sign of a hostile or mangled file.
  if (MARKUP.test(note)) return err('the note contains markup (such as <b> or <script>), which Scoreline does not keep');
  if (note.length > MAX_NOTE_LENGTH) return err(`the note is longer than ${MAX_NOTE_LENGTH} characters`);
  return ok(note);
}

/** A tag or comment: "<" then a letter, "/", "!" or "?", up to a ">" ("x<y", "score < 400" and "<3" are fine). */
const MARKUP = /<[a-z/!?][^<>]*>/i;

/** Control characters (other than \n where allowed), bidi overrides that can disguise text, and broken surrogates. */
function forbiddenCharacterIn(text: string, what: string, lineFeedAllowed: boolean): string | undefined {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit === 0x0a && lineFeedAllowed) continue;
    if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f)) return `${what} contains control characters`;
    if ((unit >= 0x202a && unit <= 0x202e) || (unit >= 0x2066 && unit <= 0x2069)) {
      return `${what} contains characters that change the direction of text`;
    }
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1;
      else return `${what} contains broken Unicode text`;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return `${what} contains broken Unicode text`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The other series and the recommendation log (export version 3). Their texts are shown as text, never
// as markup, so they are only bounded and kept free of characters that hide or disguise text.

/** The exposure score and a device group's exposure: an index from 0 to 100. */
export const MAX_SERIES_VALUE = 100;
/** A device group's id in a series id (`group-id:…`): the API gives a number; room for a text id. */
export const MAX_GROUP_ID_LENGTH = 100;
/** A device group's name, in a series id (`group-name:…`) or in the log of what a group was called. */
export const MAX_GROUP_NAME_LENGTH = 200;
export const MAX_RECOMMENDATION_ID_LENGTH = 200;
/** A recommendation's name, such as "Set 'Minimum password length' to '14 or more character(s)'". */
export const MAX_RECOMMENDATION_NAME_LENGTH = 1000;
/** A recommendation's status, category, sub-category or remediation type. */
export const MAX_RECOMMENDATION_TEXT_LENGTH = 200;

/** `exposure`, `group-id:<1–100 characters>` or `group-name:<1–200 characters>`, with no control characters. */
export function checkSeriesId(text: string): Result<SeriesId, string> {
  if (text === 'exposure') return ok(text);
  const group = /^group-(id|name):/.exec(text);
  if (!group) return err(`the series ${excerpt(text)} is not exposure, group-id:… or group-name:…`);
  const part = text.slice(group[0].length);
  const isId = group[1] === 'id';
  const checked = checkText(part, isId ? 'the group id' : 'the group name', isId ? MAX_GROUP_ID_LENGTH : MAX_GROUP_NAME_LENGTH);
  if (!checked.ok) return checked;
  return part === '' ? err(`the series ${excerpt(text)} names no group`) : ok(text as SeriesId);
}

/** The value of the exposure score or of a device group's exposure: from 0 to 100. */
export function checkSeriesValue(value: number): Result<number, string> {
  if (Number.isNaN(value)) return err('the value is not a number');
  if (value < 0) return err('the value is negative');
  if (value > MAX_SERIES_VALUE) return err(`the value is more than ${MAX_SERIES_VALUE}`);
  return ok(value + 0);
}

/** A series value written as text (a CSV cell): a plain decimal number, then checkSeriesValue. */
export function checkSeriesValueText(text: string): Result<number, string> {
  if (text === '') return err('has no score');
  if (!PLAIN_DECIMAL.test(text)) return err(`the score ${excerpt(text)} is not a plain number from 0 to ${MAX_SERIES_VALUE}, such as 41.5`);
  return checkSeriesValue(Number(text));
}

/** A group's name as its log keeps it: up to MAX_GROUP_NAME_LENGTH characters (empty when the API gave none). */
export function checkGroupName(text: string): Result<string, string> {
  return checkText(text, 'the group name', MAX_GROUP_NAME_LENGTH);
}

/** Text of 1 to MAX_RECOMMENDATION_ID_LENGTH printable characters, such as "sca-_-scid-2070". */
export function checkRecommendationId(text: string): Result<string, string> {
  if (text === '') return err('has an empty id');
  return checkText(text, 'the id', MAX_RECOMMENDATION_ID_LENGTH);
}

/** A recommendation's name (`field` "name") or other describing text, possibly empty, bounded. */
export function checkRecommendationText(text: string, field: string): Result<string, string> {
  return checkText(text, `the ${field}`, field === 'name' ? MAX_RECOMMENDATION_NAME_LENGTH : MAX_RECOMMENDATION_TEXT_LENGTH);
}

/** An impact in points (or on the exposure index): a finite number (Microsoft documents no sign, so none is refused). */
export function checkImpact(value: number, field: string): Result<number, string> {
  if (!Number.isFinite(value)) return err(`the ${field} is not a finite number`);
  return ok(value + 0);
}

/**
 * A describing text from the API made storable under the same rules an import checks: characters those
 * rules refuse (control, direction-changing, broken surrogates) become spaces, and the text is cut at
 * `maxLength` (never inside a surrogate pair). So whatever a refresh keeps, an export of it imports again.
 */
export function storableText(text: string, maxLength: number): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is this expression's job
  const cleaned = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ');
  if (cleaned.length <= maxLength) return cleaned;
  const cut = cleaned.slice(0, maxLength);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** A count of devices or recommendations: a whole number, 0 or more. */
export function checkCount(value: number, field: string): Result<number, string> {
  if (!Number.isSafeInteger(value)) return err(`the ${field} is not a whole number`);
  if (value < 0) return err(`the ${field} is negative`);
  return ok(value + 0);
}

/** Text kept as it is: at most `maxLength` UTF-16 units, no control characters at all. */
function checkText(text: string, what: string, maxLength: number): Result<string, string> {
  const forbidden = forbiddenCharacterIn(text, what, false);
  if (forbidden) return err(forbidden);
  if (text.length > maxLength) return err(`${what} is longer than ${maxLength} characters`);
  return ok(text);
}

const EXCERPT_LENGTH = 40;

/** A short, printable quotation of a bad value for a reason message. */
function excerpt(text: string): string {
  const characters = Array.from(text.slice(0, EXCERPT_LENGTH + 1));
  const shown = characters.slice(0, EXCERPT_LENGTH).join('').replace(/[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069]/gu, '\uFFFD');
  return `"${shown}${characters.length > EXCERPT_LENGTH ? '…' : ''}"`;
}
