// @vitest-environment node
// The sync engine in Node against the emulator's app folder, with two devices' stores: what each reads
// reaches the other, an unchanged history writes nothing, and 412, 429, 500, a full drive or a hand-edited
// file never lose or change a reading.
import { describe, expect, it } from 'vitest';
import { AVERY_ADMIN as AVERY, CONTOSO_TENANT_ID as TENANT } from '../../emulator/demo.mjs';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { recordDeletions } from '../../src/lib/history/deletions';
import { graphDrive } from '../../src/lib/sync/graph-drive';
import { historySyncLocal } from '../../src/lib/sync/history-sync-local';
import { sha256, syncOnce, type KnownFiles } from '../../src/lib/sync/sync-engine';
import { useEmulator } from './harness';

const emu = useEmulator();
const SCOPE = 'https://graph.microsoft.com/Files.ReadWrite.AppFolder openid profile offline_access';
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 9, 31, 20);

class Device {
  readonly store = new MemoryStore();
  known: KnownFiles = {};
  calls = 0;
  constructor(private readonly token: string) {}

  async read(hour: number, score: number) {
    await this.store.rememberTenant({ tenantId: TENANT, label: 'contoso.example', lastUsed: T0 });
    await this.store.addReading({ tenantId: TENANT, time: T0 + hour * HOUR, score });
  }

  async sync() {
    const drive = graphDrive({
      graphOrigin: emu.base,
      token: async () => this.token,
      fetch: (input, init) => ((this.calls += 1), fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), Origin: 'http://localhost' } })),
      isOnline: () => true,
    });
    const outcome = await syncOnce({ drive, local: historySyncLocal(this.store), known: this.known, now: () => T0 + 100 * HOUR, hash: sha256 });
    this.known = outcome.ok ? outcome.value.known : outcome.error.known;
    return outcome;
  }

  runs() {
    return this.store.runsFor(TENANT).then((runs) => runs.map(({ firstSeen, lastSeen, score }) => [(firstSeen - T0) / HOUR, (lastSeen - T0) / HOUR, score]));
  }
}

async function twoDevices() {
  const token = await emu.token(AVERY.oid, SCOPE);
  return [new Device(token), new Device(token)] as const;
}

describe('syncing the history through the app folder', () => {
  it('brings each device’s readings to the other, across a month’s end, and then writes nothing more', async () => {
    const [a, b] = await twoDevices();
    await a.read(0, 300);
    await a.read(1, 300);
    await b.read(2, 300);
    await b.read(5, 310);
    expect((await a.sync()).ok).toBe(true);
    expect((await b.sync()).ok).toBe(true);
    const last = await a.sync();
    // Runs of one score that do not touch stay apart: no device saw the score between hours 1 and 2.
    expect(await a.runs()).toEqual([[0, 1, 300], [2, 2, 300], [5, 5, 310]]);
    expect(await b.runs()).toEqual(await a.runs());
    expect(last.ok && last.value.uploaded).toEqual([]);
    const again = await b.sync();
    expect(again.ok && [again.value.downloaded, again.value.uploaded]).toEqual([[], []]);
  });

  it('keeps the later edit of a note on both devices', async () => {
    const [a, b] = await twoDevices();
    await a.read(0, 300);
    await a.sync();
    await b.sync();
    await a.store.putNote({ tenantId: TENANT, time: T0, text: 'patched', edited: T0 + 2 * HOUR });
    await b.store.putNote({ tenantId: TENANT, time: T0, text: 'rolled back', edited: T0 + 3 * HOUR });
    await b.sync();
    await a.sync();
    await b.sync();
    expect((await a.store.notesFor(TENANT)).map((note) => note.text)).toEqual(['rolled back']);
    expect((await b.store.notesFor(TENANT)).map((note) => note.text)).toEqual(['rolled back']);
  });

  it('re-reads, merges and writes again on a 412; stops on 429, 500 or a full drive with nothing lost', async () => {
    const [a, b] = await twoDevices();
    await a.read(0, 300);
    await a.sync();
    await b.read(3, 320);
    await emu.control.fault({ endpoint: 'driveUpload', status: 412, times: 2 });
    expect((await b.sync()).ok).toBe(true);
    await b.read(4, 330);
    for (const fault of [{ endpoint: 'driveList', status: 429 }, { endpoint: 'driveUpload', status: 500 }, { endpoint: 'driveContent', status: 503 }] as const) {
      await a.read(6, 340);
      await emu.control.fault(fault);
      const before = await a.runs();
      const failed = await a.sync();
      expect(failed.ok).toBe(false);
      if (!failed.ok) expect(failed.error.failure.kind).toBe(fault.status === 500 ? 'server' : 'throttled');
      expect(await a.runs()).toEqual(before);
    }
    await emu.control.driveQuota(0);
    await b.sync();
    await b.read(7, 350);
    const full = await b.sync();
    expect(!full.ok && full.error.failure.kind).toBe('quota');
    await emu.control.driveQuota(null);
    await b.sync();
    await a.sync();
    await b.sync();
    expect(await a.runs()).toEqual([[0, 0, 300], [3, 3, 320], [4, 4, 330], [6, 6, 340], [7, 7, 350]]);
    expect(await b.runs()).toEqual(await a.runs());
  });

  it('skips a hand-edited file by name and reason, merging none of it, and writes a missing file again', async () => {
    const [a, b] = await twoDevices();
    await a.read(0, 300);
    await a.read(30, 310);
    await a.sync();
    const name = `history-${TENANT}-2026-11.json`;
    await emu.control.driveFile({ name, text: '{"format":"scoreline.sync","version":1,"kind":"history"' });
    const outcome = await b.sync();
    expect(outcome.ok && outcome.value.skipped).toEqual([{ name, reason: 'it is not JSON' }]);
    expect(await b.runs()).toEqual([[0, 0, 300]]);
    // Edited again, and the sync then fails: the file is still named, and still not merged.
    await emu.control.driveFile({ name, text: '{"format":"scoreline.sync","version":7}' });
    await b.read(1, 320);
    await emu.control.fault({ endpoint: 'driveUpload', status: 500 });
    const failed = await b.sync();
    expect(!failed.ok && failed.error.known[name]?.skipped).toBe('it was written by a newer version of Scoreline; update this one');
    await emu.control.clearDrive();
    const rewritten = await a.sync();
    expect(rewritten.ok && rewritten.value.uploaded.length).toBeGreaterThanOrEqual(2);
    expect(await a.runs()).toEqual([[0, 0, 300], [30, 30, 310]]);
  });

  it('a deletion on one device removes the older readings on the other, and keeps the later ones', async () => {
    const [a, b] = await twoDevices();
    await a.read(0, 300);
    await a.sync();
    await b.sync();
    await a.store.deleteTenantHistory(TENANT);
    await recordDeletions(a.store, new Map([[TENANT, T0 + 2 * HOUR]]));
    await b.read(3, 310);
    await a.sync();
    await b.sync();
    await a.sync();
    expect(await b.runs()).toEqual([[3, 3, 310]]);
    expect(await a.runs()).toEqual([[3, 3, 310]]);
  });

  it('a note, goal or rule deleted on one device stays deleted on both, and an edit made after the deletion wins', async () => {
    const [a, b] = await twoDevices();
    await a.read(0, 300);
    await a.store.putNote({ tenantId: TENANT, time: T0, text: 'patched', edited: T0 + HOUR });
    await a.store.putNote({ tenantId: TENANT, time: T0 + HOUR, text: 'audit', edited: T0 + HOUR });
    await a.store.putGoal({ tenantId: TENANT, target: 500, edited: T0 + HOUR });
    await a.store.putAlertRule({ tenantId: TENANT, id: 'r1', kind: 'drop-points', points: 10, edited: T0 + HOUR });
    await a.sync();
    await b.sync();
    expect(await b.store.notesFor(TENANT)).toHaveLength(2);
    await b.store.deleteNote(TENANT, T0, T0 + 2 * HOUR);
    await b.store.deleteNote(TENANT, T0 + HOUR, T0 + 2 * HOUR);
    await b.store.deleteGoal(TENANT, T0 + 2 * HOUR);
    await b.store.deleteAlertRule(TENANT, 'r1', T0 + 2 * HOUR);
    // Meanwhile a writes one of the notes again: a later edit than b's deletion.
    await a.store.putNote({ tenantId: TENANT, time: T0 + HOUR, text: 'audit, second look', edited: T0 + 3 * HOUR });
    await b.sync();
    await a.sync();
    await b.sync();
    for (const device of [a, b]) {
      expect(await device.store.notesFor(TENANT)).toEqual([{ tenantId: TENANT, time: T0 + HOUR, text: 'audit, second look', edited: T0 + 3 * HOUR }]);
      expect(await device.store.goalOf(TENANT)).toBeUndefined();
      expect(await device.store.alertRules(TENANT)).toEqual([]);
      expect(await device.runs()).toEqual([[0, 0, 300]]);
    }
    // Synced again, nothing comes back and nothing is written.
    const again = await a.sync();
    expect(again.ok && again.value.uploaded).toEqual([]);
  });
});
