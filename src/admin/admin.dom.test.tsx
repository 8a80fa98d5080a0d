import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakePreview, fakeSlotClient, NOW, smallClinic } from '../../test/admin/admin-fakes.ts';
import { JobError } from '../worker/client/client.ts';
import { App } from './components/App.tsx';
import { createSchemaCheck } from './schema-check.ts';
import { type AdminDeps, createAdminStore } from './store.ts';

afterEach(cleanup);

function setup(options: { auto?: boolean; api?: AdminDeps['api'] } = {}) {
  const fake = fakeSlotClient({ auto: options.auto ?? true });
  const preview = fakePreview();
  const saved = smallClinic();
  const store = createAdminStore(saved, {
    client: fake.client,
    api: options.api ?? null,
    now: () => NOW,
    debounceMs: 0,
  });
  const view = render(
    <App store={store} schemaCheck={null} mountPreview={preview.mount} clinicName="Test Clinic" />,
  );
  return { store, fake, preview, saved, view };
}

const draftOf = (store: ReturnType<typeof setup>['store']) =>
  store.draft.value as ReturnType<typeof smallClinic>;

describe('the hours editor', () => {
  it('edits, adds and removes weekly hours', async () => {
    const { store } = setup();
    fireEvent.input(screen.getByLabelText('Monday hours 1 start'), { target: { value: '08:30' } });
    expect(draftOf(store).providers[0]!.weekly!.mon).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Add Wednesday hours' }));
    expect(draftOf(store).providers[0]!.weekly!.wed).toEqual([{ start: '09:00', end: '17:00' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Add Monday hours' }));
    expect(draftOf(store).providers[0]!.weekly!.mon![2]).toEqual({ start: '18:00', end: '19:00' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove Sunday hours 1' }));
    expect(draftOf(store).providers[0]!.weekly!.sun).toBeUndefined();
    // The saved document is never changed in place.
    expect(store.saved.value).toEqual(smallClinic());
  });

  it("switches provider and edits the other provider's hours and overrides", () => {
    const { store } = setup();
    fireEvent.change(screen.getByLabelText('Provider'), { target: { value: '1' } });
    fireEvent.input(screen.getByLabelText('Tuesday hours 1 end'), { target: { value: '13:00' } });
    fireEvent.input(screen.getByLabelText('New override date'), { target: { value: '2026-12-24' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add override' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add hours on 2026-12-24' }));
    expect(draftOf(store).providers[1]).toEqual({
      id: 'kim',
      name: 'Dr. Joon Kim',
      weekly: { tue: [{ start: '09:00', end: '13:00' }] },
      overrides: [{ date: '2026-12-24', hours: [{ start: '09:00', end: '17:00' }] }],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Remove override 2026-12-24' }));
    expect(draftOf(store).providers[1]!.overrides).toBeUndefined();
  });

  it('adds and removes clinic closures', () => {
    const { store } = setup();
    fireEvent.input(screen.getByLabelText('New closure date'), { target: { value: '2026-12-31' } });
    fireEvent.input(screen.getByLabelText('Name (optional)'), { target: { value: "New Year's Eve" } });
    fireEvent.click(screen.getByRole('button', { name: 'Add closure' }));
    expect(draftOf(store).closures).toEqual([
      { date: '2026-12-28', name: 'Holiday' },
      { date: '2026-12-31', name: "New Year's Eve" },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove closure 2026-12-28' }));
    expect(draftOf(store).closures).toEqual([{ date: '2026-12-31', name: "New Year's Eve" }]);
  });

  it('edits appointment type settings and who offers the type', () => {
    const { store } = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'Appointment types' }));
    fireEvent.input(screen.getByLabelText('Start every (minutes; empty = duration)'), {
      target: { value: '10' },
    });
    fireEvent.input(screen.getByLabelText('Minimum notice (minutes)'), { target: { value: '120' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Dr. Ana Lee' }));
    expect(draftOf(store).appointmentTypes[0]).toEqual({
      id: 'follow-up',
      name: 'Follow-up visit',
      durationMinutes: 20,
      providerIds: ['kim'],
      stepMinutes: 10,
      minNoticeMinutes: 120,
    });
    fireEvent.input(screen.getByLabelText('Start every (minutes; empty = duration)'), {
      target: { value: '' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Dr. Ana Lee' }));
    expect(draftOf(store).appointmentTypes[0]).toEqual({
      id: 'follow-up',
      name: 'Follow-up visit',
      durationMinutes: 20,
      providerIds: ['lee', 'kim'],
      minNoticeMinutes: 120,
    });
  });

  it('gives every edit to the live preview', async () => {
    const { preview } = setup();
    fireEvent.input(screen.getByLabelText('Monday hours 1 start'), { target: { value: '10:00' } });
    const last = preview.shown[preview.shown.length - 1] as ReturnType<typeof smallClinic>;
    expect(last.providers[0]!.weekly!.mon![0]).toEqual({ start: '10:00', end: '12:00' });
  });
});

describe('diagnostics', () => {
  it('lists errors with code, sentence and path, and focuses the field when chosen', async () => {
    setup();
    fireEvent.input(screen.getByLabelText('Monday hours 1 end'), { target: { value: '08:00' } });
    const list = await screen.findByTestId('diagnostics');
    const item = within(list).getByRole('button', { name: /EMPTY_INTERVAL/ });
    expect(item.textContent).toContain('/providers/0/weekly/mon/0');
    expect(screen.getByTestId('diagnostics-status').textContent).toBe('1 error, 0 warnings.');
    expect(screen.getByLabelText('Monday hours 1 end').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(item);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Monday hours 1 start')));
    expect(screen.getByText('Fix 1 error to save.')).toBeTruthy();
  });

  it('shows lint warnings and opens the provider a warning names', async () => {
    const { store } = setup();
    store.edit((draft) => {
      const doc = structuredClone(draft) as ReturnType<typeof smallClinic>;
      doc.appointmentTypes[0]!.providerIds = ['lee'];
      return doc;
    });
    const item = await screen.findByRole('button', { name: /PROVIDER_WITHOUT_TYPES/ });
    expect(item.textContent).toContain("Dr. Joon Kim is not in any appointment type's providers");
    fireEvent.click(item);
    await waitFor(() => expect((screen.getByLabelText('Provider') as HTMLSelectElement).value).toBe('1'));
  });

  it('shows what changes, with counts per provider and day and the bookings to move', async () => {
    setup();
    fireEvent.input(screen.getByLabelText('Monday hours 1 start'), { target: { value: '10:00' } });
    await waitFor(() =>
      expect(screen.getByTestId('changes-total').textContent).toBe(
        'Over the next 4 weeks: 0 slots added, 12 removed.',
      ),
    );
    // Four Mondays lose 09:00, 09:20 and 09:40.
    expect(screen.getAllByText('−3')).toHaveLength(4);
  });
});

describe('supersede and slow drafts', () => {
  it("shows only the last edit's result when earlier jobs answer late", async () => {
    const { store, fake } = setup({ auto: false });
    for (const start of ['08:00', '07:00', '06:00']) {
      fireEvent.input(screen.getByLabelText('Monday hours 1 start'), { target: { value: start } });
      await waitFor(() => expect(fake.pending.some((job) => job.draft === store.draft.value)).toBe(true));
    }
    const lints = fake.pending.filter((job) => job.kind === 'lint');
    // The superseded jobs were aborted; the last one is live.
    expect(lints.map((job) => job.signal?.aborted)).toEqual([true, true, true, false].slice(-lints.length));
    const last = lints[lints.length - 1]!;
    const ok = (code: string) => ({
      result: { ok: true, diagnostics: [{ code, path: '/providers/0', message: code }] },
      stats: { elapsedMs: 1, slotCount: 0, diagnosticCount: 1, degraded: false, cached: false },
    });
    last.resolve(ok('LAST_EDIT'));
    for (const job of lints.slice(0, -1)) job.resolve(ok('STALE_EDIT'));
    await screen.findByRole('button', { name: /LAST_EDIT/ });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(screen.queryByRole('button', { name: /STALE_EDIT/ })).toBeNull();
  });

  it('says the rules take too long, keeps the editor usable and tries again on the next edit', async () => {
    const { fake } = setup({ auto: false });
    await waitFor(() => expect(fake.pending.length).toBe(1));
    fake.pending[0]!.reject(new JobError('TIMEOUT', 'The job ran past its 2000 ms deadline.'));
    await waitFor(() =>
      expect(screen.getByTestId('diagnostics-status').textContent).toBe(
        'These rules take too long to compute.',
      ),
    );
    expect(screen.getByText(/Nothing could be computed for this draft/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Monday hours 1 start'), { target: { value: '10:00' } });
    await waitFor(() => expect(fake.calls.filter((call) => call.kind === 'lint')).toHaveLength(2));
  });
});

describe('the page around the editor', () => {
  it('moves between tabs with the arrow keys, Home and End', () => {
    setup();
    const hours = screen.getByRole('tab', { name: 'Hours and closures' });
    fireEvent.keyDown(hours, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Appointment types' }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Appointment types' }));
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(screen.getByRole('tab', { name: 'Raw JSON' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Hours and closures' }).getAttribute('aria-selected')).toBe(
      'true',
    );
  });

  it("tells the admin why the preview shows no times, from the element's cs-error", async () => {
    setup();
    const host = screen.getByText('preview');
    host.dispatchEvent(
      new CustomEvent('cs-error', { detail: { code: 'TIMEOUT', message: 'x' }, bubbles: true }),
    );
    expect((await screen.findByText(/^Preview:/)).textContent).toBe(
      'Preview: These rules take too long to compute.',
    );
    host.dispatchEvent(new CustomEvent('cs-slots-loaded', { detail: {}, bubbles: true }));
    await waitFor(() => expect(screen.queryByText(/^Preview:/)).toBeNull());
  });

  it('does not count a draft typed back to the saved rules as a change', () => {
    setup();
    fireEvent.input(screen.getByLabelText('Monday hours 1 start'), { target: { value: '10:00' } });
    expect(screen.getByTestId('save-status').textContent).toBe('Unsaved changes.');
    fireEvent.input(screen.getByLabelText('Monday hours 1 start'), { target: { value: '09:00' } });
    expect(screen.getByTestId('save-status').textContent).toBe('No unsaved changes.');
  });

  it('counts a first raw JSON edit that does not parse as an unsaved change', () => {
    const { store } = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'Raw JSON' }));
    fireEvent.input(screen.getByLabelText('Rules document (JSON)'), {
      target: { value: `${store.rawText.value.slice(0, -1)},` },
    });
    expect(screen.getByTestId('save-status').textContent).toBe(
      'The raw JSON does not parse: fix it to save.',
    );
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Discard changes' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
  });
});

describe('raw JSON and saving', () => {
  it('applies raw JSON that parses and reports JSON Schema differences', async () => {
    const fake = fakeSlotClient({ auto: true });
    const store = createAdminStore(smallClinic(), {
      client: fake.client,
      api: null,
      now: () => NOW,
      debounceMs: 0,
    });
    const schema = {
      type: 'object',
      required: ['version', 'timezone'],
      properties: { version: { const: 1 } },
    };
    render(
      <App
        store={store}
        schemaCheck={createSchemaCheck(schema)}
        mountPreview={fakePreview().mount}
        clinicName="T"
      />,
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Raw JSON' }));
    const text = screen.getByLabelText('Rules document (JSON)');
    fireEvent.input(text, { target: { value: '{"version": 2' } });
    expect(screen.getByText(/This is not valid JSON/)).toBeTruthy();
    expect(store.draft.value).toEqual(smallClinic());
    fireEvent.input(text, { target: { value: '{"version": 2}' } });
    expect(store.draft.value).toEqual({ version: 2 });
    expect(screen.getByText('2 differences from the JSON Schema:')).toBeTruthy();
    expect(screen.getByText('/version must be equal to constant.')).toBeTruthy();
  });

  it('saves a valid draft and shows the refusal of a draft the API rejects', async () => {
    const sent: unknown[] = [];
    let refuse = false;
    const api = {
      saveRules: async (rules: unknown) => {
        sent.push(rules);
        if (refuse) {
          return {
            ok: false as const,
            error: {
              code: 'VALIDATION' as const,
              status: 422,
              message: 'The rules were not saved: 1 error to fix.',
              fieldErrors: { '/providers/0/name': 'MISSING_FIELD' },
            },
          };
        }
        return {
          ok: true as const,
          value: { etag: '"v2"', rulesEtag: '"r2"', version: 2, warnings: [] },
        };
      },
    };
    const { store } = setup({ api });
    fireEvent.input(screen.getByLabelText('Monday hours 1 start'), { target: { value: '10:00' } });
    const save = screen.getByRole('button', { name: 'Save' });
    await waitFor(() => expect((save as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(save);
    await waitFor(() =>
      expect(screen.getByTestId('save-status').textContent).toBe('Saved. Patients now see these hours.'),
    );
    expect(store.saved.value).toBe(sent[0]);
    refuse = true;
    fireEvent.input(screen.getByLabelText('Monday hours 1 start'), { target: { value: '09:30' } });
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.getByTestId('save-status').textContent).toBe('The rules were not saved: 1 error to fix.'),
    );
    expect(screen.getByRole('button', { name: /MISSING_FIELD/ }).textContent).toContain('/providers/0/name');
  });
});
