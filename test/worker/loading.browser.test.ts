import { describe, expect, inject, it } from 'vitest';
import { createAdminClient } from '../../src/worker/client/admin-client.ts';
import { type ClientEvent, createSlotClient } from '../../src/worker/client/client.ts';
import { type WorkerSource, workerSource } from '../../src/worker/client/worker-source.ts';
import clinic from '../fixtures/workers/clinic-rules.json' with { type: 'json' };
import { countWorkers } from './count-workers.ts';
import { rejection } from './rejection.ts';

const monday = {
  appointmentTypeId: 'visit',
  from: '2026-12-07',
  to: '2026-12-07',
  now: '2026-11-24T12:00:00Z',
};
const origin = inject('testOrigin');
const builtWorker = `${origin}/dist/slots-worker.js`;
const builtAdminWorker = `${origin}/dist/admin-worker.js`;

async function requireBuiltWorker(url = builtWorker): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`${url} is missing: run npm run build`);
}

interface PageReport {
  ok: boolean;
  error?: string;
  blobWorkerRefused?: boolean;
  providers?: string[];
  degraded?: boolean;
  events?: string[];
  engineOnPage?: boolean;
}

/** Loads a fixture page of the second origin in an iframe and waits for its report. */
function reportOf(page: string): Promise<PageReport> {
  const frame = document.createElement('iframe');
  frame.src = `${origin}/test/fixtures/workers/${page}?dev=${encodeURIComponent(location.origin)}`;
  return new Promise<PageReport>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`${page} did not report within 15 s`)), 15_000);
    const onMessage = (event: MessageEvent) => {
      if (event.source === frame.contentWindow && event.data?.source === 'csp-page') finish(event.data);
    };
    const finish = (outcome: PageReport | Error) => {
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      frame.remove();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    window.addEventListener('message', onMessage);
    document.body.append(frame);
  });
}

describe('loading the slot worker where the widget is embedded', () => {
  it('starts the built worker from another origin through a same-origin blob: bootstrap', async () => {
    await requireBuiltWorker();
    expect(new URL(builtWorker).origin).not.toBe(location.origin);
    const counter = countWorkers();
    try {
      const events: ClientEvent[] = [];
      const client = createSlotClient({ workerUrl: builtWorker, onEvent: (e) => events.push(e) });
      const result = await client.slots(clinic, monday, { deadlineMs: 10_000 });
      expect(result.slots.map((s) => s.providerId)).toEqual(['kim', 'lee', 'kim', 'lee', 'lee']);
      expect(result.stats.degraded).toBe(false);
      expect(counter.counts.urls).toHaveLength(1);
      expect(counter.counts.urls[0]).toMatch(/^blob:http:\/\/localhost:\d+\//);
      expect(events.map((e) => e.type)).toEqual(['job-done']);
      client.dispose();
      expect(counter.live()).toBe(0);
    } finally {
      counter.restore();
    }
  });

  it("starts a worker on another origin from a blob: of the module's own copy of its text, with no download", async () => {
    const text = 'postMessage({ type: "from-the-text" });';
    const received = async (source: WorkerSource) => {
      const worker = source.create() as Worker;
      try {
        return await new Promise<unknown>((resolve, reject) => {
          worker.onmessage = (event) => resolve(event.data);
          worker.onerror = (event) => reject(new Error(event.message || 'the worker failed'));
        });
      } finally {
        worker.terminate();
        source.dispose();
      }
    };
    const counter = countWorkers();
    try {
      // The URL names no file at all: the text alone must be what runs.
      const crossOrigin = workerSource(`${origin}/dist/no-such-worker.js`, 'patient', text);
      expect(await received(crossOrigin)).toEqual({ type: 'from-the-text' });
      const [blobUrl] = counter.counts.urls;
      expect(blobUrl).toMatch(/^blob:http:\/\/localhost:\d+\//);
      // Released with the source, as the bootstrap's blob: is.
      await expect(fetch(blobUrl!)).rejects.toThrow(TypeError);
      // On the page's own origin the file is started directly, so `worker-src 'self'` suffices.
      const sameOrigin = new URL('../fixtures/workers/announce.js', import.meta.url).href;
      expect(await received(workerSource(sameOrigin, 'patient', text))).toEqual({ type: 'announced' });
      expect(counter.counts.urls[1]).toBe(sameOrigin);
    } finally {
      counter.restore();
    }
  });

  it('lints and diffs only in the built admin worker; the built patient worker refuses them', async () => {
    await requireBuiltWorker(builtAdminWorker);
    const admin = createAdminClient({ workerUrl: builtAdminWorker, deadlineMs: 10_000 });
    // An admin client pointed at the patient's worker by mistake.
    const misdirected = createAdminClient({ workerUrl: builtWorker, deadlineMs: 10_000 });
    try {
      const lint = await admin.lint(clinic, { now: monday.now });
      expect([lint.result.ok, lint.stats.degraded]).toEqual([true, false]);
      const diff = await admin.diff(clinic, clinic, { now: monday.now, from: monday.from, to: monday.to });
      expect(diff.result.ok).toBe(true);
      expect((await admin.slots(clinic, monday)).slots).toHaveLength(5);
      const refused = await rejection(misdirected.lint(clinic, { now: monday.now }));
      expect([refused.code, refused.message]).toEqual([
        'PROTOCOL',
        "This worker answers slots and validate requests only: lint and diff run in the admin worker, admin-worker.js (the admin client's workerUrl must name that file).",
      ]);
    } finally {
      admin.dispose();
      misdirected.dispose();
    }
  });

  it("works under a strict CSP (worker-src 'self', no blob:) through a self-hosted workerUrl", async () => {
    await requireBuiltWorker();
    const report = await reportOf('strict-csp.html');
    expect(report).toEqual({
      source: 'csp-page',
      ok: true,
      blobWorkerRefused: true,
      providers: ['kim', 'lee', 'kim', 'lee', 'lee'],
      degraded: false,
      events: ['job-done'],
      engineOnPage: false,
    });
  });

  it('falls back to the main thread, loading the engine from the worker file, when no worker may start', async () => {
    await requireBuiltWorker();
    const report = await reportOf('no-workers.html');
    expect(report).toEqual({
      source: 'csp-page',
      ok: true,
      blobWorkerRefused: true,
      providers: ['kim', 'lee', 'kim', 'lee', 'lee'],
      degraded: true,
      events: ['degraded', 'job-done'],
      engineOnPage: true,
    });
  });
});
