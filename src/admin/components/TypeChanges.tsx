/** One field's changes per appointment type, for the diff views (src/admin/type-changes.ts). */
import { policyChanges } from '../policy.ts';
import { questionChanges } from '../questions.ts';
import type { TypeChange } from '../type-changes.ts';
import { ChangeList, type ListedChange } from './ChangeList.tsx';

function listed(changes: TypeChange[]): ListedChange[] {
  return changes.map(({ typeId, typeName, before, after }) => ({
    key: typeId,
    subject: typeName,
    before,
    after,
  }));
}

/** What the slot diff cannot show: the types' change policies and questions that differ. */
export function TypeFieldChanges({ before, after }: { before: unknown; after: unknown }) {
  return (
    <>
      <ChangeList
        title="Change policies"
        testId="policy-changes"
        changes={listed(policyChanges(before, after))}
      />
      <ChangeList
        title="Questions"
        testId="question-changes"
        changes={listed(questionChanges(before, after))}
      />
    </>
  );
}
