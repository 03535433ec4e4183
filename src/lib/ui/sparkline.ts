import type { StepPoint } from './chart/step-points';

/** The drawing area of a sparkline, in SVG user units. */
export interface SparklineBox {
  width: number;
  height: number;
  /** Room left on every side, so the line and its end dot are not cut. */
  padding: number;
}

/** A sparkline ready to draw: a stepped path, and where its last value ends. */
export interface Sparkline {
  /** SVG path data: horizontal steps between values, broken where nothing was checked; '' with fewer than two points. */
  path: string;
  /** The last value's position, for a dot; undefined without points. */
  end: { x: number; y: number } | undefined;
}

/** The smallest span of values the height shows: a change of 1 on a 0–100 index should not fill it. */
const MIN_VALUE_SPAN = 10;

/**
 * Draws step points (stepPoints) between `from` and `to` (epoch ms) into a small box: each value holds
 * until the next point, as on the trend chart. The height shows the points' own values (at least a span of
 * 10, within 0–100), so a small trend is visible; the numbers are in the row beside it.
 */
export function sparkline(points: readonly StepPoint[], from: number, to: number, box: SparklineBox): Sparkline {
  const values = points.flatMap((point) => (point.y === null ? [] : [point.y]));
  if (values.length === 0) return { path: '', end: undefined };
  const [low, high] = valueWindow(Math.min(...values), Math.max(...values));
  const innerWidth = box.width - 2 * box.padding;
  const innerHeight = box.height - 2 * box.padding;
  const timeSpan = to - from;
  const xOf = (time: number) => round(box.padding + (timeSpan > 0 ? ((Math.min(Math.max(time, from), to) - from) / timeSpan) * innerWidth : innerWidth));
  const yOf = (value: number) => round(box.padding + ((high - value) / (high - low)) * innerHeight);

  const parts: string[] = [];
  let previous: { x: number; y: number } | undefined;
  let drawn = 0;
  for (const point of points) {
    if (point.y === null) {
      previous = undefined;
      continue;
    }
    const x = xOf(point.x);
    const y = yOf(point.y);
    if (previous) {
      parts.push(`H${x}`);
      if (y !== previous.y) parts.push(`V${y}`);
    } else {
      parts.push(`M${x} ${y}`);
    }
    previous = { x, y };
    drawn += 1;
  }
  const last = [...points].reverse().find((point) => point.y !== null);
  return {
    path: drawn > 1 ? parts.join('') : '',
    end: last && last.y !== null ? { x: xOf(last.x), y: yOf(last.y) } : undefined,
  };
}

/** The values the height spans: the lowest to the highest, widened to at least MIN_VALUE_SPAN around them, within 0–100 when they are. */
export function valueWindow(lowest: number, highest: number): [number, number] {
  const span = Math.max(highest - lowest, MIN_VALUE_SPAN);
  const middle = (lowest + highest) / 2;
  // min and max: rounding must never leave a value just outside.
  let low = Math.min(lowest, middle - span / 2);
  let high = Math.max(highest, middle + span / 2);
  if (low < 0 && lowest >= 0) [low, high] = [0, span];
  else if (high > 100 && highest <= 100) [low, high] = [100 - span, 100];
  return [low, high];
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
