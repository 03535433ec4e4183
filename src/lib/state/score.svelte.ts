import type { ApiFailure } from '../defender/api-failure';
import type { AuthFailure } from '../auth/auth-failure';
import type { ScoreDependencies } from './refresh-dependencies';
import type { PartProblem, RefreshPart } from './refresh-parts';
import type { RefreshTarget } from './refresh-run';

export type { ScoreDependencies, ThrottleStore, TokenRequest } from './refresh-dependencies';
export type { PartProblem, RefreshPart } from './refresh-parts';

/** Why the last refresh of a tenant failed; shown only while that tenant is on screen. */
export type RefreshProblem = { tenantId: string } & ({ source: 'api'; failure: ApiFailure } | { source: 'auth'; failure: AuthFailure });

type PartProblems = Partial<Record<RefreshPart, PartProblem>>;

/**
 * Takes new readings, one refresh at a time, and holds what they said: busy, the page's problem, each part's
 * problem and Retry-After deadline, the recommendations choice. The work of a refresh (token → API → history)
 * is RefreshRun's, loaded with the first refresh.
 */
export class ScoreState {
  busy = $state(false);
  /** The refresh as a whole (offline, sign-in) or the device score failed: the page's main notice. */
  problem = $state.raw<RefreshProblem | undefined>();
  /** Per tenant and part: why that part of the last refresh failed. */
  #partProblems = $state.raw<Record<string, PartProblems>>({});
  /** Per tenant and part: no call may reach that endpoint before this time (epoch ms), whatever the user clicks. */
  #deadlines = $state<Record<string, Partial<Record<RefreshPart, number>>>>({});
  /** Per tenant: whether the user chose to see recommendations, once known. */
  #optedIn = $state<Record<string, boolean>>({});
  /** Per tenant: when a token with the recommendations scope was refused for want of consent (asked again only when due). */
  #consentRefusedAt: Record<string, number> = {};

  #inFlight: { tenantId: string; done: Promise<void> } | undefined;
  readonly #deps: ScoreDependencies;
  readonly #target: RefreshTarget;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(deps: ScoreDependencies) {
    this.#deps = deps;
    this.#sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = deps.now ?? Date.now;
    this.#target = this.#targetFor(deps);
  }

  /**
   * One refresh at a time: a second click for the same tenant joins the one running; a refresh for
   * another tenant (after switching) waits for it, then runs.
   */
  refresh(options: { interactive?: boolean } = {}): Promise<void> {
    const tenantId = this.#deps.tenantId();
    if (!tenantId) return Promise.resolve();
    if (this.#inFlight?.tenantId === tenantId) return this.#inFlight.done;
    // A failed refresh must not keep the next one from running.
    const previous = (this.#inFlight?.done ?? Promise.resolve()).catch(() => undefined);
    const done = previous
      .then(() => this.#refresh(tenantId, options.interactive ?? false))
      .finally(() => {
        if (this.#inFlight?.done === done) {
          this.#inFlight = undefined;
          this.busy = false;
        }
      });
    this.#inFlight = { tenantId, done };
    return done;
  }

  /** The time before which a part (the device score unless named) makes no call for this tenant. */
  throttledUntil(tenantId: string | undefined, part: RefreshPart = 'score'): number | undefined {
    return tenantId ? this.#deadlines[tenantId]?.[part] : undefined;
  }

  /** Why a part of this tenant's last refresh failed, if it did. */
  problemOf(tenantId: string | undefined, part: RefreshPart): PartProblem | undefined {
    return tenantId ? this.#partProblems[tenantId]?.[part] : undefined;
  }

  /** Whether the user chose to see this tenant's recommendations; undefined until known. */
  recommendationsChosen(tenantId: string | undefined): boolean | undefined {
    return tenantId ? this.#optedIn[tenantId] : undefined;
  }

  /**
   * The user chose to see recommendations: remembered for the tenant, then the permission is asked for.
   * When a token with it is to be had silently the recommendations are read at once; otherwise the page
   * leaves for Entra ID to consent (or to ask an administrator) and comes back.
   */
  async enableRecommendations(): Promise<void> {
    const tenantId = this.#deps.tenantId();
    if (!tenantId || !this.#deps.recommendationsOptIn) return;
    await this.#deps.recommendationsOptIn.save(tenantId, true);
    this.#optedIn[tenantId] = true;
    delete this.#consentRefusedAt[tenantId];
    this.#setPartProblem(tenantId, 'recommendations', undefined);
    const asked = await this.#deps.requestRecommendationsPermission?.(tenantId);
    if (asked && !asked.ok) return this.#setPartProblem(tenantId, 'recommendations', { source: 'auth', failure: asked.error });
    if (asked?.value === 'redirecting') return;
    // A refresh planned before the choice would not read them: wait for it, then refresh.
    await this.#inFlight?.done.catch(() => undefined);
    await this.refresh({ interactive: true });
  }

  /** The user no longer wants this tenant's recommendations: they are not read again until chosen again. */
  async disableRecommendations(): Promise<void> {
    const tenantId = this.#deps.tenantId();
    if (!tenantId || !this.#deps.recommendationsOptIn) return;
    await this.#deps.recommendationsOptIn.save(tenantId, false);
    this.#optedIn[tenantId] = false;
    this.#setPartProblem(tenantId, 'recommendations', undefined);
  }

  dismissProblem(): void {
    this.problem = undefined;
  }

  dismissPartProblem(tenantId: string, part: RefreshPart): void {
    this.#setPartProblem(tenantId, part, undefined);
  }

  async #refresh(tenantId: string, interactive: boolean): Promise<void> {
    if (this.#deps.isOnline && !this.#deps.isOnline()) {
      this.problem = { tenantId, source: 'api', failure: { kind: 'offline' } };
      return;
    }
    this.busy = true;
    try {
      // The work of a refresh is loaded with the first one, not with the stored history.
      const { RefreshRun } = await import('./refresh-run');
      await new RefreshRun(this.#target, tenantId, interactive).run();
    } catch {
      // Nothing there should throw; if something does (or its code cannot be loaded), say so rather than fail silently.
      this.problem = { tenantId, source: 'api', failure: { kind: 'unexpected' } };
    }
  }

  /** What a refresh reads and writes of this state. */
  #targetFor(deps: ScoreDependencies): RefreshTarget {
    return {
      deps,
      sleep: (ms) => this.#sleep(ms),
      now: () => this.#now(),
      problemOf: () => this.problem,
      setProblem: (problem) => (this.problem = problem),
      deadlineOf: (tenantId, part) => this.#deadlines[tenantId]?.[part],
      setDeadline: (tenantId, part, until) => this.#setDeadline(tenantId, part, until),
      setPartProblem: (tenantId, part, problem) => this.#setPartProblem(tenantId, part, problem),
      setOptedIn: (tenantId, optedIn) => (this.#optedIn[tenantId] = optedIn),
      consentRefusedAt: this.#consentRefusedAt,
    };
  }

  #setDeadline(tenantId: string, part: RefreshPart, until: number): void {
    this.#deadlines[tenantId] = { ...this.#deadlines[tenantId], [part]: until };
  }

  #setPartProblem(tenantId: string, part: RefreshPart, problem: PartProblem | undefined): void {
    const current = this.#partProblems[tenantId] ?? {};
    if (current[part] === problem) return;
    this.#partProblems = { ...this.#partProblems, [tenantId]: { ...current, [part]: problem } };
  }
}
