import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { useTaskAfter } from './task-after.ts';

function Probe({ ready }: { ready: boolean }) {
  return <p>{useTaskAfter(ready) ? 'rest drawn' : 'first part'}</p>;
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const root = document.createElement('div');

afterEach(() => render(null, root));

describe('useTaskAfter', () => {
  it('is false through the render that makes it ready and true from the next task on', async () => {
    render(<Probe ready={false} />, root);
    await nextTask();
    await nextTask();
    expect(root.textContent).toBe('first part');
    render(<Probe ready={true} />, root);
    expect(root.textContent).toBe('first part');
    await nextTask();
    expect(root.textContent).toBe('rest drawn');
    render(<Probe ready={false} />, root);
    expect(root.textContent).toBe('rest drawn');
  });

  it('drops its timer when the component goes before the next task', async () => {
    render(<Probe ready={true} />, root);
    render(null, root);
    await nextTask();
    expect(root.textContent).toBe('');
  });
});
