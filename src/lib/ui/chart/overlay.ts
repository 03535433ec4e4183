import type { Chart, Plugin } from 'chart.js';
import { formatPoints } from '../format';

/** What is drawn over a trend: the goal line, and the readings that fired an alert. */
export interface ChartOverlay {
  /** The goal's target score: a dashed line across the chart. */
  goal?: number | undefined;
  /** The readings that fired an alert (time and score): each a mark in the danger colour. */
  marks: readonly { time: number; value: number }[];
}

export const NO_OVERLAY: ChartOverlay = { marks: [] };

const overlays = new WeakMap<Chart, ChartOverlay>();

/** Sets what is drawn over a chart (drawn at its next update). */
export function setChartOverlay(chart: Chart, overlay: ChartOverlay): void {
  overlays.set(chart, overlay);
}

const MARK_SIZE = 7;

/** Draws the goal line and the alert marks over the line, and keeps the goal inside the y axis. */
export const overlayPlugin: Plugin<'line'> = {
  id: 'scorelineOverlay',
  afterDataLimits(chart, { scale }) {
    const goal = overlays.get(chart)?.goal;
    if (goal === undefined || scale.id !== 'y' || !Number.isFinite(scale.min) || !Number.isFinite(scale.max)) return;
    scale.min = Math.min(scale.min, goal);
    scale.max = Math.max(scale.max, goal);
  },
  afterDatasetsDraw(chart) {
    const overlay = overlays.get(chart);
    const { x, y } = chart.scales;
    if (!overlay || !x || !y) return;
    const { ctx, chartArea } = chart;
    const style = getComputedStyle(chart.canvas);
    const colour = (name: string) => style.getPropertyValue(name).trim() || '#888';
    ctx.save();
    if (overlay.goal !== undefined) {
      const top = y.getPixelForValue(overlay.goal);
      ctx.strokeStyle = colour('--good');
      ctx.fillStyle = colour('--good');
      ctx.lineWidth = 1.5;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(chartArea.left, top);
      ctx.lineTo(chartArea.right, top);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.font = `600 12px ${style.fontFamily}`;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      ctx.fillText(`Goal ${formatPoints(overlay.goal)}`, chartArea.right - 4, top - 3);
    }
    ctx.fillStyle = colour('--danger');
    ctx.strokeStyle = colour('--surface');
    ctx.lineWidth = 1.5;
    for (const mark of overlay.marks) {
      const left = x.getPixelForValue(mark.time);
      const top = y.getPixelForValue(mark.value);
      if (left < chartArea.left || left > chartArea.right) continue;
      // A triangle pointing down at the reading: the score fell there.
      ctx.beginPath();
      ctx.moveTo(left, top - 2);
      ctx.lineTo(left - MARK_SIZE, top - 2 - MARK_SIZE * 1.6);
      ctx.lineTo(left + MARK_SIZE, top - 2 - MARK_SIZE * 1.6);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    }
    ctx.restore();
  },
};
