import { describe, expect, it } from 'vitest';
import { readingKey } from '../../src/lib/history/reading';
import { describeChange, formatChange } from '../../src/lib/ui/format';

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
