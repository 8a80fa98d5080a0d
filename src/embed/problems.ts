/**
 * Configuration problems made visible three ways: a `console.warn` with the code and a link to
 * the troubleshooting guide (for the developer), a `cs-error` event (for the host's monitoring)
 * and a notice inside the element (so a misconfigured widget is never an empty box).
 */
import type { WidgetEmit } from '../widget/events.ts';
import { type EmbedProblem, TROUBLESHOOTING_LINK } from './options.ts';

/** Shows `problems` in `container` (hidden when there are none). Text only: never HTML. */
export function renderProblems(container: HTMLElement, problems: readonly EmbedProblem[]): void {
  container.replaceChildren();
  container.hidden = problems.length === 0;
  if (problems.length === 0) {
    container.removeAttribute('role');
    return;
  }
  container.setAttribute('role', 'alert');
  const doc = container.ownerDocument;
  const title = doc.createElement('p');
  title.className = 'cs-embed-notice-title';
  title.textContent = problems.some((problem) => problem.fatal)
    ? 'This booking calendar cannot be shown.'
    : 'This booking calendar is not set up correctly.';
  const list = doc.createElement('ul');
  for (const problem of problems) {
    const item = doc.createElement('li');
    item.textContent = `${problem.message} (${problem.code})`;
    list.append(item);
  }
  container.append(title, list);
}

/**
 * Warns in the console and sends one `cs-error` per problem. The events wait for a microtask so
 * a listener added right after the element is inserted still hears them.
 */
export function reportProblems(problems: readonly EmbedProblem[], emit: WidgetEmit): void {
  for (const problem of problems) {
    console.warn(`[clinic-scheduler] ${problem.code}: ${problem.message} See ${TROUBLESHOOTING_LINK}`);
  }
  queueMicrotask(() => {
    for (const problem of problems) emit('cs-error', { code: problem.code, message: problem.message });
  });
}
