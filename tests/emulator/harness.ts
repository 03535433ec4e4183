/** One emulator per test file, reset before each test, and the calls the new endpoint tests share. */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulator } from '../../emulator/server.mjs';
import { emulatorControl, type EmulatorControl } from '../../emulator/control-client.mjs';
import { APP_ORIGIN } from '../../emulator/demo.mjs';
import { API_SCOPE, signIn } from './oauth-helpers';

export const RECOMMENDATIONS_SCOPE = 'https://api.securitycenter.microsoft.com/SecurityRecommendation.Read';
/** Both Defender permissions in one token, as the app asks once the user wants recommendations. */
export const BOTH_SCOPES = `${API_SCOPE} ${RECOMMENDATIONS_SCOPE} openid profile offline_access`;

/** A record of `GET /api/recommendations`, with the fields the tests read. */
export interface ApiRecommendation {
  id: string;
  recommendationName: string;
  recommendationCategory: string;
  subCategory: string;
  remediationType: string;
  status: string;
  configScoreImpact: number;
  exposureImpact: number;
  totalMachineCount: number;
  exposedMachinesCount: number;
  [field: string]: unknown;
}

export interface Harness {
  base: string;
  control: EmulatorControl;
  /** A GET on the Defender API as the app's page makes it. */
  api(path: string, accessToken?: string): Promise<Response>;
  /** An access token for the account, from a full sign-in asking the token endpoint for `scope`. */
  token(oid: string, scope?: string): Promise<string>;
  /** The recommendations list, read with a token that may read it. */
  recommendations(accessToken: string): Promise<ApiRecommendation[]>;
  /** A score endpoint's `score`. */
  score(path: '/api/configurationScore' | '/api/exposureScore', accessToken: string): Promise<number>;
}

/** Starts an emulator for the file's tests (port 0) and resets it before each. */
export function useEmulator(): Harness {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  const harness: Harness = {
    base: '',
    control: emulatorControl('http://localhost:1'),
    api: (path, accessToken) =>
      fetch(`${harness.base}${path}`, { headers: { Origin: APP_ORIGIN, ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}) } }),
    token: async (oid, scope = BOTH_SCOPES) => (await signIn(harness.base, oid, scope)).tokens.access_token,
    recommendations: async (accessToken) => {
      const response = await harness.api('/api/recommendations', accessToken);
      if (response.status !== 200) throw new Error(`recommendations: HTTP ${response.status} ${await response.text()}`);
      return ((await response.json()) as { value: ApiRecommendation[] }).value;
    },
    score: async (path, accessToken) => ((await (await harness.api(path, accessToken)).json()) as { score: number }).score,
  };
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    harness.base = emulator.url;
    harness.control = emulatorControl(emulator.url);
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await harness.control.reset();
  });
  return harness;
}

/** The control surface as any script sees it, for the answers the client turns into errors. */
export async function rawControl(base: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}/_control${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}
