// The fixed-width table printed at the end of a run.
import { budgetMark } from './budgets.mjs';
import { median, spread } from './medians.mjs';
import { KB } from './figures.mjs';

const COLUMNS = { label: 48, value: 12, range: 19, budget: 11 };

/** @typedef {import('./figures.mjs').Figure} Figure */
/** @typedef {import('./figures.mjs').Unit} Unit */
/** @typedef {Figure & { median: number | undefined, range: { min: number, max: number } | undefined, mark: import('./budgets.mjs').BudgetMark }} Summary */

/**
 * Median, range and budget mark of each figure.
 * @param {Figure[]} figures
 * @returns {Summary[]}
 */
export function summarise(figures) {
  return figures.map((figure) => {
    const value = median(figure.samples);
    return { ...figure, median: value, range: spread(figure.samples), mark: budgetMark(figure.budget, value, figure.samples) };
  });
}

/**
 * @param {Summary[]} summaries
 * @param {{ title: string }} options
 */
export function formatTable(summaries, { title }) {
  const lines = [title, row('figure', 'median', 'min–max', 'budget', '')];
  /** @type {string | undefined} */
  let group;
  for (const summary of summaries) {
    if (group !== undefined && summary.group !== group) lines.push('');
    group = summary.group;
    const range = summary.range && summary.range.min !== summary.range.max ? `${formatValue(summary.range.min, summary.unit, false)}–${formatValue(summary.range.max, summary.unit)}` : '';
    lines.push(row(summary.label, formatValue(summary.median, summary.unit), range, formatBudget(summary.budget, summary.unit), summary.mark));
  }
  return lines.join('\n');
}

/**
 * @param {string} label
 * @param {string} value
 * @param {string} range
 * @param {string} budget
 * @param {string} mark
 */
function row(label, value, range, budget, mark) {
  /** @param {string} text @param {number} width */
  const fit = (text, width) => (text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text).padEnd(width);
  return `${fit(label, COLUMNS.label)}${fit(value, COLUMNS.value)}${fit(range, COLUMNS.range)}${fit(budget, COLUMNS.budget)}${mark}`.trimEnd();
}

/**
 * @param {number | undefined} value
 * @param {Unit} unit
 */
export function formatValue(value, unit, withUnit = true) {
  if (value === undefined) return '—';
  /** @param {string} text */
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

/**
 * @param {import('./budgets.mjs').Budget | undefined} budget
 * @param {Unit} unit
 */
function formatBudget(budget, unit) {
  if (!budget) return '';
  /** @param {number | undefined} value */
  const tidy = (value) => formatValue(value, unit).replace(/\.0+(?=\D|$)/, '');
  if (budget.max !== undefined) return `≤ ${tidy(budget.max)}`;
  if (budget.min !== undefined) return `≥ ${tidy(budget.min)}`;
  return `= ${tidy(budget.exactly)}`;
}
