// Microsoft Secure Score's backfill against the emulator's Graph: the calls and the time a first enable takes to
// read all 90 days (following @odata.nextLink), and what the next day's refresh reads. The requests are the ones
// the app makes (src/lib/secure-score/secure-score-client.ts), with a Graph token got as MSAL gets it silently.
// Run: `node scripts/bench/secure-score-backfill.mjs [--runs N]` (an emulator of its own, on a free port).
import { createHash, randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { startEmulator } from '../../emulator/server.mjs';
import { APP_ORIGIN, AVERY_ADMIN } from '../../emulator/demo.mjs';
import { emulatorControl } from '../../emulator/control-client.mjs';

const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
const REDIRECT_URI = `${APP_ORIGIN}/redirect.html`;
const SCOPE = 'https://graph.microsoft.com/SecurityEvents.Read.All openid profile offline_access';

/** @param {string} base @returns {Promise<string>} a Graph access token for Avery (Contoso), from a PKCE sign-in */
async function graphToken(base) {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const form = new URLSearchParams({
    client_id: CLIENT_ID, scope: SCOPE, redirect_uri: REDIRECT_URI, response_type: 'code', response_mode: 'fragment',
    state: 's', nonce: 'n', code_challenge: challenge, code_challenge_method: 'S256', account: AVERY_ADMIN.oid,
  });
  const chosen = await fetch(`${base}/organizations/oauth2/v2.0/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  const code = new URLSearchParams(new URL(chosen.headers.get('location') ?? '').hash.slice(1)).get('code') ?? '';
  const token = await fetch(`${base}/organizations/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: CLIENT_ID, grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI, scope: SCOPE }),
  });
  return /** @type {{ access_token: string }} */ (await token.json()).access_token;
}

/**
 * One read as the app makes it: the first page, then each next link.
 * @param {string} base @param {string} token @param {number} days
 */
async function read(base, token, days) {
  const started = performance.now();
  let url = `${base}/v1.0/security/secureScores?$top=${days}`;
  let calls = 0;
  let records = 0;
  let bytes = 0;
  while (url) {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Origin: APP_ORIGIN } });
    const text = await response.text();
    calls += 1;
    bytes += Buffer.byteLength(text);
    const page = /** @type {{ value: unknown[], '@odata.nextLink'?: string }} */ (JSON.parse(text));
    records += page.value.length;
    url = page['@odata.nextLink'] ?? '';
  }
  return { calls, records, bytes, ms: performance.now() - started };
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** @param {number} runs */
export async function measureSecureScoreBackfill(runs = 5) {
  const emulator = await startEmulator({ port: 0 });
  try {
    const control = emulatorControl(emulator.url);
    const token = await graphToken(emulator.url);
    const backfills = [];
    const refreshes = [];
    for (let i = 0; i < runs; i += 1) {
      await control.reset();
      backfills.push(await read(emulator.url, token, 90));
      await control.secureScoreNextDay();
      refreshes.push(await read(emulator.url, token, 7));
    }
    const first = backfills[0];
    return {
      backfill: { calls: first?.calls ?? 0, records: first?.records ?? 0, bytes: first?.bytes ?? 0, medianMs: median(backfills.map((r) => r.ms)) },
      nextDay: { calls: refreshes[0]?.calls ?? 0, records: refreshes[0]?.records ?? 0, medianMs: median(refreshes.map((r) => r.ms)) },
    };
  } finally {
    await emulator.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--runs');
  const runs = at > 0 ? Number(process.argv[at + 1]) : 5;
  const result = await measureSecureScoreBackfill(Number.isInteger(runs) && runs > 0 ? runs : 5);
  console.log(JSON.stringify(result, null, 2));
}
