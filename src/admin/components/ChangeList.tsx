/** Changes the slot diff cannot show (a policy, a span moved to another place), for the diff views. */
import { placeChanges } from '../places.ts';

export interface ListedChange {
  key: string;
  /** Whose setting changed: a type's or a provider's name. */
  subject: string;
  before: string;
  after: string;
}

export function ChangeList({
  title,
  testId,
  changes,
}: {
  title: string;
  testId: string;
  changes: ListedChange[];
}) {
  if (changes.length === 0) return null;
  return (
    <>
      <h3>
        {title} ({changes.length})
      </h3>
      <ul class="cs-admin-diags" data-testid={testId}>
        {changes.map((change) => (
          <li key={change.key} class="cs-admin-diag">
            <span class="cs-admin-diag-code">{change.subject}</span>{' '}
            <span class="cs-admin-diag-message">
              <s>{change.before}</s> → {change.after}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Types' own hours and providers' locations that differ between two documents. */
export function PlaceChanges({ before, after }: { before: unknown; after: unknown }) {
  return (
    <ChangeList title="Hours and locations" testId="place-changes" changes={placeChanges(before, after)} />
  );
}
