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
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { intlDateAdapter } from './intl-date-adapter';
import type { Reading } from '../../history/reading';

Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Tooltip, Filler, Decimation);
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

type Point = { x: number; y: number; note?: string };

export interface TrendChart {
  update(readings: readonly Reading[], colours: ChartColours): void;
  toPng(): Promise<Blob | undefined>;
  destroy(): void;
}

export function createTrendChart(canvas: HTMLCanvasElement, readings: readonly Reading[], colours: ChartColours): TrendChart {
  const chart = new Chart<'line', Point[]>(canvas, { ...configuration(readings, colours), plugins: [opaqueBackground] });
  return {
    update(next, nextColours) {
      const fresh = configuration(next, nextColours);
      chart.data = fresh.data;
      chart.options = fresh.options ?? {};
      chart.update('none');
    },
    toPng() {
      return new Promise((resolve) => chart.canvas.toBlob((blob) => resolve(blob ?? undefined), 'image/png'));
    },
    destroy() {
      chart.destroy();
    },
  };
}

const HALF_DAY_MS = 12 * 3_600_000;

/** With one reading, or a few within minutes, a time axis would count milliseconds: show a day around them. */
function timeWindow(readings: readonly Reading[]): { min?: number; max?: number } {
  const first = readings[0]?.time;
  const last = readings.at(-1)?.time;
  if (first === undefined || last === undefined || last - first >= 2 * HALF_DAY_MS) return {};
  const middle = (first + last) / 2;
  return { min: middle - HALF_DAY_MS, max: middle + HALF_DAY_MS };
}

function configuration(readings: readonly Reading[], colours: ChartColours): ChartConfiguration<'line', Point[]> {
  const points: Point[] = readings.map((r) => (r.note ? { x: r.time, y: r.score, note: r.note } : { x: r.time, y: r.score }));
  const few = points.length < 60;
  const hasNote = (context: { raw?: unknown }) => Boolean((context.raw as Point | undefined)?.note);
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: 'Secure Score for Devices',
          data: points,
          borderColor: colours.line,
          backgroundColor: colours.fill,
          fill: 'origin',
          borderWidth: 2,
          // Readings with a note stand out as larger marks in the note colour.
          pointRadius: (context) => (hasNote(context) ? 6 : few ? 3 : 0),
          pointHoverRadius: (context) => (hasNote(context) ? 8 : 5),
          pointBackgroundColor: (context) => (hasNote(context) ? colours.note : colours.line),
          pointBorderColor: (context) => (hasNote(context) ? colours.background : colours.line),
          pointStyle: (context) => (hasNote(context) ? 'rectRot' : 'circle'),
          tension: 0.2,
          stepped: false,
        },
      ],
    },
    options: {
      parsing: false,
      normalized: true,
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: {
        decimation: { enabled: true, algorithm: 'lttb', samples: 500, threshold: 1000 },
        tooltip: {
          callbacks: {
            label: (item) => `${item.formattedValue} points`,
            afterLabel: (item) => (item.raw as Point).note ?? '',
          },
        },
        // @ts-expect-error -- options of our own inline plugin
        scorelineBackground: { colour: colours.background },
      },
      scales: {
        x: {
          type: 'time',
          ...timeWindow(readings),
          time: { tooltipFormat: 'datetime' },
          grid: { color: colours.grid },
          ticks: { color: colours.text, maxRotation: 0, autoSkip: true, autoSkipPadding: 16, source: 'auto' },
          border: { color: colours.grid },
        },
        y: {
          type: 'linear',
          beginAtZero: false,
          grace: '10%',
          grid: { color: colours.grid },
          ticks: { color: colours.text, precision: 0 },
          border: { display: false },
          title: { display: true, text: 'Points', color: colours.text },
        },
      },
    },
  };
}
