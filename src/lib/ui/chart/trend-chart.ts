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
}

type Point = { x: number; y: number };

export interface TrendChart {
  update(readings: readonly Reading[], colours: ChartColours): void;
  destroy(): void;
}

export function createTrendChart(canvas: HTMLCanvasElement, readings: readonly Reading[], colours: ChartColours): TrendChart {
  const chart = new Chart<'line', Point[]>(canvas, configuration(readings, colours));
  return {
    update(next, nextColours) {
      const fresh = configuration(next, nextColours);
      chart.data = fresh.data;
      chart.options = fresh.options ?? {};
      chart.update('none');
    },
    destroy() {
      chart.destroy();
    },
  };
}

function configuration(readings: readonly Reading[], colours: ChartColours): ChartConfiguration<'line', Point[]> {
  const points = readings.map((r) => ({ x: r.time, y: r.score }));
  const few = points.length < 60;
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
          pointRadius: few ? 3 : 0,
          pointHoverRadius: 5,
          pointBackgroundColor: colours.line,
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
          callbacks: { label: (item) => `${item.formattedValue} points` },
        },
      },
      scales: {
        x: {
          type: 'time',
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
