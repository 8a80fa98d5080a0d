import { expect, it } from 'vitest';
import { eventually, mountWithFakes, removeWidgetsAfterEach } from './shadow.ts';

/**
 * The calendar's month title as the patient reads it: its first letter capital, the rest as the
 * language writes it. Spanish writes "diciembre de 2024"; capitalising every word gave
 * "Diciembre De 2024".
 */
removeWidgetsAfterEach();

it.each([
  ['es', 'Diciembre de 2024'],
  ['en', 'December 2024'],
])('reads "%s" as "%s"', async (locale, title) => {
  const m = mountWithFakes({ appointmentTypeId: 'checkup', providerId: 'ada', locale });
  await eventually(() => expect(m.root.querySelector('.cs-calendar-head h3')).not.toBeNull());
  const heading = m.root.querySelector<HTMLElement>('.cs-calendar-head h3') as HTMLElement;
  await eventually(() => expect(heading.textContent).toMatch(/2024$/));
  // innerText is the text as rendered, with CSS text-transform applied.
  expect(heading.innerText).toBe(title);
});
