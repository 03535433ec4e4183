// Median, minimum and maximum of a figure's runs.

export function median(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function spread(values) {
  const finite = values.filter((value) => Number.isFinite(value));
  return finite.length === 0 ? undefined : { min: Math.min(...finite), max: Math.max(...finite) };
}

/** The run whose value is the median (or nearest to it): used to show that run's details. */
export function medianRun(runs, valueOf) {
  const middle = median(runs.map(valueOf));
  return runs.reduce((best, run) => (Math.abs(valueOf(run) - middle) < Math.abs(valueOf(best) - middle) ? run : best), runs[0]);
}
