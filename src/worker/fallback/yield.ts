/**
 * Gives the event loop a turn (input, rendering, timers) and resumes. A MessageChannel message is
 * used where there is one: nested `setTimeout(0)` calls are clamped to 4 ms each by browsers.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      channel.port2.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
