import { retryRules } from '../actions/rules.ts';
import { retrySlots } from '../actions/slots.ts';
import type { Store } from '../state.ts';
import { CallToBook } from './Phone.tsx';
import { RetryButton } from './RetryButton.tsx';

/** The one message banner: errors are announced assertively (role=alert), notes politely. */
export function Notice({ store }: { store: Store }) {
  const notice = store.notice.value;
  const t = store.t.value;
  return (
    <div role={notice?.kind === 'info' ? 'status' : 'alert'} class="cs-notice">
      {notice && (
        <div class={`cs-banner${notice.kind === 'error' ? ' cs-banner--error' : ''}`} part="banner">
          <p>{t[notice.key]}</p>
          {notice.phone && <CallToBook store={store} />}
          {notice.retry === 'rules' && <RetryButton store={store} onRetry={() => retryRules(store)} />}
          {notice.retry === 'month' && <RetryButton store={store} onRetry={() => retrySlots(store)} />}
        </div>
      )}
    </div>
  );
}
