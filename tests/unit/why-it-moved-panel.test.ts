// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import WhyItMovedPanel from '../../src/lib/ui/WhyItMovedPanel.svelte';
import { RecommendationViews } from '../../src/lib/state/recommendation-views.svelte';
import { scoreRuns } from '../../src/lib/history/score-runs';
import type { Run } from '../../src/lib/history/run';
import type { Recommendation } from '../../src/lib/recommendations/recommendation';
import { formatClock, formatDateTime, formatDay } from '../../src/lib/ui/format';
import { at, fakeAccess, firewall, gate, recordingStore, run, smb, TENANT } from './recommendation-views-fakes';

const fixedOnFour = { ...firewall, exposedMachines: 8, configScoreImpact: 6.2 };

async function panel({ stored, reads, hold = false, now = at(30) }: { stored: Run[]; reads: [number, Recommendation[]][]; hold?: boolean; now?: number }) {
  const store = recordingStore();
  for (const [time, list] of reads) await store.addRecommendationRead(TENANT, time, list);
  const held = gate();
  if (hold) store.gate = held.promise;
  const runs = scoreRuns(stored);
  const views = new RecommendationViews({ history: { runs, tenantId: TENANT, store: store as never }, access: fakeAccess({ optedIn: true }) });
  const latest = runs.slice(-2);
  render(WhyItMovedPanel, { views, runs, latest, tenantId: TENANT, version: 0, now });
  return { held, views, store, runs };
}

const region = () => screen.getByRole('region', { name: 'Why did it move' });

describe('WhyItMovedPanel', () => {
  it('has nothing to explain before the score has changed', async () => {
    await panel({ stored: [run(at(0), at(9), 300)], reads: [] });
    expect(region()).toHaveTextContent('Nothing to explain yet: the score has not changed since Scoreline started keeping it.');
  });

  it('says it is reading, then lists what changed and how much of the change it explains', async () => {
    const { held } = await panel({ stored: [run(at(0), at(9), 300), run(at(10), at(20), 303.1)], reads: [[at(0), [firewall, smb]], [at(10), [fixedOnFour, smb]]], hold: true });
    expect(screen.getByTestId('explained-change')).toHaveTextContent(`+3.1 points up 3.1 points from 300 points (${formatDateTime(at(0))}) to 303.1 points (${formatDateTime(at(10))})`);
    expect(screen.getByText('Reading what changed…')).toBeInTheDocument();
    held.open();
    expect(await screen.findByText('Explains +3.1 of +3.1 points')).toBeInTheDocument();
    const lines = within(screen.getByRole('list', { name: 'What changed, largest effect first' })).getAllByRole('listitem');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toHaveTextContent(firewall.name);
    expect(lines[0]).toHaveTextContent('Network · Fixed on 4 devices');
    expect(lines[0]).toHaveTextContent('adds 3.1 points');
  });

  it('says how much is left unexplained when the items do not account for the whole change', async () => {
    await panel({ stored: [run(at(0), at(9), 300), run(at(10), at(20), 305)], reads: [[at(0), [firewall, smb]], [at(10), [fixedOnFour, smb]]] });
    expect(await screen.findByText('Explains +3.1 of +5.0 points (partly explained)')).toBeInTheDocument();
    expect(region()).toHaveTextContent('+1.9 points are not explained by the recommendations Scoreline read');
  });

  it('says a change after a gap in the reads cannot be explained, instead of guessing', async () => {
    await panel({ stored: [run(at(0), at(9), 300), run(at(10), at(20), 303.1), run(at(80), at(90), 299)], reads: [[at(0), [firewall]], [at(10), [fixedOnFour]]], now: at(110) });
    expect(await screen.findByText('This change cannot be explained')).toBeInTheDocument();
    expect(region()).toHaveTextContent('No recommendations were read within 26 hours of the later reading, so Scoreline does not guess what changed.');
    expect(region()).toHaveTextContent('The score was not checked for 2 days before the later reading');
    expect(screen.queryByRole('list', { name: 'What changed, largest effect first' })).not.toBeInTheDocument();
  });

  it('says the latest change waits for the next read of the recommendations, while one can still explain it', async () => {
    await panel({ stored: [run(at(0), at(9), 300), run(at(10), at(10), 303.1)], reads: [[at(0), [firewall]], [at(9), [firewall]]], now: at(11) });
    expect(await screen.findByText('This change cannot be explained')).toBeInTheDocument();
    expect(region()).toHaveTextContent('Recommendations have not been read since this reading. A refresh reads them at most every 4 hours; once it has, this change is explained here.');
  });

  it('names the way to start keeping recommendations when none were ever read', async () => {
    await panel({ stored: [run(at(0), at(9), 300), run(at(10), at(20), 303.1)], reads: [] });
    expect(await screen.findByText(/Scoreline has kept no recommendations for this tenant yet/)).toBeInTheDocument();
  });

  it('lists among the biggest moves one that began seconds ago', async () => {
    const justNow = at(21) + 30_000;
    await panel({ stored: [run(at(0), at(9), 300), run(justNow, justNow, 310)], reads: [], now: justNow + 10_000 });
    const moves = within(await screen.findByRole('list', { name: 'Biggest moves of the last 7 days' })).getAllByRole('listitem');
    expect(moves).toHaveLength(1);
    expect(moves[0]).toHaveTextContent('up 10 points (to 310)');
  });

  it('explains a move chosen among the biggest of the last 7 days, or against an earlier reading', async () => {
    const stored = [run(at(0), at(9), 300), run(at(10), at(20), 303.1), run(at(21), at(25), 301)];
    const { views } = await panel({ stored, reads: [[at(0), [firewall, smb]], [at(10), [fixedOnFour, smb]], [at(21), [fixedOnFour, { ...smb, exposedMachines: 9, configScoreImpact: 4.7 }]]] });
    expect(await screen.findByText('Explains \u22122.1 of \u22122.1 points')).toBeInTheDocument();
    const scrollIntoView = vi.fn();
    Element.prototype.scrollIntoView = scrollIntoView;

    const moves = within(screen.getByRole('list', { name: 'Biggest moves of the last 7 days' })).getAllByRole('listitem');
    expect(moves.map((move) => move.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      `${formatDay(at(10), at(30))} ${formatClock(at(10))}: up 3.1 points (to 303.1) Explained`,
      `${formatDay(at(21), at(30))} ${formatClock(at(21))}: down 2.1 points (to 301) Explained`,
    ]);
    await fireEvent.click(within(moves[0]!).getByRole('button'));
    expect(await screen.findByText('Explains +3.1 of +3.1 points')).toBeInTheDocument();
    expect(within(moves[0]!).getByRole('button')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Show the latest change' })).toBeInTheDocument();
    expect(scrollIntoView).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByRole('button', { name: 'Show the latest change' }));
    await fireEvent.change(screen.getByRole('combobox', { name: 'Compare with' }), { target: { value: String(at(0)) } });
    expect(await screen.findByText('Explains +1.0 of +1.0 points')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(expect.arrayContaining([expect.stringContaining('Regressed on 2 devices')]));

    views.whyItMoved.choose(TENANT, at(10));
    await vi.waitFor(() => expect(scrollIntoView).toHaveBeenCalledTimes(1));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Why did it move' }));
  });
});
