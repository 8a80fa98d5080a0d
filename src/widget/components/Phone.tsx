import type { Store } from '../state.ts';

/**
 * One of the catalogue's sentences about calling the clinic (`sentence`, given the number), its
 * number a `tel:` link; `withoutPhone` when the rules give no phone.
 */
export function CallSentence({
  store,
  sentence,
  withoutPhone,
}: {
  store: Store;
  sentence: (phone: string) => string;
  withoutPhone: string;
}) {
  const phone = store.rules.value?.clinic.phone;
  if (!phone) return <p>{withoutPhone}</p>;
  // The sentence comes whole from the catalogue; a marker splits it around the link. `_self`:
  // a host page's <base target="_blank"> would open an empty tab before the dialer.
  const [before, after] = sentence('\u0000').split('\u0000');
  return (
    <p>
      {before}
      <a class="cs-phone" href={`tel:${phone.replace(/[^\d+]/g, '')}`} target="_self">
        {phone}
      </a>
      {after}
    </p>
  );
}

/** "Call 555-0100 to book." with a `tel:` link, or "please contact the clinic" when no phone is known. */
export function CallToBook({ store }: { store: Store }) {
  const t = store.t.value;
  return <CallSentence store={store} sentence={t.callToBook} withoutPhone={t.contactClinic} />;
}
