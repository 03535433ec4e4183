import { untrack } from 'svelte';
import type { RangeKey } from '../history/ranges';
import type { ScoreRun } from '../history/score-runs';
import { EXPOSURE_SERIES, type SeriesId, type SeriesName } from '../history/series';
import type { SeriesStore } from '../history/series-store';
import {
  groupOverview,
  runsBySeries,
  seriesRangeStart,
  summarizeSeries,
  type GroupOverview,
  type GroupSeriesId,
  type GroupSummary,
  type SeriesSummary,
} from '../history/series-summary';

export interface SeriesDependencies {
  /** The store the history is kept in; may throw while it is not open. */
  store(): SeriesStore;
  now(): number;
}

/** What the screen shows: a tenant's series over a range. */
export interface SeriesView {
  tenantId: string | undefined;
  range: RangeKey;
}

/** What was read for a tenant and range, and the time the range was measured to. */
interface Loaded {
  tenantId: string;
  range: RangeKey;
  asOf: number;
  runs: ReadonlyMap<SeriesId, readonly ScoreRun[]>;
  names: readonly SeriesName[];
}

const NO_GROUPS: GroupOverview = { groups: [], outOfRange: [], latestRead: undefined, anyKeyedByName: false };

/**
 * The exposure score and the device groups' exposure of the tenant on screen, over the chosen range, read
 * from the store: the exposure now, its band and change; each group's name, value, band, change and
 * whether it is gone; and the group chosen to be charted.
 */
export class SeriesState {
  /** The tenant whose series are shown; undefined when no tenant is on screen. */
  tenantId = $state<string | undefined>();
  /** A tenant or range is being read; what is shown (if anything) is the previous read of the same tenant. */
  reading = $state(false);
  /** The last read failed; what is shown (if anything) is from before it. */
  failed = $state(false);
  /** The device group whose exposure is charted, if one was chosen. */
  chosen = $state<GroupSeriesId | undefined>();

  readonly #deps: SeriesDependencies;
  #loaded = $state.raw<Loaded | undefined>();
  #requests = 0;

  /** The range of what is shown (the chosen range once its read is done). */
  readonly range = $derived(this.#loaded?.range);
  /** Where the shown range starts (epoch ms); undefined for all time or when nothing is shown. */
  readonly rangeStart = $derived(this.#loaded ? seriesRangeStart(this.#loaded.range, this.#loaded.asOf) : undefined);
  /** The exposure score over the range; undefined when it has no reading there. */
  readonly exposure: SeriesSummary | undefined = $derived.by(() => {
    const loaded = this.#loaded;
    return loaded ? summarizeSeries(loaded.runs.get(EXPOSURE_SERIES) ?? [], loaded.range, loaded.asOf) : undefined;
  });
  /** The device groups over the range. */
  readonly groups: GroupOverview = $derived.by(() => {
    const loaded = this.#loaded;
    return loaded ? groupOverview(loaded.runs, loaded.names, loaded.range, loaded.asOf) : NO_GROUPS;
  });
  /** The chosen group, while it has readings in the range. */
  readonly chosenGroup: GroupSummary | undefined = $derived(this.groups.groups.find((group) => group.series === this.chosen));

  constructor(deps: SeriesDependencies) {
    this.#deps = deps;
  }

  /**
   * Reads a tenant's series over a range. Switching tenant clears the screen first, so one tenant's series
   * are never shown with another's name; of two quick reads, the later one wins.
   */
  async show({ tenantId, range }: SeriesView): Promise<void> {
    const request = ++this.#requests;
    if (tenantId !== this.tenantId) {
      this.tenantId = tenantId;
      this.#loaded = undefined;
      this.chosen = undefined;
    }
    if (!tenantId) {
      this.reading = false;
      this.failed = false;
      return;
    }
    this.reading = true;
    const asOf = this.#deps.now();
    try {
      const store = this.#deps.store();
      const since = seriesRangeStart(range, asOf);
      const [runs, names] = await Promise.all([store.seriesRuns(tenantId, since), store.seriesNames(tenantId)]);
      if (request !== this.#requests) return;
      this.#loaded = { tenantId, range, asOf, runs: runsBySeries(runs), names };
      this.failed = false;
    } catch {
      if (request !== this.#requests) return;
      this.failed = true;
    }
    this.reading = false;
  }

  /**
   * Keeps the series in step with what the screen shows: reads again whenever anything `view` reads changes
   * (the tenant, the range, a count of kept refreshes…). Returns the function that stops it.
   */
  follow(view: () => SeriesView): () => void {
    return $effect.root(() => {
      $effect(() => {
        const shown = view();
        untrack(() => void this.show(shown));
      });
    });
  }

  /** Charts a group's exposure (undefined: none). */
  choose(series: GroupSeriesId | undefined): void {
    this.chosen = series;
  }
}

/** What the series on screen follow: the history on screen, the range and the count of kept refreshes (AppState has them). */
export interface SeriesScreen {
  readonly history: {
    readonly tenantId: string | undefined;
    readonly store: SeriesStore;
    /** Replaced whenever the history on screen is read again: after an import, or another tab's refresh. */
    readonly runs: readonly unknown[];
  };
  readonly range: RangeKey;
  /** Grows whenever this tab's refresh keeps exposure or groups. */
  readonly keptVersion: number;
}

const following = new WeakMap<SeriesScreen, SeriesState>();

/**
 * The series of a screen (the app): created on first use, which comes after the history has painted, and
 * from then on read again whenever the tenant or the range changes, a refresh keeps new values, or the
 * history on screen is read again (an import, another tab).
 */
export function seriesOf(screen: SeriesScreen, now: () => number = Date.now): SeriesState {
  let series = following.get(screen);
  if (!series) {
    series = new SeriesState({ store: () => screen.history.store, now });
    series.follow(() => {
      void screen.keptVersion;
      void screen.history.runs;
      return { tenantId: screen.history.tenantId, range: screen.range };
    });
    following.set(screen, series);
  }
  return series;
}
