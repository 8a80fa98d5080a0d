/**
 * What a refused save needs from the admin: a newer saved version (412), shown as the diff from
 * it to the draft, to take over or to overwrite knowingly; or upcoming bookings the draft would
 * orphan (409), listed, to keep as plain busy time or to go back and keep their types and providers.
 */
import type { OrphanedBookings, RulesConflict } from '../../api/types.ts';
import type { AdminSlotClient } from '../../worker/client/admin-client.ts';
import { clinicZone } from '../analysis.ts';
import { withBookingBusy } from '../base.ts';
import { savedLine } from '../format.ts';
import type { AdminPage } from '../page.ts';
import type { AdminStore } from '../store.ts';
import { namesOf } from './DiffTable.tsx';
import { VersionDiff } from './VersionDiff.tsx';

const PROBLEMS: Record<OrphanedBookings['problem'], string> = {
  TYPE_REMOVED: 'the appointment type is removed',
  PROVIDER_REMOVED: 'the provider is removed',
  PROVIDER_NO_LONGER_OFFERS: 'the provider no longer offers this type',
};

export function OrphanList({ orphans, docs }: { orphans: readonly OrphanedBookings[]; docs: unknown[] }) {
  const types = namesOf(docs, 'appointmentTypes');
  const providers = namesOf(docs, 'providers');
  return (
    <ul class="cs-admin-orphans" data-testid="orphans">
      {orphans.map((group) => (
        <li key={`${group.appointmentTypeId}\u0000${group.providerId}`}>
          {types.get(group.appointmentTypeId) ?? group.appointmentTypeId} with{' '}
          {providers.get(group.providerId) ?? group.providerId}: {group.count} upcoming booking
          {group.count === 1 ? '' : 's'} ({PROBLEMS[group.problem] ?? group.problem})
        </li>
      ))}
    </ul>
  );
}

function Conflict({
  page,
  store,
  conflict,
  client,
  now,
}: {
  page: AdminPage;
  store: AdminStore;
  conflict: RulesConflict;
  client: AdminSlotClient;
  now: () => number;
}) {
  const newer = withBookingBusy(conflict.document, page.bookingBusy.value);
  const zone = clinicZone(store.draft.value, conflict.document);
  return (
    <section class="cs-admin-panel cs-admin-wide cs-admin-conflict" aria-labelledby="cs-admin-conflict-title">
      <h2 id="cs-admin-conflict-title">Newer rules were saved: your draft was not</h2>
      <p data-testid="conflict-summary">
        Version {conflict.version} was saved {savedLine(conflict.savedAt, conflict.savedBy, zone)}, after your
        draft was opened. Below: what your draft would change compared with version {conflict.version}.
      </p>
      <VersionDiff
        client={client}
        now={now}
        before={newer}
        after={store.draft.value}
        lane="conflict"
        testId="conflict-total"
      />
      <div class="cs-admin-actions">
        <button type="button" onClick={() => page.takeOver(conflict)}>
          Use version {conflict.version} (discard my draft)
        </button>
        <button
          type="button"
          class="cs-admin-danger"
          onClick={() => void store.saveDraft({ overwrite: conflict })}
        >
          Save my draft over version {conflict.version}
        </button>
      </div>
    </section>
  );
}

function Orphans({ store, orphans }: { store: AdminStore; orphans: readonly OrphanedBookings[] }) {
  const total = orphans.reduce((sum, group) => sum + group.count, 0);
  return (
    <section class="cs-admin-panel cs-admin-wide cs-admin-conflict" aria-labelledby="cs-admin-orphans-title">
      <h2 id="cs-admin-orphans-title">
        {total} upcoming booking{total === 1 ? '' : 's'} would lose {total === 1 ? 'its' : 'their'} type or
        provider
      </h2>
      <p>
        The draft was not saved. Keep those types and providers in the draft, or keep the bookings as busy
        time: their patients keep their visits and no one else can book those times.
      </p>
      <OrphanList orphans={orphans} docs={[store.draft.value, store.saved.value]} />
      <div class="cs-admin-actions">
        <button type="button" onClick={() => void store.saveDraft({ keepOrphans: true })}>
          Keep them as busy time and save
        </button>
        <button
          type="button"
          onClick={() => {
            store.save.value = { status: 'idle', message: '', errors: [] };
          }}
        >
          Back to the draft
        </button>
      </div>
    </section>
  );
}

export function SaveProblems(props: {
  page: AdminPage;
  store: AdminStore;
  client: AdminSlotClient;
  now: () => number;
}) {
  const save = props.store.save.value;
  if (save.status === 'conflict' && save.conflict) return <Conflict {...props} conflict={save.conflict} />;
  if (save.status === 'orphans' && save.orphans)
    return <Orphans store={props.store} orphans={save.orphans} />;
  return null;
}
