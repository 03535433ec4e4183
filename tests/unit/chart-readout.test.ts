// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createReadout, readoutLines } from '../../src/lib/ui/chart/readout';
import type { ScoreRun } from '../../src/lib/history/score-runs';

const run = { firstSeen: Date.UTC(2026, 10, 2, 9), lastSeen: Date.UTC(2026, 10, 3, 9), score: 412.5 } as ScoreRun;

describe('the chart readout', () => {
  it('names the time, the value with its unit, a last confirmation and the notes as text', () => {
    const start = { kind: 'start' as const, x: run.firstSeen, y: 412.5, run, notes: [{ tenantId: 't', time: run.firstSeen, text: '<b>patched</b>', edited: 1 }] };
    const lines = readoutLines(start, 'points');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('412.5 points');
    expect(lines[2]).toMatch(/: <b>patched<\/b>$/);
    expect(readoutLines({ kind: 'confirmed', x: run.lastSeen, y: 33, run }, 'of 100')[1]).toBe('33 of 100, last confirmed');
    expect(readoutLines({ kind: 'gap', x: run.lastSeen, y: null }, 'points')).toEqual([]);
  });

  it('shows beside the point inside its frame, hidden from assistive technology, and hides again', () => {
    const frame = document.createElement('div');
    document.body.append(frame);
    const readout = createReadout(frame);
    const box = frame.querySelector('.chart-readout') as HTMLElement;
    expect(box.hidden).toBe(true);
    expect(box.getAttribute('aria-hidden')).toBe('true');
    readout.show(readoutLines({ kind: 'start', x: run.firstSeen, y: 412.5, run, notes: [{ tenantId: 't', time: run.firstSeen, text: '<img src=x onerror=alert(1)>', edited: 1 }] }, 'points'), 40, 100);
    expect(box.hidden).toBe(false);
    expect(box.textContent).toContain('412.5 points');
    expect(box.querySelector('img')).toBeNull();
    expect(box.style.top).toBe('72px');
    readout.show(readoutLines({ kind: 'gap', x: run.lastSeen, y: null }, 'points'), 40, 100);
    expect(box.hidden).toBe(true);
    readout.remove();
    expect(frame.querySelector('.chart-readout')).toBeNull();
  });
});
