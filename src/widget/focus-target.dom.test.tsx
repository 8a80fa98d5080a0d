import { signal } from '@preact/signals';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Heading } from './components/Heading.tsx';
import type { Store } from './state.ts';

/** The part of a store a heading reads. */
function storeWith(focusTarget: string | null): Store {
  return { focusTarget: signal(focusTarget) } as unknown as Store;
}

/** Preact runs effects after the browser paints: rendered outside `act`, as in a page. */
function draw(store: Store): HTMLHeadingElement {
  const container = document.createElement('div');
  document.body.append(container);
  render(<Heading store={store} text="Your details" />, container);
  return container.querySelector('h2')!;
}

const painted = () => new Promise((resolve) => setTimeout(resolve, 100));

afterEach(() => {
  document.body.replaceChildren();
});

describe('a focus target', () => {
  it("is taken by the step's heading once it is drawn", async () => {
    const store = storeWith('heading');
    const heading = draw(store);
    await painted();
    expect(document.activeElement).toBe(heading);
    expect(store.focusTarget.value).toBeNull();
  });

  it('is not taken by the heading when a quicker action pointed elsewhere before its effect ran', async () => {
    const store = storeWith('heading');
    const heading = draw(store);
    // A Continue pressed before the drawn step's effects ran: its first problem wants the focus.
    store.focusTarget.value = 'answer:insurer';
    await painted();
    expect(document.activeElement).not.toBe(heading);
    expect(store.focusTarget.value).toBe('answer:insurer');
  });
});
