import { describe, expect, it } from 'vitest';
import { recommendationChanges, replayChanges } from '../../src/lib/recommendations/change-log';
import { readForRun } from '../../src/lib/recommendations/describing-read';
import { explainScoreChange, type RecommendationsAtReading } from '../../src/lib/recommendations/explanation';
import type { Recommendation, RecommendationChange, RecommendationRead } from '../../src/lib/recommendations/recommendation';
import { scoreRuns, type ScoreRun } from '../../src/lib/history/score-runs';
import type { Run } from '../../src/lib/history/run';

const TENANT = '11111111-1111-4111-8111-111111111111';
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const at = (hour: number) => T0 + hour * HOUR;

const firewall: Recommendation = {
  id: 'sca-_-scid-2070',
  name: 'Turn on Microsoft Defender Firewall',
  category: 'Network',
  subCategory: 'Firewall',
  remediationType: 'ConfigurationChange',
  status: 'Active',
  configScoreImpact: 9.3,
  exposureImpact: 1.12,
  exposedMachines: 12,
  totalMachines: 240,
};
const smb: Recommendation = { ...firewall, id: 'sca-_-scid-2011', name: 'Disable SMBv1', category: 'OS', configScoreImpact: 2.6, exposureImpact: 0.8, exposedMachines: 7 };

/** A tenant kept as the app keeps it: score runs, recommendation reads, and the change log of those reads. */
function kept(readsAt: [number, Recommendation[]][], stored: Run[]) {
  const log: RecommendationChange[] = [];
  const reads: RecommendationRead[] = [];
  for (const [hour, snapshot] of readsAt) {
    log.push(...recommendationChanges(TENANT, at(hour), replayChanges(log), snapshot));
    reads.push({ tenantId: TENANT, time: at(hour), count: snapshot.length });
  }
  return { log, reads, runs: scoreRuns(stored) };
}

/** What the page shows for the move into run `index`: the explanation of the two runs' describing reads. */
function explainMove({ log, reads, runs }: ReturnType<typeof kept>, index: number) {
  const [from, to] = [runs[index - 1]!, runs[index]!];
  const side = (run: ScoreRun, which: 'before' | 'after'): RecommendationsAtReading => {
    const read = readForRun(reads, run, which);
    return typeof read === 'number' ? replayChanges(log, read) : read;
  };
  return explainScoreChange({ before: side(from, 'before'), after: side(to, 'after'), scoreBefore: from.score, scoreAfter: to.score });
}

describe('explaining a move from the kept change log', () => {
  const fixedOnFour = { ...firewall, exposedMachines: 8, configScoreImpact: 6.2 };
  const stored: Run[] = [
    { tenantId: TENANT, firstSeen: at(0), lastSeen: at(10), score: 300 },
    { tenantId: TENANT, firstSeen: at(11), lastSeen: at(20), score: 303.1 },
    { tenantId: TENANT, firstSeen: at(21), lastSeen: at(30), score: 300.5 },
  ];

  it('names the recommendation fixed between two refreshes, with its points', () => {
    const tenant = kept([[0, [firewall, smb]], [8, [firewall, smb]], [11, [fixedOnFour, smb]], [21, [fixedOnFour, { ...smb, status: 'Exception' }, { ...firewall, id: 'sca-_-scid-1', name: 'New check', configScoreImpact: 5.2 }]]], stored);
    const explanation = explainMove(tenant, 1);
    expect(explanation.items).toMatchObject([{ id: firewall.id, kind: 'fixed', devices: 4 }]);
    expect(explanation.explained).toBeCloseTo(3.1, 10);
    expect(explanation.limits).toEqual([]);

    const next = explainMove(tenant, 2);
    expect(next.items.map((i) => [i.name, i.kind])).toEqual([
      ['New check', 'new'],
      ['Disable SMBv1', 'exception'],
    ]);
    expect(next.explained).toBeCloseTo(-2.6, 10);
    expect(next.limits).toEqual([]);
  });

  it('says the first move predates the recommendations kept', () => {
    const tenant = kept([[12, [fixedOnFour, smb]]], stored);
    expect(explainMove(tenant, 1).limits).toEqual([{ kind: 'no-recommendations-before' }]);
  });

  it('says where no read describes a run', () => {
    const tenant = kept([[0, [firewall, smb]], [21, [fixedOnFour, smb]]], stored);
    expect(explainMove(tenant, 1).limits).toEqual([{ kind: 'gap', side: 'after' }]);
  });
});
