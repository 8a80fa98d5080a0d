/**
 * `npm run bench:start-tasks`: the widget's main-thread tasks at start, each with what it spent
 * its time on. The page and servers are those of `npm run bench:lighthouse` (sample clinic, built
 * files from a second origin); Chromium is slowed 4x as Lighthouse's mobile preset slows it, and a
 * trace records every task of the page's main thread until the first slots are on screen. Prints,
 * per run, each task over 20 ms (4x) with its five largest parts (script evaluation, a function
 * call by name, style, layout, the first `Intl` formatter…), marking the widget's own (`W`: tasks
 * that evaluate its module, run its timers, take its worker's messages or call into its files),
 * then, over the widget's tasks, the medians of the longest, of the count over 50 ms and of their
 * blocking time (what each lasts past 50 ms, summed, as Total Blocking Time counts it). The page's
 * own tasks (creating the document, its first layout) are shown unmarked. Lighthouse says how long
 * the tasks are; this says why. Run `npm run build` first; `RUNS` (default 5).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright';
import { CHROMIUM_LAUNCH } from '../test/support/chromium.ts';
import { contractApi, hostPage, listen, serveDist } from './contract-server.ts';
import { median } from './stats.ts';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 5);
const CPU_SLOWDOWN = 4;
const SHOWN_TASK_MS = 20;

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; functionName?: string; frame?: string } };
}

interface Task {
  start: number;
  ms: number;
  parts: { label: string; ms: number }[];
  /** Whether the widget's code ran in it (see `widgetsOwn`). */
  widget: boolean;
}

/** Events that only the widget's code starts on this page: its module, its timers, its worker's messages. */
const WIDGET_EVENTS = new Set(['v8.evaluateModule', 'TimerFire', 'HandlePostMessage']);

function widgetsOwn(event: TraceEvent): boolean {
  if (WIDGET_EVENTS.has(event.name)) return true;
  return event.name === 'FunctionCall' && (event.args?.data?.url ?? '').includes('clinic-scheduler');
}

/** Benchmarks print their figures (console.log is kept out of the codebase by the linter). */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A name for a trace event that says what ran: the script's file, the function, or the phase. */
function label(event: TraceEvent): string {
  const data = event.args?.data;
  const file = data?.url ? data.url.split('/').pop()?.split('?')[0] : '';
  if (event.name === 'FunctionCall') return `call ${data?.functionName || '(anonymous)'} ${file}`.trim();
  if (event.name === 'EvaluateScript' || event.name === 'v8.compile') return `${event.name} ${file}`.trim();
  return event.name;
}

/** The main thread's tasks over SHOWN_TASK_MS, each with its largest direct and nested parts. */
function tasksOf(events: TraceEvent[]): Task[] {
  const main = events.find((event) => event.name === 'CrRendererMain' || event.name === 'thread_name');
  const rendererMain = events.find(
    (event) =>
      event.name === 'thread_name' &&
      (event.args as { name?: string } | undefined)?.name === 'CrRendererMain',
  );
  const thread = rendererMain ?? main;
  if (!thread) return [];
  const onMain = events.filter(
    (event) =>
      event.pid === thread.pid && event.tid === thread.tid && event.ph === 'X' && event.dur !== undefined,
  );
  const runs = onMain.filter((event) => event.name === 'RunTask' && (event.dur ?? 0) / 1000 >= SHOWN_TASK_MS);
  const PARTS = new Set([
    'EvaluateScript',
    'v8.compile',
    'FunctionCall',
    'TimerFire',
    'UpdateLayoutTree',
    'Layout',
    'Paint',
    'ParseHTML',
    'V8.CollectSourcePositions',
    'MajorGC',
    'MinorGC',
    'v8.parseOnBackground',
    'RunMicrotasks',
  ]);
  return runs.map((task) => {
    const end = task.ts + (task.dur ?? 0);
    const inside = onMain.filter(
      (event) => event !== task && event.ts >= task.ts && event.ts < end && PARTS.has(event.name),
    );
    const byLabel = new Map<string, number>();
    for (const event of inside)
      byLabel.set(label(event), (byLabel.get(label(event)) ?? 0) + (event.dur ?? 0) / 1000);
    const parts = [...byLabel]
      .map(([name, ms]) => ({ label: name, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5);
    const widget = onMain.some(
      (event) => event.ts >= task.ts && event.ts < end && event !== task && widgetsOwn(event),
    );
    return { start: task.ts, ms: (task.dur ?? 0) / 1000, parts, widget };
  });
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/clinic-scheduler.mjs'))) throw new Error('Run npm run build first.');
  const rules = JSON.parse(await readFile(join(root, 'public/sample-clinic.json'), 'utf8'));
  const api = contractApi(rules, []);
  const cdn = await listen(serveDist('gzip'));
  const site = await listen(async (req, res) => {
    if (api(req, res)) return;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(hostPage(`http://127.0.0.1:${cdn.port}`));
  });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const longest: number[] = [];
  const over50: number[] = [];
  const blocking: number[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (message) => {
        events.push(...(message.value as unknown as TraceEvent[]));
      });
      const done = new Promise<void>((resolveDone) =>
        cdp.once('Tracing.tracingComplete', () => resolveDone()),
      );
      await cdp.send('Tracing.start', {
        categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.execute,__metadata',
        transferMode: 'ReportEvents',
      });
      await page.goto(`http://localhost:${site.port}/`);
      // CDP's own evaluate: Playwright's waitForFunction would first evaluate its injected script
      // in the page, a task of 30 to 90 ms at 4x in the middle of the start.
      await cdp.send('Runtime.evaluate', {
        awaitPromise: true,
        timeout: 60_000,
        expression: `new Promise((done) => (function check() {
          if (document.querySelector('clinic-scheduler')?.shadowRoot?.querySelector('.cs-slot')) done(true);
          else setTimeout(check, 50);
        })())`,
      });
      await page.waitForTimeout(500);
      await cdp.send('Tracing.end');
      await done;
      const tasks = tasksOf(events);
      const first = tasks[0]?.start ?? 0;
      print(`run ${run}: ${tasks.length} tasks over ${SHOWN_TASK_MS} ms (${CPU_SLOWDOWN}x)`);
      for (const task of tasks) {
        const parts = task.parts.map((part) => `${part.label} ${part.ms.toFixed(0)}`).join(', ');
        print(
          `${task.widget ? 'W' : ' '} +${((task.start - first) / 1000).toFixed(0).padStart(5)} ms  ${task.ms.toFixed(0).padStart(4)} ms  ${parts}`,
        );
      }
      const widgets = tasks.filter((task) => task.widget);
      longest.push(Math.max(0, ...widgets.map((task) => task.ms)));
      over50.push(widgets.filter((task) => task.ms > 50).length);
      blocking.push(widgets.reduce((sum, task) => sum + Math.max(0, task.ms - 50), 0));
      await context.close();
    }
  } finally {
    await browser.close();
    for (const server of [cdn.server, site.server]) await new Promise((closed) => server.close(closed));
  }
  print('');
  print(
    `${RUNS} runs, the widget's tasks, medians: longest ${median(longest).toFixed(0)} ms (max ${Math.max(...longest).toFixed(0)} ms), ` +
      `over 50 ms ${median(over50)}, blocking time ${median(blocking).toFixed(0)} ms`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
