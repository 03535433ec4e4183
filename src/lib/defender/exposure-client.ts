// The reads a refresh makes after the score: exposure and device groups. A module apart from the score's call,
// so that its parsers are loaded with the first refresh, not with the stored history.
import { err, type Result } from '../util/result';
import type { ApiFailure } from './api-failure';
import { getJson, type DefenderCall } from './defender-client';
import { parseExposureScoreBody } from './exposure-response';
import { parseMachineGroupsBody, type MachineGroupsSample } from './machine-groups-response';
import type { ScoreSample } from './score-response';

/** GET /api/exposureScore: the organisation's exposure score (0–100, lower is better), validated. */
export async function getExposureScore(call: DefenderCall): Promise<Result<ScoreSample, ApiFailure>> {
  const result = await getJson('/api/exposureScore', call);
  if (!result.ok) return result;
  const parsed = parseExposureScoreBody(result.value);
  return parsed.ok ? parsed : err({ kind: 'invalid-response', reason: parsed.error });
}

/** GET /api/exposureScore/ByMachineGroups: each device group's exposure score, validated. */
export async function getExposureByMachineGroups(call: DefenderCall): Promise<Result<MachineGroupsSample, ApiFailure>> {
  const result = await getJson('/api/exposureScore/ByMachineGroups', call);
  if (!result.ok) return result;
  const parsed = parseMachineGroupsBody(result.value, (call.now ?? Date.now)());
  return parsed.ok ? parsed : err({ kind: 'invalid-response', reason: parsed.error });
}
