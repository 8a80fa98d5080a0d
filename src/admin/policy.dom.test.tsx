import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { smallClinic } from '../../test/admin/admin-fakes.ts';
import { renderTypesTab } from '../../test/admin/types-tab.tsx';
import { policyChanges } from './policy.ts';

afterEach(cleanup);

const setup = renderTypesTab;

const policyOfDraft = (store: ReturnType<typeof setup>['store']) =>
  (store.draft.value as ReturnType<typeof smallClinic>).appointmentTypes[0]!.changePolicy;

describe("the admin page and a type's change policy", () => {
  it('edits the cut-off, the switches and the text, says what patients read, and removes an empty policy', () => {
    const { store, preview } = setup();
    const previewText = () => screen.getByTestId('policy-preview').textContent;
    expect(previewText()).toBe('No policy: patients can reschedule or cancel online until the visit starts.');
    fireEvent.input(screen.getByLabelText('Online changes close (minutes before the visit)'), {
      target: { value: '1440' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Patients may reschedule online' }));
    fireEvent.input(screen.getByLabelText('Policy text shown to patients'), {
      target: { value: 'Late cancellations may be charged.' },
    });
    expect(policyOfDraft(store)).toEqual({
      cutoffMinutes: 1440,
      rescheduleOnline: false,
      text: 'Late cancellations may be charged.',
    });
    expect(previewText()).toBe(
      'Patients can cancel online until 1 day before the visit; to reschedule, they call the clinic.',
    );
    const last = preview.shown.at(-1) as ReturnType<typeof smallClinic>;
    expect(last.appointmentTypes[0]!.changePolicy?.cutoffMinutes).toBe(1440);
    fireEvent.input(screen.getByLabelText('Online changes close (minutes before the visit)'), {
      target: { value: '' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Patients may reschedule online' }));
    fireEvent.input(screen.getByLabelText('Policy text shown to patients'), { target: { value: '' } });
    expect(policyOfDraft(store)).toBeUndefined();
  });

  it('lists a negative cut-off as an error at its field', async () => {
    setup();
    const field = screen.getByLabelText('Online changes close (minutes before the visit)');
    fireEvent.input(field, { target: { value: '-60' } });
    const list = await screen.findByTestId('diagnostics');
    const item = within(list).getByRole('button', { name: /INVALID_NUMBER/ });
    expect(item.textContent).toContain('/appointmentTypes/0/changePolicy/cutoffMinutes');
    expect(item.textContent).toContain(
      '"cutoffMinutes" must be a whole number from 0 to 525,600, but it is -60.',
    );
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('warns about a cut-off longer than the booking window', async () => {
    setup();
    fireEvent.input(screen.getByLabelText('Bookable up to (days ahead)'), { target: { value: '2' } });
    fireEvent.input(screen.getByLabelText('Online changes close (minutes before the visit)'), {
      target: { value: '4320' },
    });
    const item = await screen.findByRole('button', { name: /CUTOFF_EXCEEDS_WINDOW/ });
    expect(item.textContent).toContain(
      'stops online changes 4,320 minutes before the visit but can be booked at most 2 days ahead, so no booking of it can ever be changed online.',
    );
  });

  it('shows a changed policy in what changes, though no slot changes', async () => {
    setup();
    fireEvent.input(screen.getByLabelText('Online changes close (minutes before the visit)'), {
      target: { value: '90' },
    });
    const list = await screen.findByTestId('policy-changes');
    expect(list.textContent).toBe(
      'Follow-up visit No policy: patients can change a booking online until it starts. → Patients can reschedule or cancel online until 90 minutes before the visit.',
    );
  });

  it('compares two versions: a policy removed, a text changed, a type unchanged', () => {
    const type = (id: string, changePolicy?: object) => ({
      id,
      name: id,
      ...(changePolicy ? { changePolicy } : {}),
    });
    const before = {
      appointmentTypes: [type('a', { cutoffMinutes: 60 }), type('b', { text: 'Old.' }), type('c')],
    };
    const after = { appointmentTypes: [type('a'), type('b', { text: 'New.' }), type('c')] };
    expect(policyChanges(before, after)).toEqual([
      {
        typeId: 'a',
        typeName: 'a',
        path: '/appointmentTypes/0/changePolicy',
        before: 'Patients can reschedule or cancel online until 1 hour before the visit.',
        after: 'No policy: patients can change a booking online until it starts.',
      },
      {
        typeId: 'b',
        typeName: 'b',
        path: '/appointmentTypes/1/changePolicy',
        before: 'Patients can reschedule or cancel online until the visit starts. Text: “Old.”',
        after: 'Patients can reschedule or cancel online until the visit starts. Text: “New.”',
      },
    ]);
  });
});
