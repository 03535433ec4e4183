import { GAP_LIMIT_MS, type Run } from './run';
import { compareNotes, type Note } from './note';
import { roundPoints } from './reading';

/** A run as the history shows it: one row of the table, one step of the chart. */
export interface ScoreRun extends Run {
  /** Score minus the previous run's; undefined for the first run. */
  change: number | undefined;
  /** Nothing was checked for longer than the gap limit before this run began: that time is unobserved. */
  afterGap: boolean;
  /** Until when the score held: the next run's start, or this run's last confirmation when a gap or nothing follows. */
  heldUntil: number;
  /** The notes whose time falls in this run, oldest first. */
  notes: Note[];
}

interface Endpoint {
  time: number;
  score: number;
}

/**
 * The history of one tenant as a sequence of runs that never overlap, oldest first, from its stored runs
 * and notes. Every stored start and last confirmation is an observation; consecutive observations of one
 * score belong to one run when a stored run spans both or they are within the gap limit. So a stored run
 * with another score's observation inside it splits there, and the split parts keep only the confirmations
 * that are known.
 */
export function scoreRuns(runs: readonly Run[], notes: readonly Note[] = [], gapLimit = GAP_LIMIT_MS): ScoreRun[] {
  const tenantId = runs[0]?.tenantId;
  if (tenantId === undefined) return [];
  const byStart = [...runs].sort((a, b) => a.firstSeen - b.firstSeen);
  const shown: ScoreRun[] = [];
  // The furthest any stored run (of any score, and of each score) that started so far reaches.
  let reach = -Infinity;
  const reachOfScore = new Map<number, number>();
  let started = 0;
  let current: ScoreRun | undefined;
  for (const { time, score } of endpointsOf(runs)) {
    if (current && current.score === score && ((reachOfScore.get(score) ?? -Infinity) >= time || time - current.lastSeen <= gapLimit)) {
      current.lastSeen = time;
    } else {
      const afterGap = current !== undefined && reach < time && time - current.lastSeen > gapLimit;
      const change = current === undefined ? undefined : roundPoints(score - current.score);
      current = { tenantId, firstSeen: time, lastSeen: time, score, change, afterGap, heldUntil: time, notes: [] };
      shown.push(current);
    }
    for (; started < byStart.length && byStart[started]!.firstSeen <= time; started += 1) {
      const run = byStart[started]!;
      reach = Math.max(reach, run.lastSeen);
      reachOfScore.set(run.score, Math.max(reachOfScore.get(run.score) ?? -Infinity, run.lastSeen));
    }
  }
  shown.forEach((run, index) => {
    const next = shown[index + 1];
    run.heldUntil = next && !next.afterGap ? next.firstSeen : run.lastSeen;
  });
  attachNotes(shown, notes);
  return shown;
}

/** Every start and last confirmation, oldest first, each (time, score) once. */
function endpointsOf(runs: readonly Run[]): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const { firstSeen, lastSeen, score } of runs) {
    endpoints.push({ time: firstSeen, score });
    if (lastSeen !== firstSeen) endpoints.push({ time: lastSeen, score });
  }
  endpoints.sort((a, b) => a.time - b.time || a.score - b.score);
  return endpoints.filter((e, index) => index === 0 || e.time !== endpoints[index - 1]!.time || e.score !== endpoints[index - 1]!.score);
}

/** Gives each note to the run that holds its time: the latest run that began at or before it (else the first). */
function attachNotes(shown: ScoreRun[], notes: readonly Note[]): void {
  if (shown.length === 0) return;
  let index = 0;
  for (const note of [...notes].sort(compareNotes)) {
    while (index + 1 < shown.length && shown[index + 1]!.firstSeen <= note.time) index += 1;
    shown[index]!.notes.push(note);
  }
}

/** The run that holds a time: the latest that began at or before it, if the time is not in a gap after it. */
export function runAt(shown: readonly ScoreRun[], time: number): ScoreRun | undefined {
  for (let index = shown.length - 1; index >= 0; index -= 1) {
    const run = shown[index]!;
    if (run.firstSeen <= time) return time <= run.heldUntil ? run : undefined;
  }
  return undefined;
}
