import { describe, expect, it } from 'vitest';
import { readingKey, withChanges } from '../../src/lib/history/reading';
import { describeChange, formatChange } from '../../src/lib/ui/format';

const reading = (time: number, score: number) => ({ tenantId: 't1', time, score });

describe('withChanges', () => {
  it('gives each reading its change since the previous one', () => {
    const rows = withChanges([reading(1, 300), reading(2, 315), reading(3, 307), reading(4, 307)]);
    expect(rows.map((r) => r.change)).toEqual([undefined, 15, -8, 0]);
  });

  it('does not show floating-point dust', () => {
    expect(withChanges([reading(1, 0.1), reading(2, 0.4)]).map((r) => r.change)).toEqual([undefined, 0.3]);
  });

  it('handles an empty history', () => {
    expect(withChanges([])).toEqual([]);
  });
});

describe('readingKey', () => {
  it('gives one key per tenant and time, and no other', () => {
    expect(readingKey('t1', 5)).toBe(readingKey('t1', 5));
    expect(new Set([readingKey('t1', 12), readingKey('t11', 2), readingKey('t1', 1), readingKey('t2', 12)]).size).toBe(4);
  });
});

describe('formatChange', () => {
  it('writes +15, a true minus for −8, and ±0', () => {
    expect(formatChange(15)).toBe('+15');
    expect(formatChange(-8)).toBe('\u22128');
    expect(formatChange(0)).toBe('±0');
    expect(formatChange(undefined)).toBe('');
    expect(describeChange(-8)).toBe('down 8 points');
  });
});
