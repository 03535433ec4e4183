// Median, minimum and maximum of a figure's runs.

/**
 * @param {number[]} values
 * @returns {number | undefined} undefined when no value is finite
 */
export function median(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  const upper = /** @type {number} */ (sorted[middle]);
  return sorted.length % 2 === 1 ? upper : (/** @type {number} */ (sorted[middle - 1]) + upper) / 2;
}

/** @param {number[]} values */
export function spread(values) {
  const finite = values.filter((value) => Number.isFinite(value));
  return finite.length === 0 ? undefined : { min: Math.min(...finite), max: Math.max(...finite) };
}

/**
 * The run whose value is the median (or nearest to it): used to show that run's details.
 * @template Run
 * @param {Run[]} runs at least one
 * @param {(run: Run) => number} valueOf
 * @returns {Run}
 */
export function medianRun(runs, valueOf) {
  const [first, ...others] = runs;
  if (first === undefined) throw new Error('medianRun needs at least one run');
  const middle = median(runs.map(valueOf));
  if (middle === undefined) return first;
  return others.reduce((best, run) => (Math.abs(valueOf(run) - middle) < Math.abs(valueOf(best) - middle) ? run : best), first);
}
