import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { NO_RECORDS, readScreenRecords, withNote, withReading } from '../../src/lib/history/screen-records';
import type { Run } from '../../src/lib/history/run';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const run = (firstSeen: number, lastSeen: number, score: number): Run => ({ tenantId: A, firstSeen, lastSeen, score });

describe('screen records', () => {
  it('folds a reading in as the store does: the screen and a fresh read agree', async () => {
    const store = new MemoryStore();
    await store.addHistory({ runs: [run(100, 200, 300), run(300, 400, 310)], notes: [] });
    let shown = await readScreenRecords(store, A, undefined);
    for (const reading of [{ tenantId: A, time: 500, score: 310 }, { tenantId: A, time: 600, score: 320 }, { tenantId: A, time: 700, score: 320 }]) {
      await store.addReading(reading);
      shown = withReading(shown, reading);
    }
    expect(shown).toEqual(await readScreenRecords(store, A, undefined));
    expect(shown.runs).toEqual([run(100, 200, 300), run(300, 500, 310), run(600, 700, 320)]);
  });

  it('reads the run before the range and only the notes from the first run on', async () => {
    const store = new MemoryStore();
    const note = (time: number) => ({ tenantId: A, time, text: `at ${time}`, edited: time });
    await store.addHistory({ runs: [run(100, 150, 1), run(200, 250, 2), run(300, 350, 3)], notes: [note(120), note(210), note(320)] });
    const shown = await readScreenRecords(store, A, 300);
    expect(shown.runs).toEqual([run(200, 250, 2), run(300, 350, 3)]);
    expect(shown.notes.map((n) => n.time)).toEqual([210, 320]);
  });

  it('writes, replaces and deletes one note', () => {
    const note = { tenantId: A, time: 5, text: 'first', edited: 5 };
    const written = withNote(NO_RECORDS, 5, note);
    expect(written.notes).toEqual([note]);
    expect(withNote(written, 5, { ...note, text: 'second' }).notes.map((n) => n.text)).toEqual(['second']);
    expect(withNote(written, 5, undefined).notes).toEqual([]);
  });
});
