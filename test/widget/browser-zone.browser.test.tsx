import { afterEach, describe, expect, it } from 'vitest';
import { byText, eventually, mountWithFakes, type ShadowMount } from './shadow.ts';

/**
 * The patient's zone read from the browser itself (no injected zone). It only means something
 * when Chromium runs in another zone than the clinic's: it runs in a Vitest project whose
 * Playwright context sets `timezoneId: 'Asia/Tokyo'` (vitest.config.ts, project `browser-tokyo`).
 */
const browserZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;

let mounted: ShadowMount | undefined;
afterEach(() => {
  mounted?.remove();
  mounted = undefined;
});

describe('the browser itself in Tokyo', () => {
  it('really runs with its clock in Tokyo', () => {
    expect(browserZone).toBe('Asia/Tokyo');
  });

  it('shows Tokyo days and both times without being told the zone', async () => {
    mounted = mountWithFakes({ appointmentTypeId: 'checkup', providerId: 'ada' });
    const m = mounted;
    await eventually(() =>
      expect(m.root.querySelector('[data-live="polite"]')?.textContent).toBe(
        '2 times available on Tuesday, December 3',
      ),
    );
    expect(byText(m.root, 'span', 'Times are shown in your time zone, Japan Standard Time.')).toBeTruthy();
    const first = m.root
      .querySelector('input[type=radio]')
      ?.closest('label')
      ?.textContent?.replace(/\s/g, ' ');
    expect(first).toBe('11:00 PM your time · 9:00 AM at the clinic');
  });
});
