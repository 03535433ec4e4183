/** How a new reading joins the stored runs: loaded with the first reading, never before the history is on screen. */
import type { AddOutcome, RunWrites } from './history-store';
import type { Reading } from './reading';
import { joinRuns, runForReading, runKey, type Run } from './run';

/**
 * How a new reading joins the stored runs near its time (those covering it and the latest that ends before
 * it): a few runs, so joinRuns and a comparison do, where an import needs RunJoin.
 */
export function readingWrites(reading: Reading, nearby: readonly Run[]): RunWrites & { outcome: AddOutcome } {
  const run = runForReading(reading, nearby);
  const joined = joinRuns(nearby, [run]);
  const storedByKey = new Map(nearby.map((stored) => [runKey(stored), stored]));
  const joinedKeys = new Set(joined.map(runKey));
  const deletes = nearby.filter((stored) => !joinedKeys.has(runKey(stored)));
  const puts = joined.filter((joinedRun) => storedByKey.get(runKey(joinedRun))?.lastSeen !== joinedRun.lastSeen);
  const added = puts.length === 0 ? 0 : 1;
  const outcome: AddOutcome = added === 0 ? 'present' : puts.some((put) => !storedByKey.has(runKey(put))) ? 'added' : 'confirmed';
  return { deletes, puts, added, present: 1 - added, outcome };
}
