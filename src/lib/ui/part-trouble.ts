import type { PartProblem } from '../state/refresh-parts';
import { apiFailureNotice, authFailureNotice } from './notices';

/** Why the last refresh could not read one part of the page (the exposure score, the device groups), in words. */
export interface PartTrouble {
  title: string;
  body: string;
}

/**
 * The failure of one part of a refresh, said on that part: what happened and what to do, as the score's
 * notice says it, and that the values shown are the last ones kept (nothing stored is lost).
 */
export function partTrouble(problem: PartProblem, what: string, now: number): PartTrouble {
  const notice = problem.source === 'api' ? apiFailureNotice(problem.failure, now) : authFailureNotice(problem.failure, undefined);
  return {
    title: `The ${what} could not be read: ${lowerFirst(notice.title)}`,
    body: `${notice.body} The values shown are the last ones kept; the device score is not affected.`,
  };
}

function lowerFirst(text: string): string {
  return text.length > 1 && text[1] === text[1]?.toLowerCase() ? text[0]!.toLowerCase() + text.slice(1) : text;
}
