import type { ControlChange, ControlScore, FetchedDay } from './secure-score-day';

/** The controls as they stood on a day, from a log of changes (any order): the latest change on or before it. */
export function controlsOn(changes: readonly ControlChange[], day: string): Map<string, ControlChange> {
  return controlsWhere(changes, (d) => d <= day);
}

function controlsWhere(changes: readonly ControlChange[], counts: (day: string) => boolean): Map<string, ControlChange> {
  const state = new Map<string, ControlChange>();
  for (const change of changes) {
    if (!counts(change.day)) continue;
    const known = state.get(change.control);
    if (!known || known.day < change.day) state.set(change.control, change);
  }
  for (const [name, change] of state) if (change.score === null) state.delete(name);
  return state;
}

/** What keeping new days does to a log of changes only: records to write, and records that no longer change anything. */
export interface LogEdit {
  written: ControlChange[];
  removed: ControlChange[];
}

/**
 * The edit that keeps new days in a log of changes only, whatever their order and wherever they fall among the days
 * already kept. A day's controls are compared with the state before it. The first kept day after a new one gets
 * back the values it had where the new day changed them, and loses records the new day made redundant, so no kept
 * day reads differently afterwards and no record repeats the one before it.
 */
export function changesForNewDays(log: readonly ControlChange[], keptDays: readonly string[], newDays: readonly FetchedDay[]): LogEdit {
  let current = [...log];
  const kept = [...keptDays].sort();
  for (const day of [...newDays].sort((a, b) => (a.day < b.day ? -1 : 1))) {
    const nextKept = kept.find((d) => d > day.day);
    const keptThen = nextKept === undefined ? undefined : controlsOn(current, nextKept);
    const changes = dayChanges(day, controlsWhere(current, (d) => d < day.day));
    current.push(...changes);
    if (nextKept !== undefined && keptThen) {
      const atNext = (name: string) => current.find((c) => c.day === nextKept && c.control === name);
      const afterNew = controlsOn(current, day.day);
      for (const name of new Set([...keptThen.keys(), ...changes.map((c) => c.control)])) {
        const then = keptThen.get(name);
        const now = afterNew.get(name);
        const record = atNext(name);
        if ((then?.score ?? null) === (now?.score ?? null) && then?.category === now?.category) {
          if (record) current = current.filter((c) => c !== record);
        } else if (!record) {
          const about = (then ?? now) as ControlChange;
          current.push({ ...about, day: nextKept, score: then?.score ?? null });
        }
      }
    }
    kept.push(day.day);
    kept.sort();
  }
  const before = new Set(log);
  const after = new Set(current);
  return { written: current.filter((c) => !before.has(c)), removed: log.filter((c) => !after.has(c)) };
}

function dayChanges(day: FetchedDay, before: Map<string, ControlChange>): ControlChange[] {
  const changes: ControlChange[] = [];
  const listed = new Set<string>();
  for (const control of day.controls) {
    listed.add(control.name);
    const known = before.get(control.name);
    if (!known || known.score !== control.score || known.category !== control.category) changes.push(changeOf(day, control));
  }
  for (const [name, known] of before) if (!listed.has(name)) changes.push({ ...known, day: day.day, score: null });
  return changes;
}

function changeOf(day: FetchedDay, control: ControlScore): ControlChange {
  return { tenantId: day.tenantId, control: control.name, day: day.day, category: control.category, score: control.score, description: control.description };
}

/** A control whose points differ between two days, with both values (null: not listed that day). */
export interface ControlMove {
  control: string;
  category: string;
  description: string;
  from: number | null;
  to: number | null;
  change: number;
}

/** The controls that moved between two days, biggest move first: "why did it move" for this score. */
export function controlsMovedBetween(changes: readonly ControlChange[], from: string, to: string): ControlMove[] {
  const before = controlsOn(changes, from);
  const after = controlsOn(changes, to);
  const names = new Set([...before.keys(), ...after.keys()]);
  const moves: ControlMove[] = [];
  for (const name of names) {
    const a = before.get(name);
    const b = after.get(name);
    const fromScore = a?.score ?? null;
    const toScore = b?.score ?? null;
    if (fromScore === toScore) continue;
    const about = (b ?? a) as ControlChange;
    moves.push({ control: name, category: about.category, description: about.description, from: fromScore, to: toScore, change: Math.round(((toScore ?? 0) - (fromScore ?? 0)) * 100) / 100 });
  }
  return moves.sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || x.control.localeCompare(y.control));
}
