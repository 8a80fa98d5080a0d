/**
 * Mounts the widget for a test with fake clients, a clock the test moves, a patient zone, a URL
 * fragment, a page the patient can leave and come back to, and a network that can come back.
 */
import { waitFor, within } from '@testing-library/preact';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { expect } from 'vitest';
import { mountWidget, type WidgetHandle } from '../../src/widget/mount.tsx';
import type { WidgetOptions } from '../../src/widget/options.ts';
import { type FakeApi, type FakeSlotClient, fakeApi, fakeSlotClient, recordEvents } from './fakes.ts';
import { clinicRules, NOW } from './fixtures.ts';

export interface Mounted {
  container: HTMLElement;
  handle: WidgetHandle;
  api: FakeApi;
  slots: FakeSlotClient;
  events: ReturnType<typeof recordEvents>['events'];
  /** The fake URL fragment; `follow(hash)` is a manage link clicked on the page. */
  hash: { value: string; follow(hash: string): void };
  /** The fake clock (starts at `now`); move `clock.value` to let time pass. */
  clock: { value: number };
  /** The fake page visibility: `hide()` and `show()` are the patient leaving the tab and coming back. */
  page: { hide(): void; show(): void };
  /** The browser's `online` event: the network is back. */
  network: { reconnect(): void };
  unmount(): void;
}

export interface MountOptions {
  options?: Partial<WidgetOptions>;
  rules?: unknown;
  api?: FakeApi;
  slots?: FakeSlotClient;
  hash?: string;
  /** The patient's zone (default: New York, the clinic's). */
  zone?: string;
  now?: number;
  pageLang?: string;
}

export function mountForTest(setup: MountOptions = {}): Mounted {
  const container = document.createElement('div');
  document.body.append(container);
  const api = setup.api ?? fakeApi(setup.rules ?? clinicRules());
  const slots = setup.slots ?? fakeSlotClient();
  const { events, emit } = recordEvents();
  const listeners = new Set<() => void>();
  const hash = {
    value: setup.hash ?? '',
    follow(next: string) {
      hash.value = next;
      for (const listener of listeners) listener();
    },
  };
  const clock = { value: setup.now ?? NOW };
  let hidden = false;
  const visibilityListeners = new Set<() => void>();
  const setHidden = (next: boolean) => {
    hidden = next;
    for (const listener of visibilityListeners) listener();
  };
  const reconnectListeners = new Set<() => void>();
  const handle = mountWidget(
    container,
    { mode: 'book', apiBase: '/api', locale: 'en', ...setup.options },
    {
      emit,
      slotClient: slots,
      apiClient: api,
      now: () => clock.value,
      onReconnect: (listener) => {
        reconnectListeners.add(listener);
        return () => reconnectListeners.delete(listener);
      },
      pageVisibility: {
        hidden: () => hidden,
        subscribe: (listener) => {
          visibilityListeners.add(listener);
          return () => visibilityListeners.delete(listener);
        },
      },
      locationHash: {
        get: () => hash.value,
        set: (value) => {
          hash.value = value;
        },
        subscribe: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      patientTimezone: setup.zone ?? 'America/New_York',
      pageLang: setup.pageLang ?? '',
    },
  );
  return {
    container,
    handle,
    api,
    slots,
    events,
    hash,
    clock,
    page: { hide: () => setHidden(true), show: () => setHidden(false) },
    network: {
      reconnect: () => {
        for (const listener of reconnectListeners) listener();
      },
    },
    unmount() {
      handle.destroy();
      container.remove();
    },
  };
}

/** The text of the polite live region. */
export function liveText(container: HTMLElement): string {
  return container.querySelector('[data-live="polite"]')?.textContent ?? '';
}

/** Text with Intl's narrow no-break spaces made plain, for exact comparisons. */
export function plain(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u202f\u00a0]/g, ' ');
}

/** Fills the details form with a valid patient. */
export async function fillDetails(user: UserEvent, root: HTMLElement): Promise<void> {
  const { getByLabelText } = within(root);
  await user.type(getByLabelText('Full name'), 'Maria Gomez');
  await user.type(getByLabelText('Date of birth'), '1985-04-23');
  await user.type(getByLabelText('Email'), 'maria@example.com');
  await user.type(getByLabelText('Phone'), '+1 555 123 4567');
  await user.click(getByLabelText("No, I'm a new patient"));
  await user.click(getByLabelText(/I agree that the clinic/));
}

/** From the fixture clinic's calendar (Tuesday, December 3 open) to the details step, at 9:00 AM. */
export async function toDetails(m: Mounted) {
  // No timer between keystrokes: the events and redraws are the same, and the fifty-odd
  // characters of the details form no longer wait for a timer each.
  const user = userEvent.setup({ delay: null });
  const view = within(m.container);
  await waitFor(() => expect(liveText(m.container)).toBe('12 times available on Tuesday, December 3'));
  await user.click(view.getByRole('radio', { name: /^9:00\sAM$/ }));
  await user.click(view.getByRole('button', { name: 'Continue' }));
  await view.findByRole('heading', { name: 'Your details' });
  return { user, view };
}

/** On to the review step with a valid patient. */
export async function toReview(m: Mounted) {
  const { user, view } = await toDetails(m);
  await fillDetails(user, m.container);
  await user.click(view.getByRole('button', { name: 'Continue' }));
  await view.findByRole('heading', { name: 'Review and confirm' });
  return { user, view };
}
