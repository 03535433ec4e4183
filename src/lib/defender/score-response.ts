import * as v from 'valibot';
import { parseIsoInstant } from '../util/iso-time';
import { err, ok, type Result } from '../util/result';
import type { ApiErrorDetail } from './api-failure';

/** A score as the API gave it: when it was read (epoch ms) and the number of points. */
export interface ScoreSample {
  time: number;
  score: number;
}

const ScoreBody = v.object({
  time: v.string('has no "time" text'),
  score: v.pipe(
    v.number('has no numeric "score"'),
    v.finite('has a "score" that is not a finite number'),
    v.minValue(0, 'has a negative "score"'),
  ),
});

/** Validates a /api/configurationScore body (already JSON-parsed); the error is a sentence saying what is wrong. */
export function parseScoreBody(body: unknown): Result<ScoreSample, string> {
  const result = v.safeParse(ScoreBody, body);
  if (!result.success) {
    const message = result.issues[0]?.message ?? 'does not have the expected shape';
    return err(`The answer ${typeof body === 'object' && body !== null ? message : 'is not a JSON object'}.`);
  }
  const time = parseIsoInstant(result.output.time);
  if (time === undefined) return err('The answer has a "time" that is not a valid date and time.');
  return ok({ time, score: result.output.score });
}

const ErrorBody = v.object({
  error: v.object({
    code: v.optional(v.string(), 'Unknown'),
    message: v.optional(v.string(), ''),
    target: v.optional(v.string()),
  }),
});

/** Reads the documented error shape, if the body has it. */
export function parseErrorBody(body: unknown): ApiErrorDetail | undefined {
  const result = v.safeParse(ErrorBody, body);
  if (!result.success) return undefined;
  const { code, message, target } = result.output.error;
  return { code: code.slice(0, 200), message: message.slice(0, 1000), target: target?.slice(0, 200) };
}
