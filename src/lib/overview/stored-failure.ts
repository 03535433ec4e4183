import type { ApiErrorDetail, ApiFailure } from '../defender/api-failure';
import type { AuthFailure, AuthFailureKind } from '../auth/auth-failure';
import type { RefreshFailure } from './refresh-all';

/**
 * A tenant's last failed refresh as kept beside the readings (so the overview can say "failed: why" after a
 * reload), and read back: what storage holds is outside input like a file, so only a well-formed failure is used.
 */
export function storedFailureText(failure: RefreshFailure): string {
  return JSON.stringify(failure);
}

const AUTH_KINDS: readonly AuthFailureKind[] = ['cancelled', 'interaction-in-progress', 'consent-required', 'wrong-tenant', 'sign-in-expired', 'window-blocked', 'network', 'unknown'];
const DETAIL_KINDS = ['unauthorized', 'forbidden', 'not-found'] as const;
const STATUS_KINDS = ['server', 'http'] as const;

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= 2_000;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const optionalText = (value: unknown): string | undefined => (isText(value) ? value : undefined);

/** The failure a stored text holds, or undefined when it is not one (another version's, or damaged). */
export function parseStoredFailure(text: string | undefined): RefreshFailure | undefined {
  let value: unknown;
  try {
    value = text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value) || !isObject(value.failure)) return undefined;
  if (value.source === 'auth') {
    const auth = authFailure(value.failure);
    return auth && { source: 'auth', failure: auth };
  }
  if (value.source === 'api') {
    const api = apiFailure(value.failure);
    return api && { source: 'api', failure: api };
  }
  return undefined;
}

function authFailure(f: Fields): AuthFailure | undefined {
  if (!AUTH_KINDS.includes(f.kind as AuthFailureKind) || !isText(f.errorCode)) return undefined;
  const permission = optionalText(f.permission);
  return { kind: f.kind as AuthFailureKind, errorCode: f.errorCode, aadsts: optionalText(f.aadsts), ...(permission === undefined ? {} : { permission }) };
}

function detail(value: unknown): ApiErrorDetail | undefined {
  if (!isObject(value) || !isText(value.code) || !isText(value.message)) return undefined;
  return { code: value.code, message: value.message, target: optionalText(value.target) };
}

function apiFailure(f: Fields): ApiFailure | undefined {
  const kind = f.kind;
  if (kind === 'offline' || kind === 'unexpected') return { kind };
  if (kind === 'unreachable' && isText(f.host)) return { kind, host: f.host };
  if (kind === 'timeout' && isText(f.host) && isNumber(f.afterMs)) return { kind, host: f.host, afterMs: f.afterMs };
  if (kind === 'invalid-response' && isText(f.reason)) return { kind, reason: f.reason };
  if (kind === 'throttled' && isNumber(f.retryAt)) return { kind, retryAt: f.retryAt, detail: detail(f.detail) };
  const detailKind = DETAIL_KINDS.find((k) => k === kind);
  if (detailKind) return { kind: detailKind, detail: detail(f.detail) };
  const statusKind = STATUS_KINDS.find((k) => k === kind);
  if (statusKind && isNumber(f.status)) return { kind: statusKind, status: f.status, detail: detail(f.detail) };
  return undefined;
}
