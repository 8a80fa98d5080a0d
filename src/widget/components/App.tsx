import type { Store } from '../state.ts';
import { Busy } from './Busy.tsx';
import { LaterStep } from './LaterStep.tsx';
import { Notice } from './Notice.tsx';
import { PreviewBar } from './PreviewBar.tsx';
import { useTaskAfter } from './task-after.ts';
import { WhatStep } from './WhatStep.tsx';
import { WhenStep } from './WhenStep.tsx';

/** The widget's frame: header, preview marking, messages, the live region and the current step. */
export function App({ store }: { store: Store }) {
  const t = store.t.value;
  const preview = store.options.value.mode === 'preview';
  const loading = store.rulesStatus.value === 'loading';
  // Nothing is worded until the page's language has loaded (no English flash on a Spanish page).
  const ready = store.messagesReady.value;
  // A booking or an offer opened from a link loads beside the rules, not after them.
  const fromLink = store.step.value === 'manage' || store.step.value === 'offer';
  const waiting = !ready || (loading && !fromLink);
  // The first step is drawn in the task after the one that brought the rules, which installs
  // them and posts the first slots job (task-after.ts).
  const drawable = useTaskAfter(!waiting) || store.rulesStatus.value === 'failed';
  // Direction is inherited through the shadow root: on a right-to-left host page the calendar
  // would read backwards to its arrow keys. Both of the widget's languages read left to right.
  return (
    <section
      class="cs-root"
      part="container"
      aria-label={store.options.value.regionLabel ?? t.widgetLabel}
      lang={store.locale.value.intl}
      dir="ltr"
      aria-busy={loading ? 'true' : 'false'}
    >
      <header class="cs-header" part="header">
        <span class="cs-clinic">{store.rules.value?.clinic.name ?? ''}</span>
      </header>
      {preview && <PreviewBar store={store} />}
      <Notice store={store} />
      <div role="status" aria-live="polite" class="cs-visually-hidden" data-live="polite">
        {store.announcement.value}
      </div>
      {waiting || !drawable ? <Busy text={ready ? t.loading : ''} /> : <CurrentStep store={store} />}
    </section>
  );
}

function CurrentStep({ store }: { store: Store }) {
  const step = store.step.value;
  if (store.rulesStatus.value === 'failed' && step !== 'manage' && step !== 'offer') return null;
  switch (step) {
    case 'what':
      return <WhatStep store={store} />;
    case 'when':
      return <WhenStep store={store} />;
    case 'details':
      return <LaterStep store={store} name="DetailsStep" />;
    case 'review':
      return <LaterStep store={store} name="ReviewStep" />;
    case 'done':
      return <LaterStep store={store} name="DoneStep" />;
    case 'manage':
      return <LaterStep store={store} name="ManageStep" />;
    case 'offer':
      return <LaterStep store={store} name="OfferStep" />;
  }
}
