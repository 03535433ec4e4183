// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import SecureScoreCell from '../../src/lib/ui/overview/SecureScoreCell.svelte';

const NOW = Date.UTC(2026, 10, 29, 12);
const score = (day: string) => ({ points: 394, maxScore: 697, percent: (394 / 697) * 100, day });

describe("the overview's Microsoft Secure Score cell", () => {
  it('says points, the percentage of its maximum and its day in words; the day shows when it is older than Graph\'s newest', () => {
    const fresh = render(SecureScoreCell, { score: score('2026-11-28'), now: NOW });
    expect(fresh.container.textContent?.replace(/\s+/g, ' ')).toContain('394 of 697 points, 56.5%, on ');
    expect(fresh.container.querySelector('.day')).toBeNull();
    fresh.unmount();
    const behind = render(SecureScoreCell, { score: score('2026-11-02'), now: NOW });
    expect(behind.container.querySelector('.day')?.textContent).toMatch(/^on .*2/);
  });

  it('says "Not tracked" where no day is kept', () => {
    const { container } = render(SecureScoreCell, { score: undefined, now: NOW });
    expect(container.textContent?.trim()).toBe('Not tracked');
  });
});
