import * as v from 'valibot';
import { parseIsoInstant } from '../util/iso-time';
import { err, ok, type Result } from '../util/result';
import { firstIssueMessage, itemProblem, parseListPage } from '../defender/list-answer';
import { CATEGORIES, type Category, type ControlScore, type FetchedDay } from './secure-score-day';

/** More than Graph keeps in one page; a longer page is refused before any record is read. */
const MAX_RECORDS_PER_PAGE = 400;
const MAX_CONTROLS = 2_000;
const WHAT = 'Microsoft Secure Score';

const Points = v.pipe(v.number('is not a number'), v.finite('is not a finite number'));

const Record_ = v.object({
  azureTenantId: v.string('has no "azureTenantId"'),
  createdDateTime: v.string('has no "createdDateTime"'),
  currentScore: v.pipe(Points, v.minValue(0, 'has a negative "currentScore"')),
  maxScore: v.pipe(Points, v.minValue(0, 'has a negative "maxScore"')),
  averageComparativeScores: v.nullish(v.array(v.object({ basis: v.nullish(v.string()), averageScore: v.nullish(v.number()) }), 'has "averageComparativeScores" that is not a list')),
  controlScores: v.nullish(
    v.pipe(
      v.array(v.object({ controlName: v.string('has a control with no "controlName"'), controlCategory: v.nullish(v.string()), score: v.nullish(Points), description: v.nullish(v.string()) }), 'has "controlScores" that is not a list'),
      v.maxLength(MAX_CONTROLS, 'lists too many controls'),
    ),
  ),
});

/** One page of `GET /security/secureScores`: its days, and the link to the next page if Graph cut the list. */
export interface SecureScoresPage {
  days: FetchedDay[];
  nextLink: string | undefined;
}

/**
 * Validates a page for the tenant that asked: every record must be that tenant's, with a date, points and a
 * maximum. A comparison of -1 is Graph's "unknown" and is kept as unknown, never as zero.
 */
export function parseSecureScoresPage(body: unknown, tenantId: string): Result<SecureScoresPage, string> {
  const page = parseListPage(body, WHAT, MAX_RECORDS_PER_PAGE);
  if (!page.ok) return page;
  const days: FetchedDay[] = [];
  for (const [index, item] of page.value.items.entries()) {
    const parsed = v.safeParse(Record_, item);
    if (!parsed.success) return err(itemProblem(WHAT, index, undefined, firstIssueMessage(parsed.issues)));
    const record = parsed.output;
    const time = parseIsoInstant(record.createdDateTime);
    if (time === undefined) return err(itemProblem(WHAT, index, record.createdDateTime, 'has a "createdDateTime" that is not a date and time'));
    if (record.azureTenantId.toLowerCase() !== tenantId.toLowerCase()) return err(itemProblem(WHAT, index, record.azureTenantId, 'is another tenant\'s'));
    const controls: ControlScore[] = (record.controlScores ?? []).map((c) => ({ name: c.controlName, category: c.controlCategory ?? '', score: c.score ?? 0, description: c.description ?? '' }));
    days.push({
      tenantId,
      day: new Date(time).toISOString().slice(0, 10),
      time,
      currentScore: record.currentScore,
      maxScore: record.maxScore,
      allTenantsAverage: comparison(record.averageComparativeScores, 'AllTenants'),
      similarSizeAverage: comparison(record.averageComparativeScores, 'TotalSeats'),
      categories: categoryPoints(controls),
      controls,
    });
  }
  return ok({ days, nextLink: page.value.nextLink });
}

function comparison(scores: readonly { basis?: string | null; averageScore?: number | null }[] | null | undefined, basis: string): number | null {
  const score = scores?.find((s) => s.basis?.toLowerCase() === basis.toLowerCase())?.averageScore;
  return typeof score === 'number' && Number.isFinite(score) && score >= 0 ? score : null;
}

/** Points per category, rounded to hundredths so sums of fractions read cleanly. */
export function categoryPoints(controls: readonly Pick<ControlScore, 'category' | 'score'>[]): Record<Category, number> {
  const totals = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const control of controls) {
    const category = CATEGORIES.find((c) => c.toLowerCase() === control.category.toLowerCase());
    if (category) totals[category] += control.score;
  }
  for (const category of CATEGORIES) totals[category] = Math.round(totals[category] * 100) / 100;
  return totals;
}
