import { useEffect, useRef } from 'preact/hooks';
import type { Store } from '../state.ts';

/**
 * A step's heading. It takes focus when an action asked for it (`focusTarget === 'heading'`),
 * so keyboard and screen reader users land at the start of the new step; never on first load,
 * except for a booking the patient followed a link to.
 */
export function Heading({ store, text }: { store: Store; text: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const wanted = store.focusTarget.value === 'heading';
  useEffect(() => {
    // Read again when the effect runs (after paint): a quicker action may have pointed elsewhere.
    if (wanted && ref.current && store.focusTarget.peek() === 'heading') {
      ref.current.focus();
      store.focusTarget.value = null;
    }
  }, [wanted, store]);
  return (
    <h2 ref={ref} tabIndex={-1}>
      {text}
    </h2>
  );
}
