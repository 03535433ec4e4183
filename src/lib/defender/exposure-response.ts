import * as v from 'valibot';
import { parseIsoInstant } from '../util/iso-time';
import { err, ok, type Result } from '../util/result';
import { isJsonObject } from './list-answer';
import type { ScoreSample } from './score-response';

/** The exposure score's documented range: an index from 0 (no exposure) to 100. */
export const EXPOSURE_MIN = 0;
export const EXPOSURE_MAX = 100;

const ExposureBody = v.object({
  time: v.string('has no "time" text'),
  score: v.pipe(
    v.number('has no numeric "score"'),
    v.finite('has a "score" that is not a finite number'),
    v.minValue(EXPOSURE_MIN, 'has a "score" below 0'),
    v.maxValue(EXPOSURE_MAX, 'has a "score" above 100'),
  ),
});

/**
 * Validates a /api/exposureScore body (already JSON-parsed): the time it was read and an index of 0–100,
 * lower is better. The error is a sentence saying what is wrong.
 */
export function parseExposureScoreBody(body: unknown): Result<ScoreSample, string> {
  const result = v.safeParse(ExposureBody, body);
  if (!result.success) {
    const message = result.issues[0]?.message ?? 'does not have the expected shape';
    return err(`The exposure score answer ${isJsonObject(body) ? message : 'is not a JSON object'}.`);
  }
  const time = parseIsoInstant(result.output.time);
  if (time === undefined) return err('The exposure score answer has a "time" that is not a valid date and time.');
  return ok({ time, score: result.output.score });
}
