import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * False until a task after the first render in which `ready` is true, then true for the
 * component's life. A large drawing (a month's calendar, a day's times) is then split in two: what
 * can be drawn now, and the rest in a task of its own, so that neither is one long task on a slow
 * phone that blocks the host page's input. A layout effect rather than an effect: it runs as the
 * render ends, so the rest comes in the very next task, not after a frame.
 */
export function useTaskAfter(ready: boolean): boolean {
  const [later, setLater] = useState(false);
  useLayoutEffect(() => {
    if (!ready || later) return;
    const timer = setTimeout(() => setLater(true), 0);
    return () => clearTimeout(timer);
  }, [ready, later]);
  return later;
}
