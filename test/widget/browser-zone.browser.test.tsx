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

  it('fits two times per row on a 360 px phone, each time in both zones', async () => {
    mounted = mountWithFakes({ appointmentTypeId: 'checkup', providerId: 'ada' });
    const m = mounted;
    m.host.style.width = '360px';
    const slots = () => [...m.root.querySelectorAll<HTMLElement>('[part~="slot"]')];
    await eventually(() => expect(slots()).toHaveLength(2));
    const [first] = slots();
    const [a, b] = slots().map((slot) => slot.getBoundingClientRect());
    expect(b!.top).toBe(a!.top);
    expect(b!.left).toBeGreaterThan(a!.right);
    // Within an entry: the patient's time on its own line, the clinic's time below it.
    const [patient, clinic] = [...first!.querySelectorAll(':scope > span')].map((line) =>
      line.getBoundingClientRect(),
    );
    expect(clinic!.top).toBeGreaterThanOrEqual(patient!.bottom);
    expect([...first!.querySelectorAll(':scope > span')].map((line) => line.textContent)).toEqual([
      '11:00 PM your time · ',
      '9:00 AM at the clinic',
    ]);
  });
});
