// Chart.js with only what the trend line uses, loaded after the history is on screen.
import {
  _adapters,
  Chart,
  Decimation,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  TimeScale,
  type ChartConfiguration,
} from 'chart.js';
import { intlDateAdapter } from './intl-date-adapter';
import type { StepPoint } from './step-points';
import { overlayPlugin, setChartOverlay, type ChartOverlay } from './overlay';
import { createReadout, readoutLines, type Readout } from './readout';
import type { ScoreRun } from '../../history/score-runs';

Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Filler, Decimation);
_adapters._date.override(intlDateAdapter);

export interface ChartColours {
  line: string;
  fill: string;
  grid: string;
  text: string;
  note: string;
  background: string;
}

/** Paints the card's colour behind the chart, so a saved PNG is readable on its own. */
const opaqueBackground = {
  id: 'scorelineBackground',
  beforeDraw(chart: Chart, _args: unknown, options: { colour?: string }) {
    if (!options.colour) return;
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = options.colour;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** What the line's values are: the dataset's name, the y axis and the unit the readout names. */
export interface ValueScale {
  label: string;
  axisTitle: string;
  /** Follows each value in the readout: "441 points". */
  unit: string;
  /** Fixed bounds of the y axis (an index such as exposure, 0–100); without them the axis fits the values. */
  min?: number;
  max?: number;
}

/** The Secure Score for Devices, in points. */
export const POINTS_SCALE: ValueScale = { label: 'Secure Score for Devices', axisTitle: 'Points', unit: 'points' };

/** Changes that can be explained (by their run's start) are marked; choosing a point hands over its run. */
export interface ChartMarks {
  explained: ReadonlySet<number>;
  onchoose: ((run: ScoreRun) => void) | undefined;
  /** Said after the chart's own description: what the marks mean ('' when nothing is marked). */
  description: string;
  /** A line under the chart saying what the marks mean; undefined when nothing is marked. */
  legend: string | undefined;
}

const NO_MARKS: ChartMarks = { explained: new Set(), onchoose: undefined, description: '', legend: undefined };

export interface TrendChart {
  update(points: readonly StepPoint[], colours: ChartColours, marks?: ChartMarks): void;
  toPng(): Promise<Blob | undefined>;
  destroy(): void;
  /** Draws a goal line and alert marks over the trend. */
  setOverlay(overlay: ChartOverlay): void;
}

export function createTrendChart(
  canvas: HTMLCanvasElement,
  points: readonly StepPoint[],
  colours: ChartColours,
  scale = POINTS_SCALE,
  marks: ChartMarks = NO_MARKS,
): TrendChart {
  const readout = createReadout(canvas.parentElement ?? canvas);
  const chart = new Chart<'line', StepPoint[]>(canvas, { ...configuration(points, colours, scale, marks, readout), plugins: [opaqueBackground, overlayPlugin] });
  return {
    update(next, nextColours, nextMarks = NO_MARKS) {
      readout.hide();
      const fresh = configuration(next, nextColours, scale, nextMarks, readout);
      chart.data = fresh.data;
      chart.options = fresh.options ?? {};
      chart.update('none');
    },
    toPng() {
      return new Promise((resolve) => chart.canvas.toBlob((blob) => resolve(blob ?? undefined), 'image/png'));
    },
    destroy() {
      chart.destroy();
      readout.remove();
    },
    setOverlay(overlay) {
      setChartOverlay(chart, overlay);
      chart.update('none');
    },
  };
}

const HALF_DAY_MS = 12 * 3_600_000;

/** With one reading, or a few within minutes, a time axis would count milliseconds: show a day around them. */
function timeWindow(points: readonly StepPoint[]): { min?: number; max?: number } {
  const first = points[0]?.x;
  const last = points.at(-1)?.x;
  if (first === undefined || last === undefined || last - first >= 2 * HALF_DAY_MS) return {};
  const middle = (first + last) / 2;
  return { min: middle - HALF_DAY_MS, max: middle + HALF_DAY_MS };
}

/** The trend as steps, from the points of stepPoints. */
function configuration(points: readonly StepPoint[], colours: ChartColours, scale: ValueScale, marks: ChartMarks, readout: Readout): ChartConfiguration<'line', StepPoint[]> {
  const few = points.length < 60;
  const pointOf = (context: { raw?: unknown }) => context.raw as StepPoint | undefined;
  const hasNote = (context: { raw?: unknown }) => {
    const point = pointOf(context);
    return point?.kind === 'start' && point.notes.length > 0;
  };
  const isConfirmation = (context: { raw?: unknown }) => pointOf(context)?.kind === 'confirmed';
  const isExplained = (context: { raw?: unknown }) => {
    const point = pointOf(context);
    return point?.kind === 'start' && marks.explained.has(point.run.firstSeen);
  };
  const { onchoose } = marks;
  // A last confirmation drawn over its run's own mark (a note, an explained change) when the two nearly meet would hide it.
  const nearlyMeet = ((points.at(-1)?.x ?? 0) - (points[0]?.x ?? 0)) / 100;
  const hidesMark = (context: { raw?: unknown }) => {
    const point = pointOf(context);
    return point?.kind === 'confirmed' && point.x - point.run.firstSeen < nearlyMeet && (point.run.notes.length > 0 || marks.explained.has(point.run.firstSeen));
  };
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: scale.label,
          data: [...points],
          borderColor: colours.line,
          backgroundColor: colours.fill,
          fill: 'origin',
          borderWidth: 2,
          // Runs with a note stand out as larger diamonds in the note colour, changes that can be explained as
          // triangles; a last confirmation is a hollow dot.
          pointRadius: (context) => (hasNote(context) || isExplained(context) ? 6 : few && !hidesMark(context) ? 3 : 0),
          pointHoverRadius: (context) => (hasNote(context) || isExplained(context) ? 8 : 5),
          pointBackgroundColor: (context) => (hasNote(context) ? colours.note : isConfirmation(context) ? colours.background : colours.line),
          pointBorderColor: (context) => (hasNote(context) || isExplained(context) ? colours.background : colours.line),
          pointStyle: (context) => (hasNote(context) ? 'rectRot' : isExplained(context) ? 'triangle' : 'circle'),
          // Each score holds until the next point: 'before' keeps the previous value up to the next x.
          stepped: 'before',
          tension: 0,
          // A null point breaks the line where nothing was checked for longer than the gap limit.
          spanGaps: false,
          // Marks at the edges (the latest change, most often) are drawn whole.
          clip: 8,
        },
      ],
    },
    options: {
      parsing: false,
      normalized: true,
      animation: false,
      maintainAspectRatio: false,
      layout: { padding: { top: 4, right: 8 } },
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      // Choosing a point chooses its run (the table's "Explain" buttons do the same from the keyboard).
      onClick: onchoose
        ? (_event, elements, chart) => {
            const active = elements[0];
            const point = active && (chart.data.datasets[active.datasetIndex]?.data[active.index] as StepPoint | undefined);
            if (point && point.kind !== 'gap') onchoose(point.run);
          }
        : undefined,
      // The nearest point's time and value beside it; a pointer over an explainable chart shows it can be chosen.
      onHover: (event, elements, chart) => {
        const target = event.native?.target;
        if (onchoose && target instanceof HTMLElement) target.style.cursor = elements.length > 0 ? 'pointer' : '';
        const active = elements[0];
        const point = active && (chart.data.datasets[active.datasetIndex]?.data[active.index] as StepPoint | undefined);
        if (active && point) readout.show(readoutLines(point, scale.unit), active.element.x, active.element.y);
        else readout.hide();
      },
      plugins: {
        // Min-max keeps each pixel column's lowest and highest score (and the breaks), which steps need; LTTB would drop them.
        decimation: { enabled: true, algorithm: 'min-max' },
        // @ts-expect-error -- options of our own inline plugin
        scorelineBackground: { colour: colours.background },
      },
      scales: {
        x: {
          type: 'time',
          ...timeWindow(points),
          grid: { color: colours.grid },
          ticks: { color: colours.text, maxRotation: 0, autoSkip: true, autoSkipPadding: 16, source: 'auto' },
          border: { color: colours.grid },
        },
        y: {
          type: 'linear',
          beginAtZero: false,
          grace: '10%',
          ...(scale.min === undefined ? {} : { min: scale.min }),
          ...(scale.max === undefined ? {} : { max: scale.max }),
          grid: { color: colours.grid },
          ticks: { color: colours.text, precision: 0 },
          border: { display: false },
          title: { display: true, text: scale.axisTitle, color: colours.text },
        },
      },
    },
  };
}
