import { describe, expect, it } from 'vitest';
import { buildIcs, foldLine, googleCalendarUrl, icsDataUrl, utcStamp } from './ics.ts';

const event = {
  uid: 'bk-1@clinic-scheduler',
  title: 'Check-up · Dr. Ada Lee',
  start: Date.parse('2024-12-03T14:00:00Z'),
  end: Date.parse('2024-12-03T14:30:00Z'),
  location: 'Riverside Main Street, 120 Main Street; Riverside',
  description: '+1 555 0100',
  stamp: Date.parse('2024-12-02T22:00:00Z'),
};

describe('the .ics file', () => {
  it('is a valid VEVENT with UTC times, escaped text and CRLF line ends', () => {
    expect(buildIcs(event)).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//clinic-scheduler//booking widget//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'BEGIN:VEVENT',
        'UID:bk-1@clinic-scheduler',
        'DTSTAMP:20241202T220000Z',
        'DTSTART:20241203T140000Z',
        'DTEND:20241203T143000Z',
        'SUMMARY:Check-up · Dr. Ada Lee',
        'LOCATION:Riverside Main Street\\, 120 Main Street\\; Riverside',
        'DESCRIPTION:+1 555 0100',
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        'DESCRIPTION:Check-up · Dr. Ada Lee',
        'TRIGGER:-P1D',
        'END:VALARM',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('puts the manage link in the file (URL and description), never in the Google link', () => {
    const manage = { text: 'To manage:', url: 'https://clinic.example/book#booking=tok-1' };
    const text = buildIcs({ ...event, manage }).replace(/\r\n /g, '');
    expect(text).toContain(
      'DESCRIPTION:+1 555 0100\\nTo manage: https://clinic.example/book#booking=tok-1\r\n',
    );
    expect(text).toContain('\r\nURL:https://clinic.example/book#booking=tok-1\r\n');
    expect(googleCalendarUrl({ ...event, manage })).not.toContain('tok-1');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(line).split('\r\n ');
    expect(folded.length).toBe(2);
    expect(new TextEncoder().encode(folded[0]).length).toBeLessThanOrEqual(75);
    expect(folded.join('')).toBe(line);
  });

  it('goes into a data: URL and a Google Calendar link', () => {
    expect(icsDataUrl(event).startsWith('data:text/calendar;charset=utf-8,BEGIN%3AVCALENDAR%0D%0A')).toBe(
      true,
    );
    const google = new URL(googleCalendarUrl(event));
    expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(google.searchParams.get('action')).toBe('TEMPLATE');
    expect(google.searchParams.get('dates')).toBe('20241203T140000Z/20241203T143000Z');
    expect(google.searchParams.get('text')).toBe('Check-up · Dr. Ada Lee');
    expect(utcStamp(0)).toBe('19700101T000000Z');
  });
});
