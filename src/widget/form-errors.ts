/**
 * The message under each field of the details form. Only the later steps show the form, so these
 * checks are in the later part, not the page script: the store keeps the form's values, and each
 * store gets its derived errors here on first use.
 */
import { computed, type ReadonlySignal } from '@preact/signals';
import { FIELD_ORDER, type FieldProblems } from './form-values.ts';
import type { Store } from './state.ts';
import { dateInZone } from './time.ts';
import { checkForm } from './validation.ts';

/** Each field's shown problem: after its blur or a submit; the server's word wins. Reactive. */
export function fieldErrors(store: Store): ReadonlySignal<FieldProblems> {
  return store.derivedOnce(fieldErrors, () => {
    const problems = computed(() =>
      checkForm(
        store.form.value,
        dateInZone(store.deps.now(), store.patientZone.value),
        store.type.value?.patients,
      ),
    );
    return computed(() => {
      const shown: FieldProblems = {};
      for (const field of FIELD_ORDER) {
        const server = store.serverErrors.value[field];
        const local =
          store.submitted.value || store.touched.value.has(field) ? problems.value[field] : undefined;
        const problem = server ?? local;
        if (problem) shown[field] = problem;
      }
      return shown;
    });
  });
}
