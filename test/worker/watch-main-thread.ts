/**
 * Watches the main thread while `work` runs: the longest task Chromium reports (`longtask`
 * entries, 50 ms or more) and the longest gap between 4 ms timer ticks, a probe that sees any block.
 */
export async function watchMainThread<T>(
  work: () => Promise<T>,
): Promise<{ value: T; longestTaskMs: number; longestGapMs: number }> {
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
