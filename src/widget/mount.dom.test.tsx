import { waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, fakeSlotClient, recordEvents } from '../../test/widget/fakes.ts';
import { clinicRules, NOW } from '../../test/widget/fixtures.ts';
import { liveText, type Mounted, mountForTest } from '../../test/widget/render.ts';

const created = vi.hoisted(() => ({ clients: [] as { disposed: boolean; warmStarts: number }[] }));
vi.mock('../worker/client/client.ts', async () => {
  const { fakeSlotClient: make } = await import('../../test/widget/fakes.ts');
  return {
    createSlotClient: () => {
      const client = make();
      created.clients.push(client);
      return client;
    },
  };
});

const { mountWidget } = await import('./mount.tsx');

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

describe('mountWidget', () => {
  it('announces readiness to the host, with no patient data', async () => {
    mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    await waitFor(() => expect(liveText(mounted!.container)).not.toBe(''));
    expect(mounted.events.find((e) => e.name === 'cs-ready')?.detail).toEqual({
      mode: 'book',
      locale: 'en',
      timezone: 'America/New_York',
    });
    expect(mounted.events.find((e) => e.name === 'cs-slots-loaded')?.detail).toEqual({
      appointmentTypeId: 'checkup',
      providerId: 'ada',
      month: '2024-12',
      // The month's query reaches two days past each end: 23 weekdays (Dec 3 – Jan 2) of 12 times.
      slotCount: 276,
      truncated: false,
      elapsedMs: 1,
      cached: false,
      degraded: false,
    });
  });

  it('opens on the deep link date when it is bookable', async () => {
    mounted = mountForTest({
      options: { appointmentTypeId: 'checkup', providerId: 'ada', date: '2025-01-15' },
    });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Wednesday, January 15'),
    );
  });

  it('follows a new type from the host after load', async () => {
    mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    mounted.handle.update({ appointmentTypeId: 'first-visit' });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('6 times available on Tuesday, December 3'),
    );
  });

  it('destroy() unmounts, aborts requests, stops a pending preview and disposes the client it made', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    let seen: AbortSignal | undefined;
    const api = fakeApi(clinicRules());
    api.fetchRules = (signal) => {
      seen = signal;
      return new Promise(() => {});
    };
    const { emit } = recordEvents();
    const handle = mountWidget(
      container,
      { mode: 'book', apiBase: '/api', locale: 'en' },
      {
        emit,
        apiClient: api,
        now: () => NOW,
        locationHash: { get: () => '', set: () => {} },
      },
    );
    await waitFor(() => expect(seen).toBeDefined());
    // Created and warmed as the widget starts, while the rules are still on their way.
    expect(created.clients.map((c) => [c.warmStarts, c.disposed])).toEqual([[1, false]]);
    handle.destroy();
    expect(seen?.aborted).toBe(true);
    expect(created.clients[0]?.disposed).toBe(true);
    expect(container.innerHTML).toBe('');
    container.remove();

    const slots = fakeSlotClient();
    const preview = document.createElement('div');
    const handle2 = mountWidget(
      preview,
      { mode: 'preview', rules: clinicRules(), locale: 'en' },
      { emit, slotClient: slots, now: () => NOW },
    );
    await waitFor(() => expect(within(preview).getAllByRole('radio').length).toBeGreaterThan(0));
    const calls = slots.calls.length;
    handle2.update({ rules: clinicRules() });
    handle2.destroy();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(slots.calls.length).toBe(calls);
    expect(slots.disposed).toBe(false);

    const own = document.createElement('div');
    const handle3 = mountWidget(
      own,
      { mode: 'preview', rules: clinicRules(), locale: 'en' },
      { emit, now: () => NOW },
    );
    await waitFor(() => expect(created.clients).toHaveLength(2));
    expect(created.clients[1]?.warmStarts).toBe(1);
    handle3.destroy();
    expect(created.clients[1]?.disposed).toBe(true);

    // Destroyed in the task that mounted it: no worker is ever created.
    const brief = document.createElement('div');
    mountWidget(
      brief,
      { mode: 'preview', rules: clinicRules(), locale: 'en' },
      { emit, now: () => NOW },
    ).destroy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(created.clients).toHaveLength(2);
  });

  it('requests the rules in the first task after the mount, and starts the slot worker after them', async () => {
    const order: string[] = [];
    const slots = fakeSlotClient();
    const warm = slots.warm;
    slots.warm = () => {
      warm();
      order.push('warm');
    };
    const api = fakeApi(clinicRules());
    let answer: (() => void) | undefined;
    const fetchRules = api.fetchRules;
    api.fetchRules = (signal) => {
      order.push('fetch rules');
      return new Promise((resolve) => {
        answer = () => {
          order.push('rules answered');
          resolve(fetchRules(signal));
        };
      });
    };
    const container = document.createElement('div');
    document.body.append(container);
    const { emit } = recordEvents();
    const handle = mountWidget(
      container,
      { mode: 'book', apiBase: '/api', locale: 'en', appointmentTypeId: 'checkup', providerId: 'ada' },
      {
        emit,
        apiClient: api,
        slotClient: slots,
        now: () => NOW,
        locationHash: { get: () => '', set: () => {} },
      },
    );
    // Not in the mount's own task: on a page, that is the task that evaluates the embed's module.
    expect(order).toEqual([]);
    await waitFor(() => expect(answer).toBeDefined());
    // The rules first: with the worker's code in the module, the worker is ready before they arrive.
    expect(order.slice(0, 2)).toEqual(['fetch rules', 'warm']);
    expect(slots.calls).toHaveLength(0);
    answer!();
    await waitFor(() => expect(slots.calls.length).toBeGreaterThan(0));
    expect(order.filter((step) => step !== 'warm')).toEqual(['fetch rules', 'rules answered']);
    expect(slots.warmStarts).toBe(1);
    handle.destroy();
    container.remove();
    expect(slots.disposed).toBe(false);
  });

  it('warms the slot client it is given in preview mode, once', async () => {
    const slots = fakeSlotClient();
    const container = document.createElement('div');
    const { emit } = recordEvents();
    const handle = mountWidget(
      container,
      { mode: 'preview', rules: clinicRules(), locale: 'en' },
      { emit, slotClient: slots, now: () => NOW },
    );
    await waitFor(() => expect(slots.warmStarts).toBe(1));
    await waitFor(() => expect(slots.calls.length).toBeGreaterThan(0));
    handle.update({ rules: clinicRules() });
    expect(slots.warmStarts).toBe(1);
    handle.destroy();
  });
});
