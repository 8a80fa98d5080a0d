/** One field's changes per appointment type, for the diff views (src/admin/type-changes.ts). */
import { policyChanges } from '../policy.ts';
import { questionChanges } from '../questions.ts';
import type { TypeChange } from '../type-changes.ts';

export function TypeChanges({
  title,
  testId,
  changes,
}: {
  title: string;
  testId: string;
  changes: TypeChange[];
}) {
  if (changes.length === 0) return null;
  return (
    <>
      <h3>
        {title} ({changes.length})
      </h3>
      <ul class="cs-admin-diags" data-testid={testId}>
        {changes.map((change) => (
          <li key={change.typeId} class="cs-admin-diag">
            <span class="cs-admin-diag-code">{change.typeName}</span>{' '}
            <span class="cs-admin-diag-message">
              <s>{change.before}</s> → {change.after}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** What the slot diff cannot show: the types' change policies and questions that differ. */
export function TypeFieldChanges({ before, after }: { before: unknown; after: unknown }) {
  return (
    <>
      <TypeChanges title="Change policies" testId="policy-changes" changes={policyChanges(before, after)} />
      <TypeChanges title="Questions" testId="question-changes" changes={questionChanges(before, after)} />
    </>
  );
}
