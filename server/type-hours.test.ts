import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bookingRequest, FIXTURE_RULES, get, post, signIn, useTempApi, WED_9AM } from './testing.ts';

const MINUTE = 60_000;
const fixture = JSON.parse(readFileSync(FIXTURE_RULES, 'utf8'));

const ctx = useTempApi();

/**
 * Saves the fixture as version 2: the follow-up offered on Wednesdays 10:00–12:00 only, and Dr.
 * Lee at the North clinic on Wednesday mornings (at Main Street the other days).
 */
async function saveHours() {
  const session = await signIn(ctx.api);
  const document = {
    ...fixture,
    version: 2,
    requires: ['type-hours', 'span-locations'],
    locations: [...fixture.locations, { id: 'north', name: 'North Clinic', address: '9 North Road' }],
    providers: fixture.providers.map((provider: { id: string; weekly: Record<string, unknown> }) =>
      provider.id === 'dr-lee'
        ? {
            ...provider,
            weekly: { ...provider.weekly, wed: [{ start: '09:00', end: '12:00', locationId: 'north' }] },
          }
        : provider,
    ),
    appointmentTypes: fixture.appointmentTypes.map((type: { id: string }) =>
      type.id === 'follow-up' ? { ...type, hours: { wed: [{ start: '10:00', end: '12:00' }] } } : type,
    ),
  };
  const saved = await fetch(`${ctx.api.url}/rules`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...session },
    body: JSON.stringify(document),
  });
  expect(saved.status).toBe(200);
}

describe('the server checks hours per visit type and per location with the engine', () => {
  it("refuses a booking outside the type's hours with 409 SLOT_TAKEN, reason NOT_ON_SCHEDULE", async () => {
    await saveHours();
    // 09:00 in New York: Dr. Lee works, but the follow-up is offered from 10:00.
    const answer = await post(`${ctx.api.url}/bookings`, bookingRequest({ start: WED_9AM }), 'early');
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({
      code: 'SLOT_TAKEN',
      message: 'That time is no longer available.',
      reason: 'NOT_ON_SCHEDULE',
    });
  });

  it("books inside the type's hours at the span's location, and stores it there", async () => {
    await saveHours();
    const start = WED_9AM + 60 * MINUTE;
    const answer = await post(`${ctx.api.url}/bookings`, bookingRequest({ start }), 'inside');
    expect(answer.status).toBe(201);
    expect(answer.body.booking).toMatchObject({ start, end: start + 30 * MINUTE, locationId: 'north' });
    const opened = await get(`${ctx.api.url}/bookings/${answer.body.manageToken}`);
    expect(opened.body.booking).toMatchObject({ locationId: 'north' });
    const rows = await ctx.db.query<{ location_id: string }>(
      'SELECT location_id FROM bookings WHERE clinic_id = $1',
      [ctx.api.clinicId],
    );
    expect(rows).toEqual([{ location_id: 'north' }]);
  });

  it('serves the rules with their features and the busy-windows requirement', async () => {
    await saveHours();
    const served = await get(`${ctx.api.url}/rules`);
    expect(served.body).toMatchObject({
      version: 2,
      requires: ['type-hours', 'span-locations', 'busy-windows'],
    });
  });

  it('keeps the provider’s own location on the days the span names none', async () => {
    await saveHours();
    // The new-patient visit has no hours of its own; Thursday 2026-12-03 09:00 is at Main Street.
    const start = WED_9AM + 1440 * MINUTE;
    const request = bookingRequest({ appointmentTypeId: 'new-patient', start });
    const answer = await post(
      `${ctx.api.url}/bookings`,
      { ...request, patient: { ...request.patient, patientStatus: 'new' } },
      'thursday',
    );
    expect(answer.status).toBe(201);
    expect(answer.body.booking.locationId).toBe('main');
  });

  it("moves a rescheduled booking to the new slot's location", async () => {
    await saveHours();
    const request = bookingRequest({ appointmentTypeId: 'new-patient', start: WED_9AM });
    const made = await post(
      `${ctx.api.url}/bookings`,
      { ...request, patient: { ...request.patient, patientStatus: 'new' } },
      'wednesday',
    );
    expect(made.body.booking).toMatchObject({ locationId: 'north' });
    const moved = await post(
      `${ctx.api.url}/bookings/${made.body.manageToken}/reschedule`,
      { start: WED_9AM + 1440 * MINUTE, providerId: 'dr-lee' },
      'to-thursday',
    );
    expect(moved.status).toBe(200);
    expect(moved.body.booking).toMatchObject({ start: WED_9AM + 1440 * MINUTE, locationId: 'main' });
  });
});
