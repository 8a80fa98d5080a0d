import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { eventually, mountWithFakes, removeWidgetsAfterEach } from './shadow.ts';

/**
 * Windows' high-contrast themes (forced colours) replace every colour the page sets, the accent
 * backgrounds that mark the chosen day and time included (each becomes the theme's background).
 * Runs in a Vitest project whose Playwright context forces colours (vitest.config.ts, project
 * `browser-forced-colors`).
 */
removeWidgetsAfterEach();

/** What a system colour of the theme resolves to. */
function systemColour(name: 'Highlight' | 'HighlightText' | 'CanvasText'): string {
  const probe = document.createElement('div');
  probe.style.setProperty('forced-color-adjust', 'none');
  probe.style.setProperty('background-color', name);
  document.body.append(probe);
  const value = getComputedStyle(probe).backgroundColor;
  probe.remove();
  return value;
}

describe('with forced colours', () => {
  it('really runs with colours forced', () => {
    expect(matchMedia('(forced-colors: active)').matches).toBe(true);
    expect(systemColour('Highlight')).not.toBe(systemColour('HighlightText'));
  });

  it('marks the chosen day and the chosen time in the theme’s highlight colours', async () => {
    const m = mountWithFakes({ appointmentTypeId: 'checkup', providerId: 'ada' });
    const slots = () => [...m.root.querySelectorAll<HTMLElement>('[part~="slot"]')];
    await eventually(() => expect(slots().length).toBeGreaterThan(1));
    const highlight = { background: systemColour('Highlight'), text: systemColour('HighlightText') };

    const chosenDay = getComputedStyle(m.root.querySelector('[aria-selected="true"] .cs-day')!);
    expect({ background: chosenDay.backgroundColor, text: chosenDay.color }).toEqual(highlight);
    // The dot that marks a day with times, drawn in the text colour where the accent is gone.
    const otherDay = m.root.querySelector('[aria-selected="false"] .cs-day--available')!;
    expect(getComputedStyle(otherDay, '::after').backgroundColor).toBe(systemColour('CanvasText'));

    await userEvent.click(slots()[0]!);
    await eventually(() => {
      const chosenTime = getComputedStyle(slots()[0]!);
      expect({ background: chosenTime.backgroundColor, text: chosenTime.color }).toEqual(highlight);
    });
    // Every line of the chosen entry (the provider, the clinic's time) in the highlight's text colour.
    const lines = [...slots()[0]!.querySelectorAll('.cs-meta')].map((line) => getComputedStyle(line).color);
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines)).toEqual(new Set([highlight.text]));
    expect(getComputedStyle(slots()[1]!).backgroundColor).not.toBe(highlight.background);
  });
});
