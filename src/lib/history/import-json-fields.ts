// How a JSON file of ours reads the fields every entry shares: own keys only, checked by the reading rules.
import { err, type Result } from '../util/result';
import { checkScore, checkTenantId, checkTime } from './reading-rules';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads only the document's own keys, never something inherited from Object.prototype. */
export function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function jsonTime(entry: Record<string, unknown>, key: string, now: number): Result<number, string> {
  const time = own(entry, key);
  return typeof time === 'string' ? checkTime(time, now) : err(`has no ${key} text`);
}

export function jsonScore(entry: Record<string, unknown>): Result<number, string> {
  const score = own(entry, 'score');
  return typeof score === 'number' ? checkScore(score) : err('has no numeric score');
}

export function jsonTenant(entry: Record<string, unknown>): Result<string, string> {
  const tenantId = own(entry, 'tenantId');
  return typeof tenantId === 'string' ? checkTenantId(tenantId) : err('has no tenantId text');
}

/** A number field, checked by `check` (which names the field in its reason). */
export function jsonNumber(entry: Record<string, unknown>, key: string, check: (value: number, field: string) => Result<number, string>): Result<number, string> {
  const value = own(entry, key);
  return typeof value === 'number' ? check(value, key) : err(`has no numeric ${key}`);
}

/** A text field, checked by `check`. */
export function jsonText<T extends string>(entry: Record<string, unknown>, key: string, check: (text: string) => Result<T, string>): Result<T, string> {
  const value = own(entry, key);
  return typeof value === 'string' ? check(value) : err(`has no ${key} text`);
}
