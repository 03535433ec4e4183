// `npm run audit`: npm audit over the whole dependency tree, because what ships is not only the
// runtime dependencies — Svelte's runtime and Workbox are dev dependencies that end up in the bundle and
// the service worker. High and critical advisories fail. An audit service that cannot be reached is a
// WARNING and its own exit code: never reported as a pass, never failing an offline build.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export const EXIT_PASSED = 0;
export const EXIT_VULNERABLE = 1;
export const EXIT_NOT_AUDITED = 2;

const FAILING_SEVERITIES = ['high', 'critical'];

/**
 * @typedef {{ kind: 'passed' | 'vulnerable' | 'not-audited', lines: string[] }} AuditOutcome
 */

/**
 * What one `npm audit --json` run means.
 * @param {{ stdout: string, stderr: string }} run
 * @returns {AuditOutcome}
 */
export function auditOutcome({ stdout, stderr }) {
  const report = parseJson(stdout);
  const counts = report?.metadata?.vulnerabilities;
  if (!report || report.error || report.message || !counts) {
    const reason = firstLine(report?.message ?? report?.error?.summary ?? stderr) || 'npm audit gave no report';
    return { kind: 'not-audited', lines: [`WARNING: the dependencies were NOT audited: the registry's audit service could not be used (${reason}).`] };
  }
  const summary = Object.entries(counts)
    .filter(([severity, n]) => severity !== 'total' && n > 0)
    .map(([severity, n]) => `${n} ${severity}`)
    .join(', ');
  const failing = Object.values(report.vulnerabilities ?? {}).filter((v) => FAILING_SEVERITIES.includes(v.severity));
  if (failing.length > 0) {
    return {
      kind: 'vulnerable',
      lines: [
        `npm audit: ${summary} — failing on high and critical:`,
        ...failing.map((v) => `  ${v.name} (${v.severity})${v.isDirect ? '' : ', through another package'}`),
        'See `npm audit` for the advisories and `npm audit fix` for what can be updated.',
      ],
    };
  }
  return { kind: 'passed', lines: [`npm audit: passed (whole tree; ${summary || 'no advisories'}).`] };
}

/** @param {AuditOutcome['kind']} kind */
export function exitCodeFor(kind) {
  return kind === 'passed' ? EXIT_PASSED : kind === 'vulnerable' ? EXIT_VULNERABLE : EXIT_NOT_AUDITED;
}

/**
 * @typedef {{ message?: string, error?: { summary?: string }, metadata?: { vulnerabilities?: Record<string, number> },
 *   vulnerabilities?: Record<string, { name: string, severity: string, isDirect?: boolean }> }} AuditReport
 */

/** @param {string} text @returns {AuditReport | undefined} */
function parseJson(text) {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** @param {string} text */
function firstLine(text) {
  return text.split('\n').map((line) => line.replace(/^npm (error|warn) /, '').trim()).find(Boolean) ?? '';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // No --omit: dev dependencies are audited too (see above).
  const run = spawnSync('npm', ['audit', '--json'], { encoding: 'utf8' });
  const outcome = auditOutcome({ stdout: run.stdout ?? '', stderr: run.stderr ?? String(run.error ?? '') });
  for (const line of outcome.lines) (outcome.kind === 'passed' ? console.log : console.error)(line);
  process.exit(exitCodeFor(outcome.kind));
}
