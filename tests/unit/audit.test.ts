import { describe, expect, it } from 'vitest';
import { auditOutcome, exitCodeFor } from '../../scripts/audit.mjs';

const report = (vulnerabilities: Record<string, { name: string; severity: string; isDirect?: boolean }>, counts: Record<string, number>) =>
  JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts } } });

describe('auditOutcome', () => {
  it('passes a tree with no high or critical advisory', () => {
    const outcome = auditOutcome({ stdout: report({ x: { name: 'x', severity: 'low' } }, { low: 1, total: 1 }), stderr: '' });
    expect(outcome.kind).toBe('passed');
    expect(outcome.lines).toEqual(['npm audit: passed (whole tree; 1 low).']);
    expect(exitCodeFor(outcome.kind)).toBe(0);
  });

  it('fails on a high advisory in a dev dependency that ships, such as svelte', () => {
    const outcome = auditOutcome({ stdout: report({ svelte: { name: 'svelte', severity: 'high', isDirect: true } }, { high: 1, total: 1 }), stderr: '' });
    expect(outcome.kind).toBe('vulnerable');
    expect(outcome.lines).toContain('  svelte (high)');
    expect(exitCodeFor(outcome.kind)).toBe(1);
  });

  it('says WARNING, never passed, when the audit service cannot be used', () => {
    const unreachable = [
      { stdout: JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 }), stderr: 'npm error audit endpoint returned an error' },
      { stdout: '', stderr: 'npm error code ENOTFOUND\nnpm error getaddrinfo ENOTFOUND registry.npmjs.org' },
      { stdout: 'not json', stderr: '' },
    ];
    for (const run of unreachable) {
      const outcome = auditOutcome(run);
      expect(outcome.kind).toBe('not-audited');
      expect(outcome.lines[0]).toMatch(/^WARNING: the dependencies were NOT audited/);
      expect(outcome.lines.join('\n')).not.toMatch(/passed/i);
      expect(exitCodeFor(outcome.kind)).toBe(2);
    }
  });
});
