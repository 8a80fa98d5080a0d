import { describe, expect, it } from 'vitest';
import { linkChoice } from './link.ts';

describe("a reminder email's link", () => {
  it('reads the visit, the provider and the day from the fragment, beside other parameters', () => {
    expect(linkChoice('#ref=email&type=checkup&provider=ada&date=2024-12-10')).toEqual({
      appointmentTypeId: 'checkup',
      providerId: 'ada',
      date: '2024-12-10',
    });
    expect(linkChoice('type=first-visit')).toEqual({ appointmentTypeId: 'first-visit' });
  });

  it('reads nothing from a fragment without them, or from look-alike names', () => {
    expect(linkChoice('')).toEqual({});
    expect(linkChoice('#booking=tok-9')).toEqual({});
    expect(linkChoice('#subtype=x&date_from=2024-12-10&provider=')).toEqual({});
    expect(linkChoice('#/services?type=checkup')).toEqual({});
  });

  it('leaves out a value with characters no id or date has (a %-escape, a space)', () => {
    expect(linkChoice('#provider=dr.lee&type=check%20up&date=2024-12-10 ')).toEqual({ providerId: 'dr.lee' });
  });
});
