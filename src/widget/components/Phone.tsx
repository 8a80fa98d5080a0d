import type { Store } from '../state.ts';

/** "Call 555-0100 to book." with a `tel:` link, or "please contact the clinic" when no phone is known. */
export function CallToBook({ store }: { store: Store }) {
  const t = store.t.value;
  const phone = store.rules.value?.clinic.phone;
  if (!phone) return <p>{t.contactClinic}</p>;
  // The sentence comes whole from the catalogue; a marker splits it around the link. `_self`:
  // a host page's <base target="_blank"> would open an empty tab before the dialer.
  const [before, after] = t.callToBook('\u0000').split('\u0000');
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
