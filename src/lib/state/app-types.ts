import type { AppConfig, ConfigProblem } from '../config/app-config';
import type { ApiFailure } from '../defender/api-failure';
import type { RelayTarget } from '../defender/defender-client';
import type { Result } from '../util/result';
import type { ScoreSample } from '../defender/score-response';
import type { HistoryState } from './history.svelte';
import type { SessionState } from './session.svelte';
import type { DataTransferState } from './data-transfer.svelte';
import type { ScoreDependencies } from './score.svelte';
import type { Preferences } from './preferences';
import type { MachineGroupsSample } from '../defender/machine-groups-response';
import type { RecommendationsAnswer } from '../defender/recommendations-client';
import type { Reading } from '../history/reading';

// The app's shapes: what it is given (its dependencies) and what it hands to the views and features.

/** A reading a refresh kept: the device score, or the exposure score (what alert rules judge). */
export interface KeptReading {
  series: 'score' | 'exposure';
  reading: Reading;
}

export type AppPhase = 'loading' | 'setup-needed' | 'ready';

/** Where a Defender call goes, with whose token. */
export interface DefenderCallTarget {
  apiBaseUrl: string;
  accessToken: string;
  relay: RelayTarget | undefined;
}

/** Where a notice on screen came from, so that closing it clears the right thing. */
export type DismissibleNotice = 'refresh' | 'sign-in';

/** What a notice's button asks for. */
export type NoticeAction = 'sign-in' | 'retry' | 'reload';

/** A new version of the app, deployed while this page is open: offered, never forced. */
export interface NewVersionOffer {
  readonly available: boolean;
  /** Starts watching for new versions (the service worker registers). */
  start(): Promise<void>;
  /** Reloads into the new version. */
  apply(): Promise<void>;
  dismiss(): void;
}

export interface AppDependencies {
  history: HistoryState;
  session: SessionState;
  /** Export, import and delete: a chunk of its own, loaded when first needed. */
  loadTransfer(onOthersAdded: () => void): Promise<DataTransferState>;
  update: NewVersionOffer;
  preferences: Preferences;
  loadConfig(): Promise<Result<AppConfig, ConfigProblem[]>>;
  fetchScore(call: DefenderCallTarget): Promise<Result<ScoreSample, ApiFailure>>;
  /** The calls a refresh makes after the score; without them it reads the score alone. */
  fetchExposure?(call: DefenderCallTarget): Promise<Result<ScoreSample, ApiFailure>>;
  fetchGroups?(call: DefenderCallTarget): Promise<Result<MachineGroupsSample, ApiFailure>>;
  fetchRecommendations?(call: DefenderCallTarget): Promise<Result<RecommendationsAnswer, ApiFailure>>;
  /** Resolves once the stored history has painted: MSAL, the largest chunk, waits for it. */
  afterPaint(): Promise<void>;
  /** The redirect bridge's address, for the admin-consent link. */
  redirectUri(): string;
  reloadPage(): void;
  now(): number;
  /** Runs a tenant's refresh only if no other tab is refreshing it. */
  exclusive?: ScoreDependencies['exclusive'];
  isOnline?: () => boolean;
}
