// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import HistoryTable from '../../src/lib/ui/HistoryTable.svelte';
import type { Run } from '../../src/lib/history/run';
import { scoreRuns } from '../../src/lib/history/score-runs';
import { historyRows } from '../../src/lib/ui/history-rows';
import { formatClock, formatDateTime, formatDay } from '../../src/lib/ui/format';

const TENANT = 't1';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 1, 9);
const run = (firstSeen: number, lastSeen: number, score: number): Run => ({ tenantId: TENANT, firstSeen, lastSeen, score });
const note = (time: number, text: string) => ({ tenantId: TENANT, time, text, edited: time });

const runs = scoreRuns(
  [run(T0, T0 + DAY, 400), run(T0 + DAY + HOUR, T0 + 2 * DAY, 412), run(T0 + 5 * DAY, T0 + 6 * DAY, 405)],
  [note(T0 + DAY + HOUR, 'Enabled ASR rules'), note(T0 + DAY + 3 * HOUR, 'Onboarded servers')],
);

const NOW = T0 + 7 * DAY;
const shown = (time: number) => `${formatDay(time, NOW)} ${formatClock(time)}`;
const bodyRows = () => screen.getAllByRole('row').slice(1);

describe('HistoryTable', () => {
  it('lists one row per run, newest first, and counts the changes', () => {
    render(HistoryTable, { rows: historyRows(runs), now: NOW });
    expect(screen.getByRole('heading', { name: 'History' })).toBeInTheDocument();
    expect(screen.getByText('2 changes')).toBeInTheDocument();
    expect(screen.getAllByRole('columnheader').map((cell) => cell.textContent?.trim())).toEqual(['Since', 'Last confirmed', 'Score', 'Change', 'Note']);
    const rows = bodyRows();
    expect(rows).toHaveLength(3);
    expect(within(rows[0]!).getAllByRole('cell')[0]).toHaveTextContent(shown(T0 + 5 * DAY));
    expect(within(rows[0]!).getAllByRole('cell')[1]).toHaveTextContent(shown(T0 + 6 * DAY));
    expect(within(rows[0]!).getAllByRole('cell')[3]).toHaveTextContent('down 7 points');
    expect(within(rows[2]!).getAllByRole('cell')[3]).toHaveTextContent('first reading');
  });

  it('says in words that a run came after unchecked time', () => {
    render(HistoryTable, { rows: historyRows(runs), now: NOW });
    const [newest, middle] = bodyRows();
    expect(within(newest!).getAllByRole('cell')[0]).toHaveTextContent('after 3 days unchecked');
    expect(middle).not.toHaveTextContent('unchecked');
  });

  it('offers "Add note" at a run’s start, and "Edit note" for each note at its own time', async () => {
    const oneditnote = vi.fn();
    render(HistoryTable, { rows: historyRows(runs), now: NOW, oneditnote });
    const [newest, middle] = bodyRows();
    await fireEvent.click(within(newest!).getByRole('button', { name: `Add note for ${formatDateTime(T0 + 5 * DAY)}` }));
    expect(oneditnote).toHaveBeenLastCalledWith({ time: T0 + 5 * DAY, score: 405, text: undefined });

    const edits = within(middle!).getAllByRole('button', { name: /^Edit note for / });
    expect(edits.map((button) => button.textContent?.trim())).toEqual(['Edit note', 'Edit note']);
    expect(within(middle!).queryByRole('button', { name: /Add note/ })).not.toBeInTheDocument();
    await fireEvent.click(within(middle!).getByRole('button', { name: `Edit note for ${formatDateTime(T0 + DAY + 3 * HOUR)}` }));
    expect(oneditnote).toHaveBeenLastCalledWith({ time: T0 + DAY + 3 * HOUR, score: 412, text: 'Onboarded servers' });
  });

  it('offers no note buttons when notes cannot be saved', () => {
    render(HistoryTable, { rows: historyRows(runs), now: NOW });
    expect(screen.queryByRole('button', { name: /note/ })).not.toBeInTheDocument();
    expect(screen.getByText('Enabled ASR rules')).toBeInTheDocument();
  });

  it('pages through many runs', async () => {
    const many = scoreRuns(Array.from({ length: 25 }, (_, index) => run(T0 + index * HOUR, T0 + index * HOUR, 300 + index)));
    render(HistoryTable, { rows: historyRows(many), now: NOW, pageSize: 20 });
    expect(screen.getByText('24 changes')).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(20);
    await fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(bodyRows()).toHaveLength(5);
    expect(screen.getByText('Page 2 of 2')).toBeInTheDocument();
  });

  it('says what appears there when it is empty, and when it is still reading', () => {
    const { unmount } = render(HistoryTable, { rows: [], now: NOW });
    expect(screen.getByText(/Each change of the score appears here/)).toBeInTheDocument();
    unmount();
    render(HistoryTable, { rows: [], now: NOW, reading: true });
    expect(screen.getByText('Reading the stored history…')).toBeInTheDocument();
  });
});
