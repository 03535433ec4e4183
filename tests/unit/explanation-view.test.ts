import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scoreRuns } from '../../src/lib/history/score-runs';
import type { ExplanationItem, ExplanationKind, ScoreChangeExplanation } from '../../src/lib/recommendations/explanation';
import type { ExplanationResult } from '../../src/lib/state/why-it-moved.svelte';
import { explainsLine, explanationLine, limitSentences, whatChanged } from '../../src/lib/ui/explanation-words';
import { whyItMovedView } from '../../src/lib/ui/explanation-view';
import { formatDateTime } from '../../src/lib/ui/format';
import { at, firewall, run } from './recommendation-views-fakes';

const item = (kind: ExplanationKind, devices: number | undefined, points: number): ExplanationItem => ({ id: `id-${kind}`, name: firewall.name, category: 'Network', kind, devices, points, exposureChange: 0 });

describe('explanation words', () => {
  it('says what happened to each recommendation, with its devices', () => {
    expect(whatChanged({ kind: 'fixed', devices: 4 })).toBe('Fixed on 4 devices');
    expect(whatChanged({ kind: 'regressed', devices: 1 })).toBe('Regressed on 1 device');
    expect(whatChanged({ kind: 'new', devices: 12 })).toBe('New recommendation, exposed on 12 devices');
    expect(whatChanged({ kind: 'resolved', devices: 3 })).toBe('Resolved: no longer listed');
    expect(whatChanged({ kind: 'exception', devices: 198 })).toBe('Moved to exception');
    expect(whatChanged({ kind: 'exception-ended', devices: 2 })).toBe('No longer an exception, exposed on 2 devices');
    expect(whatChanged({ kind: 'reweighted', devices: undefined })).toBe('Re-weighted by Microsoft');
    expect(whatChanged({ kind: 'devices-changed', devices: 10 })).toBe('10 devices added to the assessment');
    expect(whatChanged({ kind: 'devices-changed', devices: -3 })).toBe('3 devices left the assessment');
  });

  it('gives each line its points with a sign and in words', () => {
    expect(explanationLine(item('fixed', 4, 3.1))).toEqual({
      id: 'id-fixed',
      name: firewall.name,
      detail: 'Network · Fixed on 4 devices',
      points: '+3.1',
      pointsInWords: 'adds 3.1 points',
      direction: 'up',
    });
    expect(explanationLine(item('new', 2, -5))).toMatchObject({ points: '\u22125.0', pointsInWords: 'takes 5.0 points off', direction: 'down' });
    expect(explanationLine({ ...item('devices-changed', -3, 0), category: '' })).toMatchObject({ detail: '3 devices left the assessment', direction: 'none', pointsInWords: 'no effect on the score' });
  });

  it('says how much of the change the items explain', () => {
    expect(explainsLine({ explained: 14.2, change: 15 })).toBe('Explains +14.2 of +15.0 points');
    expect(explainsLine({ explained: -8, change: -8 })).toBe('Explains \u22128.0 of \u22128.0 points');
  });

  it('says in words what the data cannot tell', () => {
    const names = new Map([['a', 'Disable SMBv1']]);
    expect(limitSentences([{ kind: 'no-recommendations-before' }], { names, keptAny: true, awaitingRead: false })[0]).toContain('before Scoreline kept recommendations');
    expect(limitSentences([{ kind: 'no-recommendations-before' }], { names, keptAny: false, awaitingRead: false })[0]).toContain('Choose "Show recommendations"');
    const context = { names, keptAny: true, awaitingRead: false };
    expect(limitSentences([{ kind: 'gap', side: 'after' }], context)).toEqual([
      'No recommendations were read within 26 hours of the later reading, so Scoreline does not guess what changed.',
    ]);
    expect(limitSentences([{ kind: 'gap', side: 'after' }], { ...context, awaitingRead: true })).toEqual([
      'Recommendations have not been read since this reading. A refresh reads them at most every 4 hours; once it has, this change is explained here.',
    ]);
    expect(limitSentences([{ kind: 'gap', side: 'before' }], { ...context, awaitingRead: true })[0]).toContain('of the earlier reading');
    expect(limitSentences([{ kind: 'reweighted', ids: ['a'] }], context)).toEqual(['Microsoft re-weighted "Disable SMBv1": its points moved with no change on your devices.']);
    expect(limitSentences([{ kind: 'reweighted', ids: ['a', 'b'] }], context)[0]).toBe(
      'Microsoft re-weighted 2 recommendations ("Disable SMBv1", "b"): their points moved with no change on your devices.',
    );
    expect(limitSentences([{ kind: 'partly', unexplained: 0.8 }], context)[0]).toMatch(/^\+0\.8 points are not explained/);
  });
});

describe('whyItMovedView', () => {
  const runs = scoreRuns([run(at(0), at(9), 340), run(at(10), at(20), 355), run(at(80), at(90), 350)]);
  const pair = { from: runs[0]!, to: runs[1]! };
  const explanation = (partial: Partial<ScoreChangeExplanation>): ScoreChangeExplanation => ({ items: [], explained: 0, change: 15, unexplained: 15, limits: [], ...partial });
  const ready = (e: ScoreChangeExplanation): ExplanationResult => ({ status: 'ready', key: 'k', explanation: e });
  const input = { pair, oneChange: true, key: 'k', keptAny: true, awaitingRead: false, readsFailed: false };

  it('has nothing to explain before the score has changed', () => {
    expect(whyItMovedView({ ...input, pair: undefined, result: undefined })).toEqual({ kind: 'no-change' });
  });

  it('names the change and its two readings, and is loading until the explanation of this pair is in', () => {
    const view = whyItMovedView({ ...input, result: { status: 'ready', key: 'another pair', explanation: explanation({}) } });
    expect(view).toEqual({
      kind: 'loading',
      pair: {
        change: '+15.0 points',
        changeInWords: 'up 15.0 points',
        span: `from 340 points (${formatDateTime(at(0))}) to 355 points (${formatDateTime(at(10))})`,
        gapNote: undefined,
      },
    });
    expect(whyItMovedView({ ...input, result: { status: 'loading', key: 'k' } }).kind).toBe('loading');
  });

  it('says that the score was not checked before a change that follows a gap', () => {
    const view = whyItMovedView({ ...input, pair: { from: runs[1]!, to: runs[2]! }, result: undefined });
    expect(view.kind !== 'no-change' && view.pair.gapNote).toBe('The score was not checked for 2 days before the later reading: it changed some time in that span.');
  });

  it('lists the items and how much they explain, whole or partly', () => {
    const whole = whyItMovedView({ ...input, result: ready(explanation({ items: [item('fixed', 4, 14.8)], explained: 14.8, unexplained: 0.2 })) });
    expect(whole).toMatchObject({ kind: 'explained', summary: 'Explains +14.8 of +15.0 points', whole: true, reasons: [] });
    const partly = whyItMovedView({
      ...input,
      result: ready(explanation({ items: [item('fixed', 4, 14.2)], explained: 14.2, unexplained: 0.8, limits: [{ kind: 'partly', unexplained: 0.8 }] })),
    });
    expect(partly).toMatchObject({ kind: 'explained', summary: 'Explains +14.2 of +15.0 points', whole: false });
    expect(partly.kind === 'explained' && partly.reasons).toHaveLength(1);
  });

  it('says the change cannot be explained, instead of listing anything, when a side has no recommendations', () => {
    const view = whyItMovedView({ ...input, result: ready(explanation({ limits: [{ kind: 'gap', side: 'before' }] })) });
    expect(view).toMatchObject({ kind: 'unexplained', reasons: ['No recommendations were read within 26 hours of the earlier reading, so Scoreline does not guess what changed.'] });
  });

  it('says when the stored recommendations could not be read', () => {
    expect(whyItMovedView({ ...input, readsFailed: true, result: undefined }).kind).toBe('failed');
    expect(whyItMovedView({ ...input, result: { status: 'failed', key: 'k', failure: new Error('x') as never } }).kind).toBe('failed');
  });

  it('shows one line per item, in the explanation’s order', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ kind: fc.constantFrom<ExplanationKind>('fixed', 'new', 'exception'), points: fc.double({ min: -20, max: 20, noNaN: true }) }), { maxLength: 8 }), (entries) => {
        const items = entries.map((entry, index) => ({ ...item(entry.kind, 1, entry.points), id: `r${index}` }));
        const view = whyItMovedView({ ...input, result: ready(explanation({ items })) });
        expect(view.kind === 'explained' && view.lines.map((line) => line.id)).toEqual(items.map((i) => i.id));
      }),
    );
  });
});
