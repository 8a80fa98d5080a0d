import { describe, expect, it } from 'vitest';
import { changeRefusal } from './change-policy.ts';

const START = Date.parse('2026-12-02T14:00:00Z');
const MINUTE = 60_000;

describe('changeRefusal', () => {
  it('allows both changes until the visit starts when the type has no policy', () => {
    expect(changeRefusal({}, 'cancel', START, START - 1)).toBeNull();
    expect(changeRefusal({}, 'reschedule', START, START)).toBeNull();
    expect(changeRefusal({}, 'cancel', START, START + 1)).toEqual({
      code: 'CHANGE_CUTOFF_PASSED',
      cutoffMinutes: 0,
    });
  });

  it('allows a change exactly at the cut-off and refuses it one millisecond later', () => {
    const type = { changePolicy: { cutoffMinutes: 1440 } };
    expect(changeRefusal(type, 'cancel', START, START - 1440 * MINUTE)).toBeNull();
    expect(changeRefusal(type, 'reschedule', START, START - 1440 * MINUTE + 1)).toEqual({
      code: 'CHANGE_CUTOFF_PASSED',
      cutoffMinutes: 1440,
    });
  });

  it('refuses a change the clinic takes only by phone, whatever the time', () => {
    const type = { changePolicy: { cutoffMinutes: 60, cancelOnline: false, rescheduleOnline: true } };
    expect(changeRefusal(type, 'cancel', START, START - 30 * 86_400_000)).toEqual({
      code: 'CHANGES_NOT_ONLINE',
      cutoffMinutes: 60,
    });
    expect(changeRefusal(type, 'reschedule', START, START - 60 * MINUTE)).toBeNull();
    expect(changeRefusal({ changePolicy: { rescheduleOnline: false } }, 'reschedule', START, 0)).toEqual({
      code: 'CHANGES_NOT_ONLINE',
      cutoffMinutes: 0,
    });
  });
});
