// Whether a figure is within its budget. A budget is `{ max }` (≤), `{ min }` (≥) or `{ exactly }` (=);
// `everyRun: true` judges each run rather than the median (for call counts, where one stray call matters).

/** @returns {'ok' | 'OVER' | 'UNDER' | ''} '' when the figure has no budget */
export function budgetMark(budget, medianValue, samples) {
  if (!budget || medianValue === undefined) return '';
  const values = budget.everyRun ? samples : [medianValue];
  if (budget.max !== undefined && values.some((value) => value > budget.max)) return 'OVER';
  if (budget.min !== undefined && values.some((value) => value < budget.min)) return 'UNDER';
  if (budget.exactly !== undefined) {
    if (values.some((value) => value > budget.exactly)) return 'OVER';
    if (values.some((value) => value < budget.exactly)) return 'UNDER';
  }
  return 'ok';
}

export function isOutOfBudget(mark) {
  return mark === 'OVER' || mark === 'UNDER';
}
