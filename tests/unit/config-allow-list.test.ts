import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_CONFIG_FILE, EMULATOR_ORIGIN, localOriginsForDemo } from '../../emulator/demo.mjs';
import { allowedOrigins, allowedOriginsOfEveryCloud, NO_BUILD_ORIGINS, ONE_DRIVE_DOWNLOADS, type BuildOrigins } from '../../src/lib/config/allowed-origins';
import { parseAppConfig, type ConfigProblem } from '../../src/lib/config/app-config';
import { buildOriginsFromFlags } from '../../src/lib/config/build-flags';
import { CLOUDS } from '../../src/lib/config/clouds';
import { contentSecurityPolicy } from '../../src/lib/config/csp';

const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const PRODUCTION = NO_BUILD_ORIGINS;
const DEMO = flags({ SCORELINE_LOCAL_ORIGINS: localOriginsForDemo(EMULATOR_ORIGIN) });
const WITH_RELAY_AND_AUTHORITY = flags({ SCORELINE_EXTRA_ORIGINS: 'https://relay.contoso.example', SCORELINE_EXTRA_IDENTITY_ORIGINS: 'https://login.contoso.example' });
const DEMO_CONFIG: unknown = JSON.parse(readFileSync(DEMO_CONFIG_FILE, 'utf8'));

function flags(env: Record<string, string>): BuildOrigins {
  const result = buildOriginsFromFlags(env);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function problemsOf(config: Record<string, unknown>, build: BuildOrigins = PRODUCTION): ConfigProblem[] {
  const result = parseAppConfig({ clientId: CLIENT_ID, ...config }, build);
  return result.ok ? [] : result.error;
}

/** An OpenID metadata string whose endpoints all live at `origin`. */
function metadataAt(origin: string): string {
  return JSON.stringify({
    issuer: `${origin}/organizations/v2.0`,
    authorization_endpoint: `${origin}/organizations/oauth2/v2.0/authorize`,
    token_endpoint: `${origin}/organizations/oauth2/v2.0/token`,
  });
}

describe('config.json against the allow-list', () => {
  it.each([
    ['a look-alike host ending in evil.example', 'https://login.microsoftonline.com.evil.example/contoso', 'points to https://login.microsoftonline.com.evil.example'],
    ['another host altogether', 'https://evil.example/contoso', 'points to https://evil.example, which is not a sign-in host'],
    ['a user name hiding the real host', 'https://login.microsoftonline.com@evil.example/contoso', 'has a user name in it, which hides where it really points: evil.example'],
    ['a user name before the real host', 'https://evil@login.microsoftonline.com/contoso', 'has a user name in it'],
    ['a Cyrillic o (an IDN look-alike)', 'https://l\u043Egin.microsoftonline.com/contoso', 'points to https://xn--lgin-55d.microsoftonline.com'],
    ['the same look-alike in punycode', 'https://xn--lgin-55d.microsoftonline.com/contoso', 'points to https://xn--lgin-55d.microsoftonline.com'],
    ['a trailing dot', 'https://login.microsoftonline.com./contoso', 'points to https://login.microsoftonline.com.'],
    ['another port', 'https://login.microsoftonline.com:8443/contoso', 'points to https://login.microsoftonline.com:8443'],
    ['another cloud (GCC High in the commercial cloud)', 'https://login.microsoftonline.us/contoso', 'points to https://login.microsoftonline.us'],
    ['plain http', 'http://login.microsoftonline.com/contoso', 'is not an https URL'],
  ])('refuses an authority with %s', (_, authority, problem) => {
    const problems = problemsOf({ authority });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe('authority');
    expect(problems[0]?.problem).toContain(problem);
  });

  it('says what to put in the authority instead', () => {
    const [problem] = problemsOf({ authority: 'https://evil.example/contoso', cloud: 'gcc-high' });
    expect(problem?.fix).toContain('"https://login.microsoftonline.us/<your tenant id>", the sign-in host of GCC High');
  });

  it.each([
    ['commercial', 'https://login.microsoftonline.com/3d0c6b6e-7a1f-4c3e-9d2a-5f1b8c4e0a11'],
    ['commercial', 'https://LOGIN.microsoftonline.com/contoso.onmicrosoft.com'],
    ['gcc', 'https://login.microsoftonline.com/organizations'],
    ['gcc-high', 'https://login.microsoftonline.us/contoso'],
    ['dod', 'https://login.microsoftonline.us/contoso'],
  ])('accepts the %s cloud\'s own sign-in host: %s', (cloud, authority) => {
    expect(problemsOf({ cloud, authority })).toEqual([]);
  });

  it.each([
    ['login.microsoftonline.com.evil.example', 'names login.microsoftonline.com.evil.example, which is not a sign-in host this build allows'],
    ['login.microsoftonline.com:8443', 'names login.microsoftonline.com:8443'],
    ['login.microsoftonline.us', 'names login.microsoftonline.us'],
  ])('refuses a known authority %s', (host, problem) => {
    expect(problemsOf({ knownAuthorities: [host] })).toEqual([expect.objectContaining({ field: 'knownAuthorities', problem: expect.stringContaining(problem) })]);
  });

  it('accepts the cloud\'s own sign-in host as a known authority', () => {
    expect(problemsOf({ knownAuthorities: ['login.microsoftonline.com'] })).toEqual([]);
  });

  it.each([
    ['https://evil.example', 'points to https://evil.example'],
    ['http://login.microsoftonline.com', 'points to http://login.microsoftonline.com,'],
    ['https://login.microsoftonline.com.evil.example', 'points to https://login.microsoftonline.com.evil.example'],
  ])('refuses authority metadata with endpoints at %s', (origin, problem) => {
    const problems = problemsOf({ authorityMetadata: metadataAt(origin) });
    expect(problems).toEqual([expect.objectContaining({ field: 'authorityMetadata' })]);
    expect(problems[0]?.problem).toContain(problem);
  });

  it('refuses metadata where only one endpoint strays', () => {
    const metadata = JSON.stringify({ issuer: 'https://login.microsoftonline.com/x/v2.0', token_endpoint: 'https://evil.example/token' });
    expect(problemsOf({ authorityMetadata: metadata })[0]?.problem).toContain('points to https://evil.example');
  });

  it.each([
    ['https://api.security.microsoft.com.evil.example', 'points to https://api.security.microsoft.com.evil.example'],
    ['https://evil.example', 'points to https://evil.example, which is not a Defender API host or relay'],
    ['http://api.security.microsoft.com', 'points to http://api.security.microsoft.com,'],
    ['https://api.security.microsoft.com:444', 'points to https://api.security.microsoft.com:444'],
    ['https://api-gov.securitycenter.microsoft.us', 'points to https://api-gov.securitycenter.microsoft.us'],
    ['https://login.contoso.example', 'points to https://login.contoso.example'],
  ])('refuses an apiBaseUrl of %s', (apiBaseUrl, problem) => {
    const problems = problemsOf({ apiBaseUrl }, WITH_RELAY_AND_AUTHORITY);
    expect(problems).toEqual([expect.objectContaining({ field: 'apiBaseUrl' })]);
    expect(problems[0]?.problem).toContain(problem);
  });

  it.each(['https://api.security.microsoft.com', 'https://eu.api.security.microsoft.com', 'https://api.securitycenter.microsoft.com'])(
    'accepts the commercial Defender host %s',
    (apiBaseUrl) => expect(problemsOf({ apiBaseUrl })).toEqual([]),
  );

  it('accepts the origins added at build time, each for its own purpose', () => {
    expect(problemsOf({ apiBaseUrl: 'https://relay.contoso.example', authority: 'https://login.contoso.example/t' }, WITH_RELAY_AND_AUTHORITY)).toEqual([]);
    expect(problemsOf({ apiBaseUrl: 'https://relay.contoso.example' })).toEqual([expect.objectContaining({ field: 'apiBaseUrl' })]);
  });

  it('names every field that strays, not only the first', () => {
    const problems = problemsOf({ authority: 'https://evil.example/t', knownAuthorities: ['evil.example'], authorityMetadata: metadataAt('https://evil.example'), apiBaseUrl: 'https://evil.example' });
    expect(problems.map((p) => p.field)).toEqual(['authority', 'knownAuthorities', 'authorityMetadata', 'apiBaseUrl']);
  });
});

describe('origins on this machine', () => {
  it('refuses the demo config.json in a production build, naming localhost in every field', () => {
    const result = parseAppConfig(DEMO_CONFIG, PRODUCTION);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((p) => p.field)).toEqual(['authority', 'knownAuthorities', 'authorityMetadata', 'apiBaseUrl', 'graphBaseUrl']);
    expect(result.error[0]?.problem).toBe('points to localhost (https://login.scoreline.localhost), which only a demo or test build allows');
    expect(result.error[3]?.problem).toBe('points to localhost (http://localhost:4010), which only a demo or test build allows');
    for (const problem of result.error) expect(problem.fix).toContain('SCORELINE_LOCAL_ORIGINS');
  });

  it.each(['http://127.0.0.1:4010', 'http://[::1]:4010', 'https://api.localhost'])('refuses %s in a production build as a place on this machine', (apiBaseUrl) => {
    expect(problemsOf({ apiBaseUrl })[0]?.problem).toContain('which only a demo or test build allows');
  });

  it('accepts the demo config.json in a demo build, and nothing else on this machine', () => {
    expect(parseAppConfig(DEMO_CONFIG, DEMO).ok).toBe(true);
    expect(problemsOf({ apiBaseUrl: 'http://localhost:9999' }, DEMO)).toEqual([
      expect.objectContaining({ field: 'apiBaseUrl', problem: 'points to http://localhost:9999, which is not a Defender API host or relay this build allows' }),
    ]);
    expect(problemsOf({ authority: 'https://login.microsoftonline.com.evil.example/x' }, DEMO)[0]?.field).toBe('authority');
  });
});

describe('build flags', () => {
  it('reads the three flags', () => {
    expect(DEMO).toEqual({ api: [], identity: [], local: [EMULATOR_ORIGIN, 'https://login.scoreline.localhost', EMULATOR_ORIGIN.replace('localhost', '127.0.0.1')] });
    expect(WITH_RELAY_AND_AUTHORITY).toEqual({ api: ['https://relay.contoso.example'], identity: ['https://login.contoso.example'], local: [] });
  });

  it.each([
    [{ SCORELINE_EXTRA_ORIGINS: 'http://localhost:8080' }, 'is on this machine; a demo or test build names such origins in SCORELINE_LOCAL_ORIGINS'],
    [{ SCORELINE_EXTRA_IDENTITY_ORIGINS: 'http://localhost:4010' }, 'is on this machine'],
    [{ SCORELINE_EXTRA_ORIGINS: 'http://relay.contoso.example' }, 'must be https'],
    [{ SCORELINE_EXTRA_ORIGINS: 'https://relay.contoso.example/api' }, 'is not an origin'],
    [{ SCORELINE_LOCAL_ORIGINS: 'https://relay.contoso.example' }, 'is not on this machine'],
  ])('refuses %j', (env, message) => {
    const result = buildOriginsFromFlags(env);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});

describe('the Content-Security-Policy is built from the same list', () => {
  const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `))?.split(' ').slice(1) ?? [];

  it.each([PRODUCTION, DEMO, WITH_RELAY_AND_AUTHORITY])('names every origin the check allows, in every cloud (%j)', (build) => {
    const policy = contentSecurityPolicy(build);
    for (const cloud of CLOUDS) {
      const allowed = allowedOrigins(cloud, build);
      expect(directive(policy, 'connect-src')).toEqual(expect.arrayContaining([...allowed.signIn, ...allowed.defenderApi, ...allowed.graph, ...allowed.fileDownloads]));
      expect(directive(policy, 'frame-src')).toEqual(expect.arrayContaining([...allowed.signIn]));
      expect(directive(policy, 'form-action')).toEqual(expect.arrayContaining([...allowed.signIn]));
    }
    const everyCloud = allowedOriginsOfEveryCloud(build);
    expect(directive(policy, 'connect-src')).toEqual(["'self'", ...new Set([...everyCloud.signIn, ...everyCloud.defenderApi, ...everyCloud.graph, ...everyCloud.fileDownloads])]);
    expect(directive(policy, 'frame-src')).toEqual(["'self'", ...everyCloud.signIn]);
  });

  it('names nothing on this machine in a production build, and the emulator in a demo build', () => {
    expect(contentSecurityPolicy(PRODUCTION)).not.toContain('localhost');
    expect(directive(contentSecurityPolicy(DEMO), 'frame-src')).toContain(EMULATOR_ORIGIN);
  });

  it('lets the page call Microsoft Graph of every cloud, and fetch OneDrive downloads of every cloud, and nothing more there', () => {
    const policy = contentSecurityPolicy(PRODUCTION);
    expect(directive(policy, 'connect-src')).toEqual(expect.arrayContaining(['https://graph.microsoft.com', 'https://graph.microsoft.us', 'https://dod-graph.microsoft.us']));
    expect(directive(policy, 'frame-src')).not.toContain('https://graph.microsoft.com');
    expect(directive(policy, 'connect-src')).toEqual(expect.arrayContaining(Object.values(ONE_DRIVE_DOWNLOADS).flat()));
    for (const name of ['frame-src', 'form-action', 'script-src', 'img-src']) expect(directive(policy, name).join(' ')).not.toContain('sharepoint');
  });
});
