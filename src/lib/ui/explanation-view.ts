import type { ScoreRun } from '../history/score-runs';
import type { ExplanationResult, RunPair } from '../state/why-it-moved.svelte';
import { describeChange, formatClock, formatDateTime, formatDay, formatDuration, formatPoints } from './format';
import { explainsLine, explanationLine, limitSentences, type ExplanationLine } from './explanation-words';
import { describeSignedTenths, formatSignedTenths } from './recommendation-words';

/** The change on screen, in words. */
export interface PairWords {
  /** "+15.0 points" */
  change: string;
  /** "up 15.0 points" */
  changeInWords: string;
  /** "from 340 points (Nov 27, 2026, 9:00 AM) to 355 points (Nov 28, 2026, 10:36 AM)" */
  span: string;
  /** Said when the score was not checked for a while before the later reading: the change happened some time in that span. */
  gapNote: string | undefined;
}

/** What "Why did it move" shows, in every state, as words and lines. */
export type WhyItMovedView =
  | { kind: 'no-change' }
  | { kind: 'loading'; pair: PairWords }
  | { kind: 'failed'; pair: PairWords }
  /** The data cannot say anything about this change: `reasons` say why. */
  | { kind: 'unexplained'; pair: PairWords; reasons: string[] }
  /**
   * What changed between the readings. `whole`: the items account for the change (within half a point) and
   * nothing was re-weighted; otherwise `reasons` say what is missing.
   */
  | { kind: 'explained'; pair: PairWords; summary: string; lines: ExplanationLine[]; reasons: string[]; whole: boolean };

export function pairWords(pair: RunPair, oneChange: boolean): PairWords {
  const change = pair.to.score - pair.from.score;
  return {
    change: `${formatSignedTenths(change)} points`,
    changeInWords: describeSignedTenths(change),
    span: `from ${moment(pair.from)} to ${moment(pair.to)}`,
    gapNote: oneChange && pair.to.afterGap ? gapNote(pair.from, pair.to) : undefined,
  };
}

function moment(run: ScoreRun): string {
  return `${formatPoints(run.score)} points (${formatDateTime(run.firstSeen)})`;
}

function gapNote(from: ScoreRun, to: ScoreRun): string {
  return `The score was not checked for ${formatDuration(to.firstSeen - from.lastSeen)} before the later reading: it changed some time in that span.`;
}

/** The view of a pair and its explanation, in words. */
export function whyItMovedView(input: {
  pair: RunPair | undefined;
  oneChange: boolean;
  result: ExplanationResult | undefined;
  /** The key the result must have to belong to this pair (a result of another pair is still loading). */
  key: string | undefined;
  keptAny: boolean;
  /** The later reading is the tenant's latest and recent: a read still to come can explain it. */
  awaitingRead: boolean;
  /** The recommendation reads could not be read from the store. */
  readsFailed: boolean;
}): WhyItMovedView {
  const { pair, result, keptAny } = input;
  if (!pair) return { kind: 'no-change' };
  const words = pairWords(pair, input.oneChange);
  if (input.readsFailed) return { kind: 'failed', pair: words };
  if (!result || result.key !== input.key || result.status === 'loading') return { kind: 'loading', pair: words };
  if (result.status === 'failed') return { kind: 'failed', pair: words };
  const { explanation } = result;
  const names = new Map(explanation.items.map((item) => [item.id, item.name]));
  const reasons = limitSentences(explanation.limits, { names, keptAny, awaitingRead: input.awaitingRead });
  const cannotSay = explanation.limits.some((limit) => limit.kind === 'no-recommendations-before' || limit.kind === 'gap');
  if (cannotSay) return { kind: 'unexplained', pair: words, reasons };
  return {
    kind: 'explained',
    pair: words,
    summary: explainsLine(explanation),
    lines: explanation.items.map(explanationLine),
    reasons,
    whole: explanation.limits.length === 0,
  };
}

/** "Nov 28 10:36 AM: up 15 points (to 355)", for a move in the list of the biggest ones (the year only when not `now`'s). */
export function moveLabel(run: ScoreRun, now: number): string {
  return `${formatDay(run.firstSeen, now)} ${formatClock(run.firstSeen)}: ${describeChange(run.change)} (to ${formatPoints(run.score)})`;
}
