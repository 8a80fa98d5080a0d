import { useEffect } from 'preact/hooks';
import { type LaterSteps, laterSteps, loadLaterSteps } from '../later-steps.ts';
import type { Store } from '../state.ts';
import { Busy } from './Busy.tsx';
import { CallToBook } from './Phone.tsx';
import { RetryButton } from './RetryButton.tsx';

type LaterStepName = 'DetailsStep' | 'ReviewStep' | 'DoneStep' | 'ManageStep' | 'OfferStep';

/**
 * A step from the later part (src/widget/later-steps.ts): shown once loaded, a loading line
 * meanwhile, and on failure a message with a retry and the clinic's phone. Nothing the patient
 * chose or typed is lost while it loads or fails: it lives in the store, not in the step.
 */
export function LaterStep({ store, name }: { store: Store; name: LaterStepName }) {
  const steps = laterSteps.value;
  // Reaching the step loads it, or tries again after a failed prefetch (the patient is here now).
  useEffect(() => {
    const state = laterSteps.peek();
    if (state === null || state === 'failed') void load(store);
  }, [store]);
  const t = store.t.value;
  if (steps === 'failed') {
    return (
      <div class="cs-banner cs-banner--error" part="banner" role="alert">
        <p>{t.stepFailed}</p>
        <CallToBook store={store} />
        <RetryButton store={store} onRetry={() => void load(store)} />
      </div>
    );
  }
  if (steps === null || steps === 'loading') return <Busy text={t.loading} />;
  const Step = steps[name];
  return <Step store={store} />;
}

async function load(store: Store): Promise<LaterSteps | null> {
  const steps = await loadLaterSteps();
  if (steps === null && !store.disposed) {
    store.deps.emit('cs-error', {
      code: 'ASSET_FAILED',
      message: 'Part of the booking form could not be loaded.',
    });
  }
  return steps;
}
