import * as v from 'valibot';
import { err, ok, type Result } from '../util/result';

const ListBody = v.object({
  value: v.array(v.unknown(), 'has no "value" list'),
  '@odata.nextLink': v.nullish(v.string('has a "@odata.nextLink" that is not text')),
});

/** The items of an OData list answer (`{ value: [...] }`), and the link to its next page if it names one. */
export interface ListPage {
  items: unknown[];
  nextLink: string | undefined;
}

/**
 * Reads the outer shape of an OData list answer, refusing one longer than `maxItems` before any item
 * is looked at, so a huge answer costs no validation work. `what` names the answer in the error sentence.
 */
export function parseListPage(body: unknown, what: string, maxItems: number): Result<ListPage, string> {
  const result = v.safeParse(ListBody, body);
  if (!result.success) {
    const message = result.issues[0]?.message ?? 'does not have the expected shape';
    return err(`The ${what} answer ${isJsonObject(body) ? message : 'is not a JSON object'}.`);
  }
  const { value, '@odata.nextLink': nextLink } = result.output;
  if (value.length > maxItems) return err(`The ${what} answer lists ${value.length} items, more than the ${maxItems} Scoreline reads.`);
  return ok({ items: value, nextLink: nextLink ?? undefined });
}

/** A sentence naming the item of a list answer that is wrong (counted from 1, as people count) and why. */
export function itemProblem(what: string, index: number, label: string | undefined, problem: string): string {
  const named = label ? ` (${JSON.stringify(label.slice(0, 80))})` : '';
  return `The ${what} answer's item ${index + 1}${named} ${problem}.`;
}

/** The first issue valibot found, as the words after "item N". */
export function firstIssueMessage(issues: readonly { message: string }[]): string {
  return issues[0]?.message ?? 'does not have the expected shape';
}

/** A JSON object, as opposed to an array, null or a plain value. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
