import type { RecommendationStore } from '../history/recommendation-store';
import type { ScoreRun } from '../history/score-runs';
import { replayChanges } from '../recommendations/change-log';
import { readForRun } from '../recommendations/describing-read';
import { explainScoreChange, type RecommendationsAtReading, type ScoreChangeExplanation } from '../recommendations/explanation';
import type { RecommendationRead } from '../recommendations/recommendation';

/**
 * Explains the move of the score between two runs from the stored change log, reading only what it needs:
 * the recommendation reads that describe each side (`readForRun`), the changes between those two reads,
 * and the whole log of just the recommendations those changes touch (their state on each side). A
 * recommendation no change touched is the same on both sides, so it adds nothing. When a side has no
 * describing read, nothing is read and the explanation's limits say why.
 */
export async function explainBetween(
  store: RecommendationStore,
  { tenantId, reads, from, to }: { tenantId: string; reads: readonly RecommendationRead[]; from: ScoreRun; to: ScoreRun },
): Promise<ScoreChangeExplanation> {
  const beforeRead = readForRun(reads, from, 'before');
  const afterRead = readForRun(reads, to, 'after');
  const scores = { scoreBefore: from.score, scoreAfter: to.score };
  if (typeof beforeRead !== 'number' || typeof afterRead !== 'number') {
    const known = (read: number | 'none' | 'gap'): RecommendationsAtReading => (typeof read === 'number' ? new Map() : read);
    return explainScoreChange({ before: known(beforeRead), after: known(afterRead), ...scores });
  }
  const [early, late] = beforeRead <= afterRead ? [beforeRead, afterRead] : [afterRead, beforeRead];
  const between = await store.recommendationChanges(tenantId, { after: early, until: late });
  const touched = [...new Set(between.map((change) => change.id))];
  const ownChanges = touched.length === 0 ? [] : await store.recommendationChangesOf(tenantId, touched);
  return explainScoreChange({ before: replayChanges(ownChanges, beforeRead), after: replayChanges(ownChanges, afterRead), ...scores });
}
