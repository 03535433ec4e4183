// What the chart and the table need of "Why did it move" and "Points to gain": loaded once the stored history is
// on screen. The panels themselves (WhyItMovedAndPointsToGain.svelte) come when they are near the screen.
import type { AppState } from '../state/app.svelte';
import type { ScoreRun } from '../history/score-runs';
import { RecommendationViews } from '../state/recommendation-views.svelte';
import type { ChartMarks } from './chart/trend-chart';

/** What the dashboard shows of recommendations once loaded: the panels' state, the chart's marks and the table's action. */
export class RecommendationPanels {
  readonly views: RecommendationViews;
  /** The history on screen and what refreshes keep. */
  readonly app: Pick<AppState, 'history' | 'keptVersion'>;

  /** The changes the trend chart marks as explained, with their words; a point chosen on it is explained. */
  chartMarks = $derived.by((): ChartMarks => {
    const explained = this.views.explained;
    const any = explained.size > 0;
    return {
      explained,
      onchoose: (run) => this.explain(run),
      description: any ? ' Changes that can be explained are marked with a triangle.' : '',
      legend: any ? '▲ A change Scoreline can explain: choose a point to see why the score moved.' : undefined,
    };
  });

  constructor(app: Pick<AppState, 'history' | 'keptVersion'>, views: RecommendationViews) {
    this.app = app;
    this.views = views;
  }

  /** Explains the change into a run against the run before it (a chart point, a table row), and brings the panel into view. */
  explain = (run: ScoreRun): void => {
    const tenantId = this.app.history.tenantId;
    if (tenantId) this.views.whyItMoved.choose(tenantId, run.firstSeen);
  };
}

/** The panels of the app's tenant on screen, reading what its refresh keeps. */
export function createRecommendationPanels(app: AppState): RecommendationPanels {
  return new RecommendationPanels(app, new RecommendationViews({ history: app.history, access: app.recommendationsAccess }));
}
