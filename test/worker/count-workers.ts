/**
 * Wraps the page's `Worker` constructor to count workers made and terminated, so a test can
 * prove none is left alive. `restore()` puts the original back.
 */
export function countWorkers() {
  const Original = globalThis.Worker;
  const counts = { constructed: 0, terminated: 0, urls: [] as string[] };
  class CountedWorker extends Original {
    private ended = false;
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      counts.constructed++;
      counts.urls.push(String(url));
    }
    override terminate(): void {
      if (!this.ended) counts.terminated++;
      this.ended = true;
      super.terminate();
    }
  }
  globalThis.Worker = CountedWorker;
  return {
    counts,
    live: () => counts.constructed - counts.terminated,
    restore: () => {
      globalThis.Worker = Original;
    },
  };
}
