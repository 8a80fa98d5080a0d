import { afterEach, describe, expect, it } from 'vitest';
import { eventually, mountWithFakes, type ShadowMount } from './shadow.ts';

/**
 * Old clinic sites still ship pages without a doctype, which browsers render in quirks mode.
 * One quirk reaches into shadow trees: tables reset `line-height` (and font size and weight) to
 * the browser's defaults. The calendar is a table, so the widget must look the same there as on
 * a standards page.
 */
const mounts: ShadowMount[] = [];
const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const m of mounts.splice(0)) m.remove();
  for (const frame of frames.splice(0)) frame.remove();
});

/** A same-origin frame whose page has no doctype, so the browser renders it in quirks mode. */
function quirksDocument(): Document {
  const frame = document.createElement('iframe');
  frame.style.width = '420px';
  frame.style.height = '900px';
  document.body.append(frame);
  frames.push(frame);
  const doc = frame.contentDocument;
  if (!doc) throw new Error('the frame has no document');
  doc.open();
  doc.write('<html><head><title>Old clinic site</title></head><body></body></html>');
  doc.close();
  return doc;
}

async function calendarIn(doc: Document): Promise<HTMLElement> {
  const m = mountWithFakes({ appointmentTypeId: 'checkup', providerId: 'ada' }, {}, undefined, doc);
  m.host.style.width = '400px';
  mounts.push(m);
  let grid: HTMLElement | null = null;
  await eventually(() => {
    grid = m.root.querySelector<HTMLElement>('.cs-grid');
    expect(grid?.querySelector('.cs-day--available')).toBeTruthy();
  });
  return grid as unknown as HTMLElement;
}

describe('a host page in quirks mode', () => {
  it('shows the calendar exactly as a standards page does', async () => {
    const quirks = quirksDocument();
    expect(quirks.compatMode).toBe('BackCompat');
    const standards = await calendarIn(document);
    const old = await calendarIn(quirks);

    const heading = (grid: HTMLElement) => getComputedStyle(grid.querySelector('th') as Element);
    const day = (grid: HTMLElement) => getComputedStyle(grid.querySelector('.cs-day--available') as Element);
    expect(heading(old).lineHeight).toBe(heading(standards).lineHeight);
    expect(heading(old).fontWeight).toBe(heading(standards).fontWeight);
    expect(day(old).lineHeight).toBe(day(standards).lineHeight);
    expect(day(old).fontWeight).toBe('700');
    const whole = (grid: HTMLElement) =>
      (grid.closest('.cs-root') as HTMLElement).getBoundingClientRect().height;
    // The first step is drawn in tasks (the month's marks, then the first day's times), so each
    // widget is compared once both have drawn the same things.
    await eventually(() => {
      expect(old.getBoundingClientRect().height).toBe(standards.getBoundingClientRect().height);
      expect(whole(old)).toBe(whole(standards));
    });

    // With a day's times shown as well.
    for (const grid of [standards, old]) grid.querySelector<HTMLElement>('[data-date="2024-12-04"]')?.click();
    const times = (grid: HTMLElement) => grid.closest('.cs-root')?.querySelector('.cs-timelist');
    await eventually(() => {
      expect(times(old) && times(standards)).toBeTruthy();
      expect(whole(old)).toBe(whole(standards));
    });
  });
});
