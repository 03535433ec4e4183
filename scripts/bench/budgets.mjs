// Whether a figure is within its budget. A budget is `{ max }` (≤), `{ min }` (≥) or `{ exactly }` (=);
// `everyRun: true` judges each run rather than the median (for call counts, where one stray call matters).

/** @typedef {{ max?: number, min?: number, exactly?: number, everyRun?: boolean }} Budget */
/** @typedef {'ok' | 'OVER' | 'UNDER' | ''} BudgetMark '' when the figure has no budget */

/**
 * @param {Budget | undefined} budget
 * @param {number | undefined} medianValue
 * @param {number[]} samples
 * @returns {BudgetMark}
 */
export function budgetMark(budget, medianValue, samples) {
  if (!budget || medianValue === undefined) return '';
  const values = budget.everyRun ? samples : [medianValue];
  const { max, min, exactly } = budget;
  if (max !== undefined && values.some((value) => value > max)) return 'OVER';
  if (min !== undefined && values.some((value) => value < min)) return 'UNDER';
  if (exactly !== undefined) {
    if (values.some((value) => value > exactly)) return 'OVER';
    if (values.some((value) => value < exactly)) return 'UNDER';
  }
  return 'ok';
}

/** @param {BudgetMark} mark */
export function isOutOfBudget(mark) {
  return mark === 'OVER' || mark === 'UNDER';
}
