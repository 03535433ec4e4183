import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/lib/history/export-json';
import { parseJson } from '../../src/lib/history/import-json';
import type { ControlChange, SecureScoreDay } from '../../src/lib/secure-score/secure-score-day';

const TENANT = '3d0c6b6e-7a1f-4c3e-9d2a-5f1b8c4e0a11';
const NOW = Date.parse('2026-11-29T12:00:00Z');
const DAY: SecureScoreDay = {
  tenantId: TENANT, day: '2026-11-28', time: Date.parse('2026-11-28T03:21:00Z'), currentScore: 431.5, maxScore: 697, allTenantsAverage: 37, similarSizeAverage: null,
  categories: { Identity: 10, Data: 20, Device: 7.6, Apps: 0, Infrastructure: 0 },
};
const CHANGE: ControlChange = { tenantId: TENANT, control: 'AdminMFAV2', day: '2026-11-28', category: 'Identity', score: 10, description: 'MFA for admins' };

describe('Microsoft Secure Score in the JSON export (format version 4)', () => {
  it('goes out and comes back as it was kept', () => {
    const text = toJson({ tenants: [], runs: [], notes: [], secureScore: { days: [DAY], changes: [CHANGE, { ...CHANGE, day: '2026-11-29', score: null }] } }, NOW);
    const document = JSON.parse(text) as Record<string, unknown>;
    expect(document.version).toBe(4);
    expect(document.secureScoreDays).toEqual([{ ...DAY, time: '2026-11-28T03:21:00.000Z' }]);
    const parsed = parseJson(text, NOW);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.version).toBe(4);
    expect(parsed.value.secureScore).toEqual({ days: [DAY], changes: [CHANGE, { ...CHANGE, day: '2026-11-29', score: null }], skipped: 0 });
  });

  it('skips entries with a wrong field, whole, and still reads version 3 files without them', () => {
    const text = toJson({ tenants: [], runs: [], notes: [], secureScore: { days: [DAY], changes: [] } }, NOW);
    const document = JSON.parse(text) as Record<string, unknown>;
    document.secureScoreDays = [{ ...DAY, time: '2026-11-28T03:21:00Z' }, { ...DAY, time: DAY.time, day: '2026-11-27' }, { ...DAY, day: 'yesterday', time: '2026-11-28T03:21:00Z' }, { ...DAY, currentScore: -1, time: '2026-11-28T03:21:00Z' }, { ...DAY, tenantId: 'not-a-tenant', time: '2026-11-28T03:21:00Z' }];
    document.secureScoreControls = [{ ...CHANGE, score: '10' }, { ...CHANGE, description: 'line\nbreak' }];
    const parsed = parseJson(JSON.stringify(document), NOW);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.secureScore).toEqual({ days: [DAY], changes: [], skipped: 6 });

    const v3: Record<string, unknown> = { ...document, version: 3 };
    delete v3['secureScoreDays'];
    delete v3['secureScoreControls'];
    const older = parseJson(JSON.stringify(v3), NOW);
    expect(older.ok && older.value.secureScore).toBe(undefined);
  });

  it('refuses a version 4 file whose secure score list is not a list', () => {
    const document = JSON.parse(toJson({ tenants: [], runs: [], notes: [] }, NOW)) as Record<string, unknown>;
    expect(parseJson(JSON.stringify({ ...document, secureScoreDays: {} }), NOW)).toEqual({ ok: false, error: "The file's secureScoreDays is not a list." });
  });
});
