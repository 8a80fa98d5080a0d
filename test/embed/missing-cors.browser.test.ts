/**
 * The built classic script served by a CDN that sends no `Access-Control-Allow-Origin`: the script
 * and the worker still work (neither needs CORS), but the on-demand `.mjs` parts cannot be
 * imported. The first screen must work, and the step after it must say what is wrong, offer a
 * retry and report ASSET_FAILED (docs/embedding.md, Self-hosting). That the patient's choice
 * survives a failed load and a retry is tested in src/widget/later-steps.dom.test.tsx.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import {
  addWidget,
  type ClinicRules,
  fetchRules,
  loadScript,
  origin,
  recordEvents,
  shadowOf,
  waitFor,
  waitForSlots,
} from './built-page.ts';

const apiBase = `${origin}/sandbox/embed-missing-cors/api`;
let events: ReturnType<typeof recordEvents>;
let rules: ClinicRules;

beforeAll(async () => {
  events = recordEvents();
  await loadScript(`${origin}/no-cors/dist/clinic-scheduler.js`);
  rules = await fetchRules(apiBase);
});

afterAll(() => document.body.replaceChildren());

it('shows the times, then a message, a retry and ASSET_FAILED for the step after them', {
  timeout: 60_000,
}, async () => {
  const type = rules.appointmentTypes.find((candidate) => candidate.providerIds.length > 0)!;
  const element = addWidget({
    'api-base': apiBase,
    'appointment-type': type.id,
    provider: type.providerIds[0]!,
  });
  const root = shadowOf(element);
  const [slot] = await waitForSlots(element);
  const loaded = events.find((event) => event.name === 'cs-slots-loaded')?.detail as { degraded: boolean };
  expect(loaded.degraded).toBe(false);
  await userEvent.click(slot!);
  const chosen = root.querySelector<HTMLInputElement>(
    '[part~="slot"] input:checked, input[type="radio"]:checked',
  );
  expect(chosen).not.toBeNull();
  const next = await waitFor('the Continue button', () =>
    [...root.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Continue'),
  );
  await userEvent.click(next);

  const banner = await waitFor('the message that the step could not load', () =>
    [...root.querySelectorAll('[role="alert"] p')].find((p) => p.textContent?.includes("couldn't be loaded")),
  );
  expect(banner.textContent).toBe(
    "This part of the booking couldn't be loaded. Check your connection and try again; nothing you chose is lost.",
  );
  expect([...root.querySelectorAll('button')].map((button) => button.textContent?.trim())).toContain(
    'Try again',
  );
  await waitFor('a cs-error ASSET_FAILED on the element', () =>
    events.find(
      (event) =>
        event.name === 'cs-error' &&
        event.target === element &&
        (event.detail as { code: string }).code === 'ASSET_FAILED',
    ),
  );
  expect(events.filter((event) => event.name === 'cs-error').map((event) => event.detail)).toEqual([
    { code: 'ASSET_FAILED', message: 'Part of the booking form could not be loaded.' },
  ]);
});
