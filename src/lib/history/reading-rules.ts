import { isGuid } from '../util/guid';
import { parseIsoInstant } from '../util/iso-time';
import { err, ok, type Result } from '../util/result';

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
  const forbidden = forbiddenCharacterIn(note);
  if (forbidden) return err(forbidden);
  // Shown as text it would be harmless, but markup in a note is a sign of a hostile or mangled file.
  if (MARKUP.test(note)) return err('the note contains markup (such as <b> or <script>), which Scoreline does not keep');
  if (note.length > MAX_NOTE_LENGTH) return err(`the note is longer than ${MAX_NOTE_LENGTH} characters`);
  return ok(note);
}

/** A tag or comment: "<" then a letter, "/", "!" or "?", up to a ">" ("x<y", "score < 400" and "<3" are fine). */
const MARKUP = /<[a-z/!?][^<>]*>/i;

/** Control characters (other than \n), bidi overrides that can disguise text, and broken surrogates. */
function forbiddenCharacterIn(text: string): string | undefined {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit === 0x0a) continue;
    if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f)) return 'the note contains control characters';
    if ((unit >= 0x202a && unit <= 0x202e) || (unit >= 0x2066 && unit <= 0x2069)) {
      return 'the note contains characters that change the direction of text';
    }
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1;
      else return 'the note contains broken Unicode text';
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return 'the note contains broken Unicode text';
  }
  return undefined;
}

const EXCERPT_LENGTH = 40;

/** A short, printable quotation of a bad value for a reason message. */
function excerpt(text: string): string {
  const characters = Array.from(text.slice(0, EXCERPT_LENGTH + 1));
  const shown = characters.slice(0, EXCERPT_LENGTH).join('').replace(/[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069]/gu, '\uFFFD');
  return `"${shown}${characters.length > EXCERPT_LENGTH ? '…' : ''}"`;
}
