import { switchZone } from '../actions/slots.ts';
import { formatZoneName } from '../format.ts';
import type { Store } from '../state.ts';
import { sameOffset } from '../time.ts';

/** Names the zone times are shown in, and offers the other one when the clinic's differs. */
export function ZoneBar({ store }: { store: Store }) {
  const t = store.t.value;
  const locale = store.locale.value.intl;
  const now = store.deps.now();
  const zone = store.viewZone.value;
  const name = formatZoneName(zone, locale, now);
  const differs = !sameOffset(store.patientZone.value, store.clinicZone.value, now);
  const clinicShown = store.zoneChoice.value === 'clinic' && differs;
  return (
    <div class="cs-zone">
      <span>{clinicShown ? t.shownInClinicZone(name) : t.shownInYourZone(name)}</span>
      {differs && (
        <button type="button" class="cs-link" onClick={() => switchZone(store)}>
          {clinicShown ? t.showYourZone : t.showClinicZone}
        </button>
      )}
    </div>
  );
}
