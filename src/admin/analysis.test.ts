import { describe, expect, it } from 'vitest';
import type { AdminSlotClient } from '../worker/client/admin-client.ts';
import { createAnalysis, WINDOW_REUSE_MS } from './analysis.ts';

const NOW = Date.parse('2026-12-30T15:00:00Z');
const windowed = {
  version: 2,
  requires: ['busy-windows'],
  timezone: 'America/New_York',
  providers: [],
  appointmentTypes: [],
};

/** An admin client that records the documents the analysis sends and answers emptily. */
function recordingClient() {
  const seen: { kind: string; docs: unknown[] }[] = [];
  const stats = { elapsedMs: 1, slotCount: 0, diagnosticCount: 0, degraded: false, cached: false };
  const client = {
    lint: async (doc: unknown) => {
      seen.push({ kind: 'lint', docs: [doc] });
      return { result: { ok: true, diagnostics: [] }, stats };
    },
    diff: async (saved: unknown, draft: unknown) => {
      seen.push({ kind: 'diff', docs: [saved, draft] });
      return { result: { ok: true, days: [], added: 0, removed: 0, displacedBusy: [] }, stats };
    },
  } as unknown as AdminSlotClient;
  return { client, seen };
}

describe('the admin analysis', () => {
  it('lints and diffs rules that require busy windows with the saved windows of the four weeks', async () => {
    const { client, seen } = recordingClient();
    const asked: string[] = [];
    const analysis = createAnalysis({
      client,
      now: () => NOW,
      debounceMs: 0,
      busyWindow: async (month) => {
        asked.push(month);
        return { month, start: 0, end: 60_000 };
      },
    });
    analysis.request(windowed, { ...windowed, clinic: { name: 'Edited' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toEqual(['2026-12', '2027-01']);
    const windows = [
      { month: '2026-12', start: 0, end: 60_000 },
      { month: '2027-01', start: 0, end: 60_000 },
    ];
    expect(seen.map((job) => job.kind)).toEqual(['lint', 'diff']);
    for (const job of seen) {
      for (const doc of job.docs) expect((doc as { busyWindows?: unknown }).busyWindows).toEqual(windows);
    }
    analysis.dispose();
  });

  it('asks for each month once for edits in a row, a superseded run leaving its fetch to the next', async () => {
    const { client, seen } = recordingClient();
    const asked: string[] = [];
    let clock = 0;
    const answers: Array<() => void> = [];
    const analysis = createAnalysis({
      client,
      now: () => NOW,
      debounceMs: 0,
      monotonicMs: () => clock,
      busyWindow: (month) => {
        asked.push(month);
        return new Promise((resolve) => answers.push(() => resolve({ month, start: 0, end: 60_000 })));
      },
    });
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    analysis.request(windowed, { ...windowed, clinic: { name: 'A' } });
    await tick();
    // The next edit arrives while the first run still waits for its windows.
    analysis.request(windowed, { ...windowed, clinic: { name: 'AB' } });
    await tick();
    expect(asked).toEqual(['2026-12', '2027-01']);
    for (const answer of answers.splice(0)) answer();
    await tick();
    expect(seen.map((job) => (job.docs.at(-1) as { clinic: { name: string } }).clinic.name)).toEqual([
      'AB',
      'AB',
    ]);

    clock = WINDOW_REUSE_MS - 1;
    analysis.request(windowed, { ...windowed, clinic: { name: 'ABC' } });
    await tick();
    expect(asked).toEqual(['2026-12', '2027-01']);
    expect(seen).toHaveLength(4);

    clock = WINDOW_REUSE_MS;
    analysis.request(windowed, { ...windowed, clinic: { name: 'ABCD' } });
    await tick();
    expect(asked).toEqual(['2026-12', '2027-01', '2026-12', '2027-01']);
    analysis.dispose();
  });

  it('asks again for a month that could not be had, and leaves it out meanwhile', async () => {
    const { client, seen } = recordingClient();
    const asked: string[] = [];
    let failing = true;
    const analysis = createAnalysis({
      client,
      now: () => NOW,
      debounceMs: 0,
      monotonicMs: () => 0,
      busyWindow: async (month) => {
        asked.push(month);
        return month === '2027-01' && failing ? null : { month, start: 0, end: 60_000 };
      },
    });
    analysis.request(windowed, { ...windowed, clinic: { name: 'A' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((seen[0]!.docs[0] as { busyWindows: unknown }).busyWindows).toEqual([
      { month: '2026-12', start: 0, end: 60_000 },
    ]);
    failing = false;
    analysis.request(windowed, { ...windowed, clinic: { name: 'AB' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toEqual(['2026-12', '2027-01', '2027-01']);
    expect((seen.at(-1)!.docs[0] as { busyWindows: unknown[] }).busyWindows).toHaveLength(2);
    analysis.dispose();
  });

  it('leaves a version-1 document as it is', async () => {
    const { client, seen } = recordingClient();
    const v1 = { ...windowed, version: 1, requires: undefined };
    const analysis = createAnalysis({ client, now: () => NOW, debounceMs: 0, busyWindow: async () => ({}) });
    analysis.request(v1, v1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen[0]?.docs[0]).toBe(v1);
    analysis.dispose();
  });
});
