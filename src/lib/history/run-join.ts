import type { RunWrites } from './history-store';
import { streamKey, type Run } from './run';

/** One write of a join: a stored run to delete (it was united into another), or a run to put. */
export type RunWrite = { delete: Run; put?: never } | { put: Run; delete?: never };

interface Group {
  stored: Run[];
  incoming: Run[];
}

/**
 * Joins incoming runs into the stored runs over their spans, as joinRuns does, one group (a tenant, series and a
 * score) at a time: a long import computes its writes a group at a time between its writes, and no group
 * is sorted with another. Counts, as it goes, how many incoming runs told something new.
 */
export class RunJoin {
  /** Incoming runs that no one stored run spans (so far). */
  added = 0;
  /** Incoming runs that one stored run spans already (so far). */
  present = 0;
  /** Incoming runs whose writes have been given (so far). */
  consumed = 0;
  readonly #groups: Group[];

  constructor(stored: readonly Run[], incoming: readonly Run[]) {
    // Nested maps rather than a text key per run: 100,000 runs are grouped without building 100,000 strings.
    const byTenant = new Map<string, Map<number, Group>>();
    const groupOf = (run: Run) => {
      const stream = streamKey(run);
      let byScore = byTenant.get(stream);
      if (!byScore) byTenant.set(stream, (byScore = new Map()));
      let group = byScore.get(run.score);
      if (!group) byScore.set(run.score, (group = { stored: [], incoming: [] }));
      return group;
    };
    for (const run of stored) groupOf(run).stored.push(run);
    for (const run of incoming) groupOf(run).incoming.push(run);
    this.#groups = [...byTenant.values()].flatMap((byScore) => [...byScore.values()]);
  }

  /** The deletes and puts that leave the store holding the joined runs, group by group. */
  *writes(): Generator<RunWrite, void, undefined> {
    for (const group of this.#groups) {
      yield* this.#joinGroup(group);
    }
  }

  *#joinGroup({ stored, incoming }: Group): Generator<RunWrite, void, undefined> {
    const byStart = (a: Run, b: Run) => a.firstSeen - b.firstSeen;
    stored.sort(byStart);
    incoming.sort(byStart);
    this.#count(stored, incoming);

    // A merge of the two sorted lists, uniting runs that overlap or touch.
    let current: Run | undefined;
    let absorbed: Run[] = [];
    let s = 0;
    let i = 0;
    while (s < stored.length || i < incoming.length) {
      const fromStore = i >= incoming.length || (s < stored.length && stored[s]!.firstSeen <= incoming[i]!.firstSeen);
      const run = fromStore ? stored[s++]! : incoming[i++]!;
      if (current && run.firstSeen <= current.lastSeen) {
        current.lastSeen = Math.max(current.lastSeen, run.lastSeen);
      } else {
        if (current) yield* changes(current, absorbed);
        current = { ...run };
        absorbed = [];
      }
      if (fromStore) absorbed.push(run);
      else this.consumed += 1;
    }
    if (current) yield* changes(current, absorbed);
  }

  /** An incoming run is present when the stored run that starts last at or before it spans it. */
  #count(storedByStart: readonly Run[], incomingByStart: readonly Run[]): void {
    let candidate = -1;
    for (const run of incomingByStart) {
      while (candidate + 1 < storedByStart.length && storedByStart[candidate + 1]!.firstSeen <= run.firstSeen) candidate += 1;
      const stored = storedByStart[candidate];
      if (stored && stored.lastSeen >= run.lastSeen) this.present += 1;
      else this.added += 1;
    }
  }
}

/** What makes the store hold `joined` in place of the stored runs it absorbed: nothing if it is one of them. */
function* changes(joined: Run, absorbed: readonly Run[]): Generator<RunWrite, void, undefined> {
  const [only] = absorbed;
  if (absorbed.length === 1 && only!.firstSeen === joined.firstSeen && only!.lastSeen === joined.lastSeen) return;
  // A stored run that starts where the joined one does has its key, and is replaced by the put.
  for (const run of absorbed) if (run.firstSeen !== joined.firstSeen) yield { delete: run };
  yield { put: joined };
}

/** All the writes of a join at once, and how much of `incoming` was new: for small joins and for tests. */
export function runWrites(stored: readonly Run[], incoming: readonly Run[]): RunWrites {
  const join = new RunJoin(stored, incoming);
  const writes: RunWrites = { deletes: [], puts: [], added: 0, present: 0 };
  for (const write of join.writes()) {
    if (write.delete) writes.deletes.push(write.delete);
    else writes.puts.push(write.put);
  }
  return { ...writes, added: join.added, present: join.present };
}
