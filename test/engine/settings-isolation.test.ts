import { Settings } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSlot, generateSlots } from '../../src/engine/index.ts';
import { clinic, provider, visitType } from './clinic.ts';

/**
 * A host page may set luxon's global settings for its own use; the engine must not notice.
 * Settings are restored after each test.
 */
const saved = {
  defaultZone: Settings.defaultZone,
  defaultLocale: Settings.defaultLocale,
  defaultNumberingSystem: Settings.defaultNumberingSystem,
  defaultOutputCalendar: Settings.defaultOutputCalendar,
};

afterEach(() => {
  Settings.defaultZone = saved.defaultZone;
  Settings.defaultLocale = saved.defaultLocale;
  Settings.defaultNumberingSystem = saved.defaultNumberingSystem;
  Settings.defaultOutputCalendar = saved.defaultOutputCalendar;
});

function run() {
  const rules = clinic({
    providers: [provider('lee'), provider('ada', { timezone: 'Asia/Kathmandu' })],
    appointmentTypes: [visitType({ providerIds: ['lee', 'ada'], minNoticeMinutes: 60 })],
  });
  const query = {
    appointmentTypeId: 'visit',
    from: '2026-11-23',
    to: '2026-11-24',
    now: '2026-11-23T14:00:00Z',
  };
  return {
    slots: generateSlots(rules, query),
    capped: generateSlots(rules, { ...query, maxSlots: 3 }),
    check: checkSlot(rules, {
      appointmentTypeId: 'visit',
      providerId: 'lee',
      start: '2026-11-23T14:10:00Z',
      now: query.now,
    }),
  };
}

describe('luxon global settings', () => {
  it('do not change slots or messages', () => {
    const expected = run();
    expect(expected.check).toMatchObject({
      message: '2026-11-23 09:10 (America/New_York) is not a start time of "Visit" with Dr. Lee.',
    });
    Settings.defaultZone = 'Pacific/Chatham';
    Settings.defaultLocale = 'ar-EG';
    Settings.defaultNumberingSystem = 'arab';
    Settings.defaultOutputCalendar = 'islamic';
    expect(run()).toEqual(expected);
  });
});
