import type { ApiFailure } from '../../defender/api-failure';
import { formatCountdown } from '../format';
import { SECURE_SCORE_PERMISSION, type SecureScoreProblem } from '../../state/secure-score.svelte';

/** A problem of Microsoft Secure Score in plain words, with what to do next. It never speaks of the device score. */
export interface SecureScoreNotice {
  title: string;
  body: string;
  /** The Graph error code and request id, for an admin asking Microsoft support. */
  facts: string[];
}

const GRANT =
  `An administrator must add the delegated Microsoft Graph permission ${SECURE_SCORE_PERMISSION} to Scoreline's app registration and grant admin consent ` +
  '(Entra admin center → App registrations → Scoreline → API permissions → Add a permission → Microsoft Graph → Delegated permissions).';
const UNTOUCHED = 'The Secure Score for Devices and the days already kept are not affected.';

export function secureScoreNotice(problem: SecureScoreProblem, now: number): SecureScoreNotice {
  if (problem.source === 'storage') {
    return { title: 'Microsoft Secure Score could not be kept', body: `This browser's storage refused the days just read. Nothing kept was changed. ${UNTOUCHED}`, facts: [] };
  }
  if (problem.source === 'auth') {
    const { failure } = problem;
    const facts = [failure.aadsts, failure.errorCode].filter((f): f is string => f !== undefined);
    if (failure.kind === 'consent-required') return { title: `The permission ${SECURE_SCORE_PERMISSION} is not granted`, body: `${GRANT} Then choose "Also track Microsoft Secure Score" again. ${UNTOUCHED}`, facts };
    if (failure.kind === 'cancelled') return { title: 'The Microsoft Graph permission was not given', body: `Nothing is read until you allow ${SECURE_SCORE_PERMISSION}. ${UNTOUCHED}`, facts };
    return { title: 'No Microsoft Graph sign-in', body: `Scoreline could not get a Microsoft Graph token (${failure.kind}). Choose "Refresh Microsoft Secure Score" to try again; it may ask you to sign in. ${UNTOUCHED}`, facts };
  }
  return graphNotice(problem.failure, now);
}

function graphNotice(failure: ApiFailure, now: number): SecureScoreNotice {
  const facts = 'detail' in failure && failure.detail ? [failure.detail.code, failure.detail.target].filter((f): f is string => Boolean(f)) : [];
  switch (failure.kind) {
    case 'offline':
      return { title: 'You are offline', body: `Microsoft Secure Score is read when you are back online. ${UNTOUCHED}`, facts };
    case 'unreachable':
      return { title: 'Microsoft Graph could not be reached', body: `No answer came from ${failure.host}. Check the connection and try again. ${UNTOUCHED}`, facts };
    case 'timeout':
      return { title: 'Microsoft Graph did not answer in time', body: `No answer from ${failure.host} within ${Math.round(failure.afterMs / 1000)} seconds. Nothing was kept; try again in a moment. ${UNTOUCHED}`, facts };
    case 'unauthorized':
      return { title: 'Microsoft Graph refused the sign-in', body: `Graph answered 401. Sign in again, then choose "Refresh Microsoft Secure Score". ${UNTOUCHED}`, facts };
    case 'forbidden':
      return { title: `Microsoft Graph needs the permission ${SECURE_SCORE_PERMISSION}`, body: `Graph answered 403. ${GRANT} ${UNTOUCHED}`, facts };
    case 'throttled':
      return { title: 'Microsoft Graph asked to wait', body: `Too many requests (429). The next read is allowed in ${formatCountdown(Math.max(0, failure.retryAt - now))}; Scoreline will not ask before then. ${UNTOUCHED}`, facts };
    case 'server':
      return { title: 'Microsoft Graph had a problem', body: `Graph answered ${failure.status}. Nothing was kept; try again later. ${UNTOUCHED}`, facts };
    case 'not-found':
    case 'http':
      return { title: 'Microsoft Graph refused the request', body: `Graph answered ${failure.kind === 'http' ? failure.status : 404}. Check graphBaseUrl in config.json. ${UNTOUCHED}`, facts };
    case 'invalid-response':
      return { title: 'Microsoft Graph gave an answer Scoreline cannot read', body: `${failure.reason} Nothing was kept. ${UNTOUCHED}`, facts };
    case 'unexpected':
      return { title: 'Something went wrong reading Microsoft Secure Score', body: `Reload the page and try again. ${UNTOUCHED}`, facts };
  }
}
