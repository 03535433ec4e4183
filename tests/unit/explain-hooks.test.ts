// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import HistoryTable from '../../src/lib/ui/HistoryTable.svelte';
import TrendChart from '../../src/lib/ui/TrendChart.svelte';
import { scoreRuns } from '../../src/lib/history/score-runs';
import { historyRows } from '../../src/lib/ui/history-rows';
import { formatDateTime } from '../../src/lib/ui/format';
import { RecommendationPanels } from '../../src/lib/ui/recommendation-panels.svelte';
import { RecommendationViews } from '../../src/lib/state/recommendation-views.svelte';
import { at, fakeAccess, firewall, recordingStore, run, TENANT } from './recommendation-views-fakes';

// 300, then 315, then 315 again after a gap (no move), then 307.
const runs = scoreRuns([run(at(0), at(9), 300), run(at(10), at(20), 315), run(at(70), at(80), 315), run(at(81), at(90), 307)]);

describe('the History table’s "Explain"', () => {
  it('is offered on each change of the score, and hands over its run', async () => {
    const onexplain = vi.fn();
    render(HistoryTable, { rows: historyRows(runs), now: at(100), onexplain });
    const buttons = screen.getAllByRole('button', { name: /^Explain this change/ });
    expect(buttons.map((button) => button.getAttribute('aria-label'))).toEqual([
      `Explain this change: down 8 points on ${formatDateTime(at(81))}`,
      `Explain this change: up 15 points on ${formatDateTime(at(10))}`,
    ]);
    expect(buttons.every((button) => button.textContent?.trim() === 'Explain')).toBe(true);
    await fireEvent.click(buttons[1]!);
    expect(onexplain).toHaveBeenCalledWith(runs[1]);
  });

  it('is not offered without a place to show the explanation', () => {
    render(HistoryTable, { rows: historyRows(runs), now: at(100) });
    expect(screen.queryByRole('button', { name: /Explain/ })).not.toBeInTheDocument();
  });
});

describe('the trend chart’s marks for changes that can be explained', () => {
  // jsdom has no media queries; the chart itself (a canvas) is not drawn here.
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} })) as unknown as typeof window.matchMedia;

  async function panelsWith(reads: number[]) {
    const store = recordingStore();
    for (const time of reads) await store.addRecommendationRead(TENANT, time, [firewall]);
    const history = { runs, tenantId: TENANT, store, latest: runs.slice(-2) };
    const panels = new RecommendationPanels({ history: history as never, keptVersion: 0 }, new RecommendationViews({ history: history as never, access: fakeAccess({ optedIn: true }) }));
    await panels.views.recommendations.show(TENANT, 0);
    return panels;
  }

  it('are described in words and in a legend, and a chosen point explains its change', async () => {
    const panels = await panelsWith([at(0), at(10)]);
    expect([...panels.chartMarks.explained]).toEqual([at(10)]);
    render(TrendChart, { runs, marks: panels.chartMarks });
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('Changes with a note are marked with a diamond. Changes that can be explained are marked with a triangle. Every change');
    const section = screen.getByRole('region', { name: 'Trend' });
    expect(within(section).getByText('▲ A change Scoreline can explain: choose a point to see why the score moved.')).toBeInTheDocument();

    panels.chartMarks.onchoose?.(runs[1]!);
    expect(panels.views.whyItMoved.chosen).toEqual({ tenantId: TENANT, to: at(10), from: undefined });
    expect(panels.views.whyItMoved.revealed).toBe(1);
  });

  it('have no legend when nothing can be explained', async () => {
    const panels = await panelsWith([]);
    render(TrendChart, { runs, marks: panels.chartMarks });
    expect(screen.getByRole('img').getAttribute('aria-label')).not.toContain('triangle');
    expect(screen.queryByText(/A change Scoreline can explain/)).not.toBeInTheDocument();
  });
});
