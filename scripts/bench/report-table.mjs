// The fixed-width table printed at the end of a run.
import { budgetMark } from './budgets.mjs';
import { median, spread } from './medians.mjs';
import { KB } from './figures.mjs';

const COLUMNS = { label: 48, value: 12, range: 19, budget: 11 };

/** Median, range and budget mark of each figure. */
export function summarise(figures) {
  return figures.map((figure) => {
    const value = median(figure.samples);
    return { ...figure, median: value, range: spread(figure.samples), mark: budgetMark(figure.budget, value, figure.samples) };
  });
}

export function formatTable(summaries, { title }) {
  const lines = [title, row('figure', 'median', 'min–max', 'budget', '')];
  let group;
  for (const summary of summaries) {
    if (group !== undefined && summary.group !== group) lines.push('');
    group = summary.group;
    const range = summary.range && summary.range.min !== summary.range.max ? `${formatValue(summary.range.min, summary.unit, false)}–${formatValue(summary.range.max, summary.unit)}` : '';
    lines.push(row(summary.label, formatValue(summary.median, summary.unit), range, formatBudget(summary.budget, summary.unit), summary.mark));
  }
  return lines.join('\n');
}

function row(label, value, range, budget, mark) {
  const fit = (text, width) => (text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text).padEnd(width);
  return `${fit(label, COLUMNS.label)}${fit(value, COLUMNS.value)}${fit(range, COLUMNS.range)}${fit(budget, COLUMNS.budget)}${mark}`.trimEnd();
}

export function formatValue(value, unit, withUnit = true) {
  if (value === undefined) return '—';
  const suffix = (text) => (withUnit ? ` ${text}` : '');
  switch (unit) {
    case 'KB':
      return `${(value / KB).toFixed(1)}${suffix('KB')}`;
    case 'ms':
      return `${value < 10 ? value.toFixed(1) : Math.round(value)}${suffix('ms')}`;
    case 'ratio':
      return `${value.toFixed(2)}${withUnit ? '×' : ''}`;
    default:
      return Number.isInteger(value) ? String(value) : value.toFixed(1);
  }
}

function formatBudget(budget, unit) {
  if (!budget) return '';
  const tidy = (value) => formatValue(value, unit).replace(/\.0+(?=\D|$)/, '');
  if (budget.max !== undefined) return `≤ ${tidy(budget.max)}`;
  if (budget.min !== undefined) return `≥ ${tidy(budget.min)}`;
  return `= ${tidy(budget.exactly)}`;
}
