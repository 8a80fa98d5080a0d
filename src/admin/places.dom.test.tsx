import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakePreview, fakeSlotClient, NOW, smallClinic } from '../../test/admin/admin-fakes.ts';
import type { RulesDocument } from '../engine/types.ts';
import { App } from './components/App.tsx';
import { placeChanges } from './places.ts';
import { createAdminStore } from './store.ts';

afterEach(cleanup);

function setup(document: RulesDocument = smallClinic()) {
  const fake = fakeSlotClient({ auto: true });
  const preview = fakePreview();
  const store = createAdminStore(document, { client: fake.client, api: null, now: () => NOW, debounceMs: 0 });
  render(<App store={store} schemaCheck={null} mountPreview={preview.mount} clinicName="Test Clinic" />);
  return { store, preview };
}

const draftOf = (store: ReturnType<typeof setup>['store']) => store.draft.value as RulesDocument;

/** The fixture clinic with two locations; Dr. Ana Lee is usually at Main Street. */
function twoLocations(): RulesDocument {
  const document = smallClinic();
  document.locations = [
    { id: 'main', name: 'Main Street' },
    { id: 'north', name: 'North Clinic' },
  ];
  document.providers[0]!.locationId = 'main';
  return document;
}

describe("the admin page and a type's own hours", () => {
  it('gives a type hours of its own, requiring the feature, previewed, and removes them again', () => {
    const { store, preview } = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'Appointment types' }));
    fireEvent.click(
      screen.getByRole('checkbox', { name: "Only at these hours (within each provider's hours)" }),
    );
    const weekday = [{ start: '09:00', end: '17:00' }];
    expect(draftOf(store)).toMatchObject({ version: 2, requires: ['type-hours'] });
    expect(draftOf(store).appointmentTypes[0]!.hours).toEqual({
      mon: weekday,
      tue: weekday,
      wed: weekday,
      thu: weekday,
      fri: weekday,
    });
    fireEvent.input(screen.getByLabelText('Follow-up visit Monday hours 1 end'), {
      target: { value: '12:00' },
    });
    const shown = preview.shown.at(-1) as RulesDocument;
    expect(shown.appointmentTypes[0]!.hours?.mon).toEqual([{ start: '09:00', end: '12:00' }]);
    fireEvent.click(
      screen.getByRole('checkbox', { name: "Only at these hours (within each provider's hours)" }),
    );
    expect(draftOf(store).appointmentTypes[0]!.hours).toBeUndefined();
    expect(draftOf(store).requires).toBeUndefined();
  });

  it('warns, with a code, about a day the type is offered when none of its providers works', async () => {
    setup();
    fireEvent.click(screen.getByRole('tab', { name: 'Appointment types' }));
    fireEvent.click(
      screen.getByRole('checkbox', { name: "Only at these hours (within each provider's hours)" }),
    );
    const items = await screen.findAllByRole('button', { name: /TYPE_HOURS_UNWORKED/ });
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining(
        'Appointment type "Follow-up visit" is offered on Wednesday (09:00–17:00), but none of its providers works then in their weekly hours, so it has no slots then.',
      ),
      expect.stringContaining('on Thursday'),
      expect.stringContaining('on Friday'),
    ]);
  });

  it('lists changed type hours in what changes', async () => {
    setup();
    fireEvent.click(screen.getByRole('tab', { name: 'Appointment types' }));
    fireEvent.click(
      screen.getByRole('checkbox', { name: "Only at these hours (within each provider's hours)" }),
    );
    const list = await screen.findByTestId('place-changes');
    expect(list.textContent).toBe(
      'Follow-up visit whenever its providers work → only Mon 09:00–17:00; Tue 09:00–17:00; Wed 09:00–17:00; Thu 09:00–17:00; Fri 09:00–17:00',
    );
  });
});

describe('the admin page and span locations', () => {
  it('places a span at another location, requiring the feature, and back at the usual one', () => {
    const { store } = setup(twoLocations());
    const select = screen.getByRole('combobox', { name: 'Monday hours 2 location' }) as HTMLSelectElement;
    expect([...select.options].map((option) => option.text)).toEqual([
      'Usual location',
      'Main Street',
      'North Clinic',
    ]);
    fireEvent.change(select, { target: { value: 'north' } });
    expect(draftOf(store)).toMatchObject({ version: 2, requires: ['span-locations'] });
    expect(draftOf(store).providers[0]!.weekly!.mon![1]).toEqual({
      start: '13:00',
      end: '17:00',
      locationId: 'north',
    });
    fireEvent.change(select, { target: { value: '' } });
    expect(draftOf(store).providers[0]!.weekly!.mon![1]).toEqual({ start: '13:00', end: '17:00' });
  });

  it('closes one location on a date', () => {
    const { store } = setup(twoLocations());
    fireEvent.change(screen.getByRole('combobox', { name: 'Closure 1 location' }), {
      target: { value: 'north' },
    });
    expect(draftOf(store).closures).toEqual([{ date: '2026-12-28', name: 'Holiday', locationId: 'north' }]);
  });

  it('offers no location choice with one location', () => {
    setup();
    expect(screen.queryByRole('combobox', { name: 'Monday hours 1 location' })).toBeNull();
  });

  it('describes a span moved to another location, which changes no slot', () => {
    const before = twoLocations();
    const after = twoLocations();
    after.providers[0]!.weekly!.mon![1]!.locationId = 'north';
    expect(placeChanges(before, after)).toEqual([
      {
        key: 'provider:lee',
        subject: 'Dr. Ana Lee',
        path: '/providers/0/weekly',
        before: 'Mon 09:00–12:00, 13:00–17:00; Sun 10:00–14:00 (usually Main Street)',
        after: 'Mon 09:00–12:00, 13:00–17:00 at North Clinic; Sun 10:00–14:00 (usually Main Street)',
      },
    ]);
    expect(placeChanges(before, twoLocations())).toEqual([]);
  });
});
