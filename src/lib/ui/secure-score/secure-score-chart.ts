// Chart.js for Microsoft Secure Score: its own chart and its own axis (percent of the record's maximum), never the
// device score's. Loaded with the feature.
import { _adapters, Chart, LinearScale, LineController, LineElement, PointElement, TimeScale } from 'chart.js';
import { intlDateAdapter } from '../chart/intl-date-adapter';
import { createReadout } from '../chart/readout';
import type { ChartColours } from '../chart/trend-chart';
import { percentOfMax, type SecureScoreDay } from '../../secure-score/secure-score-day';

// No tooltip or legend plugin: they would grow the Chart.js every visit loads. The legend is the page's, the
// readout the device chart's.
Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale);
_adapters._date.override(intlDateAdapter);

type Point = { x: number; y: number | null };
const DAY_MS = 86_400_000;
const dayTime = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The three lines, one point a day, broken (a null point) where days are missing or a comparison is unknown. */
export function secureScoreLines(days: readonly SecureScoreDay[]): { score: Point[]; allTenants: Point[]; similarSize: Point[] } {
  const lines = { score: [] as Point[], allTenants: [] as Point[], similarSize: [] as Point[] };
  let previous: number | undefined;
  for (const day of days) {
    const x = dayTime(day.day);
    if (previous !== undefined && x - previous > DAY_MS) for (const line of Object.values(lines)) line.push({ x: previous + DAY_MS, y: null });
    lines.score.push({ x, y: round(percentOfMax(day)) });
    lines.allTenants.push({ x, y: day.allTenantsAverage });
    lines.similarSize.push({ x, y: day.similarSizeAverage });
    previous = x;
  }
  return lines;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The words the readout shows for the day at `index`: the day, then each line's value. */
export function secureScoreReadoutLines(days: readonly SecureScoreDay[], index: number): string[] {
  const day = days[index];
  if (!day) return [];
  const percent = (value: number | null) => (value === null ? 'unknown' : `${round(value)}%`);
  return [day.day, `Microsoft Secure Score: ${percent(percentOfMax(day))}`, `All tenants (average): ${percent(day.allTenantsAverage)}`, `Similar size (average): ${percent(day.similarSizeAverage)}`];
}

export function drawSecureScoreChart(canvas: HTMLCanvasElement, days: readonly SecureScoreDay[], colours: ChartColours): { chart: Chart<'line', Point[]>; destroy(): void } {
  const lines = secureScoreLines(days);
  const readout = createReadout(canvas.parentElement ?? canvas);
  const byTime = new Map(days.map((day, index) => [dayTime(day.day), index]));
  const chart = new Chart<'line', Point[]>(canvas, {
    type: 'line',
    data: {
      datasets: [
        { label: 'Microsoft Secure Score', data: lines.score, borderColor: colours.line, backgroundColor: colours.line, borderWidth: 2, pointRadius: 0, spanGaps: false },
        { label: 'All tenants (average)', data: lines.allTenants, borderColor: colours.text, backgroundColor: colours.text, borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, spanGaps: false },
        { label: 'Similar size (average)', data: lines.similarSize, borderColor: colours.note, backgroundColor: colours.note, borderDash: [2, 3], borderWidth: 1.5, pointRadius: 0, spanGaps: false },
      ],
    },
    options: {
      parsing: false,
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      onHover: (_event, elements) => {
        const active = elements[0];
        const point = active && lines.score[active.index];
        const index = point ? byTime.get(point.x) : undefined;
        if (active && index !== undefined) readout.show(secureScoreReadoutLines(days, index), active.element.x, active.element.y);
        else readout.hide();
      },
      scales: {
        x: { type: 'time', time: { unit: 'week' }, grid: { color: colours.grid }, ticks: { color: colours.text } },
        y: { min: 0, max: 100, title: { display: true, text: '% of maximum', color: colours.text }, grid: { color: colours.grid }, ticks: { color: colours.text } },
      },
    },
  });
  return {
    chart,
    destroy() {
      readout.remove();
      chart.destroy();
    },
  };
}
