import type { ExplanationItem, ExplanationLimit, ScoreChangeExplanation } from '../recommendations/explanation';
import { READ_TOLERANCE_MS } from '../recommendations/describing-read';
import { RECOMMENDATIONS_MIN_INTERVAL_MS } from '../state/refresh-parts';
import { formatDuration } from './format';
import { categoryLabel, formatDevices, formatRecommendations, formatSignedTenths } from './recommendation-words';

/** What happened to one recommendation between the two readings, in words: "Fixed on 4 devices". */
export function whatChanged(item: Pick<ExplanationItem, 'kind' | 'devices'>): string {
  const devices = item.devices ?? 0;
  switch (item.kind) {
    case 'fixed':
      return `Fixed on ${formatDevices(devices)}`;
    case 'regressed':
      return `Regressed on ${formatDevices(devices)}`;
    case 'new':
      return `New recommendation, exposed on ${formatDevices(devices)}`;
    case 'resolved':
      return 'Resolved: no longer listed';
    case 'exception':
      return 'Moved to exception';
    case 'exception-ended':
      return `No longer an exception, exposed on ${formatDevices(devices)}`;
    case 'reweighted':
      return 'Re-weighted by Microsoft';
    case 'devices-changed':
      return devices >= 0 ? `${formatDevices(devices)} added to the assessment` : `${formatDevices(-devices)} left the assessment`;
  }
}

/** One line of the list: the recommendation's name (text from the API), its category, what changed and its points. */
export interface ExplanationLine {
  id: string;
  name: string;
  detail: string;
  points: string;
  /** For screen readers: "adds 3.1 points", "takes 2.0 points off", "no effect on the score". */
  pointsInWords: string;
  direction: 'up' | 'down' | 'none';
}

export function explanationLine(item: ExplanationItem): ExplanationLine {
  const points = formatSignedTenths(item.points);
  const direction = points.startsWith('+') ? 'up' : points.startsWith('±') ? 'none' : 'down';
  const size = points.slice(1);
  const pointsInWords = direction === 'up' ? `adds ${size} points` : direction === 'down' ? `takes ${size} points off` : 'no effect on the score';
  const category = item.category.trim() ? `${categoryLabel(item.category)} · ` : '';
  return { id: item.id, name: item.name, detail: `${category}${whatChanged(item)}`, points, pointsInWords, direction };
}

/** "Explains +14.2 of +15.0 points". */
export function explainsLine(explanation: Pick<ScoreChangeExplanation, 'explained' | 'change'>): string {
  return `Explains ${formatSignedTenths(explanation.explained)} of ${formatSignedTenths(explanation.change)} points`;
}

/** What the words of the limits need to know besides the limits. */
export interface LimitContext {
  /** The name of each recommendation by id (for re-weighted ones). */
  names: ReadonlyMap<string, string>;
  /** Whether any recommendations were ever read for the tenant (if not, the way to start keeping them is named). */
  keptAny: boolean;
  /** The later reading is the latest and recent: a read still to come can describe it. */
  awaitingRead: boolean;
}

/** Each limit of an explanation as a sentence, so the page says what the data cannot tell instead of guessing. */
export function limitSentences(limits: readonly ExplanationLimit[], context: LimitContext): string[] {
  return limits.map((limit) => limitSentence(limit, context));
}

function limitSentence(limit: ExplanationLimit, { names, keptAny, awaitingRead }: LimitContext): string {
  switch (limit.kind) {
    case 'no-recommendations-before':
      return keptAny
        ? 'The earlier reading is from before Scoreline kept recommendations for this tenant, so it cannot say what changed.'
        : 'Scoreline has kept no recommendations for this tenant yet, so it cannot say what changed. Choose "Show recommendations" under Points to gain, and changes from then on can be explained.';
    case 'gap':
      if (limit.side === 'after' && awaitingRead) {
        return `Recommendations have not been read since this reading. A refresh reads them at most every ${formatDuration(RECOMMENDATIONS_MIN_INTERVAL_MS)}; once it has, this change is explained here.`;
      }
      return `No recommendations were read within ${formatDuration(READ_TOLERANCE_MS)} of the ${limit.side === 'before' ? 'earlier' : 'later'} reading, so Scoreline does not guess what changed.`;
    case 'reweighted': {
      const listed = limit.ids.map((id) => names.get(id) ?? id);
      const which = listed.length === 1 ? `"${listed[0]}"` : `${formatRecommendations(listed.length)} (${listed.map((name) => `"${name}"`).join(', ')})`;
      return `Microsoft re-weighted ${which}: ${listed.length === 1 ? 'its' : 'their'} points moved with no change on your devices.`;
    }
    case 'partly':
      return `${formatSignedTenths(limit.unexplained)} points are not explained by the recommendations Scoreline read: Microsoft may have changed something it does not list, or the score moved between the reads.`;
  }
}
