import { describe, expect, it } from 'vitest';
import { parseIsoInstant } from '../../src/lib/util/iso-time';

describe('parseIsoInstant', () => {
  it('reads the API time with its 7-digit fraction', () => {
    expect(parseIsoInstant('2019-12-03T09:15:58.1665846Z')).toBe(Date.UTC(2019, 11, 3, 9, 15, 58, 166));
  });

  it('reads times without a fraction and with an offset', () => {
    expect(parseIsoInstant('2024-01-31T23:00:00Z')).toBe(Date.UTC(2024, 0, 31, 23));
    expect(parseIsoInstant('2024-02-01T01:00:00+02:00')).toBe(Date.UTC(2024, 0, 31, 23));
  });

  it.each(['', 'yesterday', '2024-02-30T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T00:00:00', '2024-01-01', '1700000000'])(
    'refuses %j',
    (text) => {
      expect(parseIsoInstant(text)).toBeUndefined();
    },
  );
});
