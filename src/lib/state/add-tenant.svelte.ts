import type { AuthFailure } from '../auth/auth-failure';
import type { AddTenantResult } from '../auth/msal-auth';
import { parseTenantReference, tenantSegment, type TenantReference, type TenantReferenceProblem } from '../auth/tenant-reference';

export interface AddTenantDependencies {
  /** Gets the tenant's first token with the signed-in account, silently, and shows it once added. */
  add(reference: TenantReference, label: string): Promise<AddTenantResult>;
  /** Leaves for Entra's sign-in to the tenant (on the user's click). */
  signIn(reference: TenantReference, label: string): Promise<void>;
}

/** What the "Add a tenant" form shows: a typing problem, a refusal from Entra, or the tenant just added. */
export type AddTenantView =
  | { kind: 'editing' }
  | { kind: 'invalid'; problem: TenantReferenceProblem }
  | { kind: 'adding'; tenant: string }
  | { kind: 'refused'; tenant: string; failure: AuthFailure }
  | { kind: 'added'; tenant: string }
  | { kind: 'leaving'; tenant: string };

/** Adding a customer tenant by its id or a verified domain: silently first, Entra's sign-in only on a click. */
export class AddTenantState {
  text = $state('');
  view = $state.raw<AddTenantView>({ kind: 'editing' });
  readonly #deps: AddTenantDependencies;
  #refused: TenantReference | undefined;

  constructor(deps: AddTenantDependencies) {
    this.#deps = deps;
  }

  get busy(): boolean {
    return this.view.kind === 'adding' || this.view.kind === 'leaving';
  }

  async add(): Promise<void> {
    if (this.busy) return;
    const parsed = parseTenantReference(this.text);
    if (!parsed.ok) {
      this.view = { kind: 'invalid', problem: parsed.error };
      return;
    }
    const tenant = tenantSegment(parsed.value);
    this.view = { kind: 'adding', tenant };
    const result = await this.#deps.add(parsed.value, tenant);
    if (result.kind === 'added') {
      this.view = { kind: 'added', tenant };
      this.text = '';
    } else if (result.kind === 'failed') {
      this.#refused = parsed.value;
      this.view = { kind: 'refused', tenant, failure: result.failure };
    } else this.view = { kind: 'leaving', tenant };
  }

  /** The sign-in Entra asked for, to the tenant that was just refused. */
  async signIn(): Promise<void> {
    const reference = this.#refused;
    if (!reference || this.view.kind !== 'refused') return;
    const tenant = tenantSegment(reference);
    this.view = { kind: 'leaving', tenant };
    await this.#deps.signIn(reference, tenant);
  }

  edited(): void {
    if (this.view.kind === 'invalid' || this.view.kind === 'added') this.view = { kind: 'editing' };
  }
}
