import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkRecommendationText,
  storableText,
  EARLIEST_READING_TIME,
  FUTURE_TOLERANCE_MS,
  MAX_NOTE_LENGTH,
  checkNote,
  checkScore,
  checkScoreText,
  checkTenantId,
  checkTime,
} from '../../src/lib/history/reading-rules';
import { isGuid } from '../../src/lib/util/guid';

const NOW = Date.UTC(2026, 10, 28, 12);
const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

describe('checkNote, the one rule for notes typed or imported', () => {
  it('normalises line ends in notes to \\n', () => {
    expect(checkNote('a\r\nb\rc\n')).toEqual({ ok: true, value: 'a\nb\nc' });
  });

  it('trims a note and turns an empty one into no note', () => {
    expect(checkNote('  patched  ')).toEqual({ ok: true, value: 'patched' });
    expect(checkNote(' \r\n ')).toEqual({ ok: true, value: undefined });
  });

  it('counts the length after trimming, in UTF-16 units like a text field’s maxlength', () => {
    expect(checkNote(` ${'x'.repeat(MAX_NOTE_LENGTH)} `).ok).toBe(true);
    expect(checkNote('🚀'.repeat(MAX_NOTE_LENGTH / 2 + 1)).ok).toBe(false);
  });

  it('refuses markup, control characters and text-direction overrides, with a reason', () => {
    expect(checkNote('<b>bold</b>')).toMatchObject({ ok: false });
    expect(checkNote('a\u0000b')).toMatchObject({ ok: false });
    expect(checkNote('evil\u202etxt.exe')).toMatchObject({ ok: false });
    expect(checkNote('score < 400 <3')).toEqual({ ok: true, value: 'score < 400 <3' });
  });
});

describe('checkTime, checkScore and checkTenantId', () => {
  it('accepts times from 2015 to a day ahead of now, and no others', () => {
    expect(checkTime('2015-01-01T00:00:00Z', NOW)).toEqual({ ok: true, value: EARLIEST_READING_TIME });
    expect(checkTime(new Date(NOW + FUTURE_TOLERANCE_MS).toISOString(), NOW).ok).toBe(true);
    expect(checkTime(new Date(NOW + FUTURE_TOLERANCE_MS + 1).toISOString(), NOW).ok).toBe(false);
    expect(checkTime('2026-11-27T09:15:00Z', Number.NaN).ok).toBe(false);
  });

  it('reads only plain decimal score text, and turns -0 into 0', () => {
    expect(checkScoreText('301.5')).toEqual({ ok: true, value: 301.5 });
    expect(checkScoreText('3e2').ok).toBe(false);
    const zero = checkScore(-0);
    expect(zero.ok && Object.is(zero.value, 0)).toBe(true);
    expect(checkScore(Number.NaN).ok).toBe(false);
  });

  it('keeps tenant IDs in lower case', () => {
    expect(checkTenantId(TENANT.toUpperCase())).toEqual({ ok: true, value: TENANT });
  });
});

describe('isGuid', () => {
  it('accepts the 8-4-4-4-12 form in any letter case, and nothing else', () => {
    expect(isGuid(TENANT)).toBe(true);
    expect(isGuid(TENANT.toUpperCase())).toBe(true);
    for (const text of ['', `{${TENANT}}`, `${TENANT} `, TENANT.replaceAll('-', ''), TENANT.replace('6', 'g'), `${TENANT}\n`]) {
      expect(isGuid(text), JSON.stringify(text)).toBe(false);
    }
  });
});

describe('storableText', () => {
  it('makes an API text pass the import rules: refused characters become spaces, long texts are cut', () => {
    expect(storableText('Turn on\tthe firewall\u202e', 100)).toBe('Turn on the firewall ');
    expect(checkRecommendationText(storableText('a\u0000b\ud800c', 100), 'name').ok).toBe(true);
    expect(storableText('x'.repeat(1500), 1000)).toHaveLength(1000);
    // Never cut inside a surrogate pair.
    expect(storableText(`${'x'.repeat(999)}😀`, 1000)).toBe('x'.repeat(999));
  });

  it('keeps every text the import rules accept as it is', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (text) => {
        const kept = storableText(text, 200);
        expect(checkRecommendationText(kept, 'category').ok).toBe(true);
        if (checkRecommendationText(text, 'category').ok) expect(kept).toBe(text);
      }),
    );
  });
});
