import axe from 'axe-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { renderReminderEmail } from '../../server/reminder-page.ts';

/**
 * The demo's own pages (the clinic home page and the sample reminder email) with their stylesheets,
 * checked with axe-core in real Chromium. The widget is not loaded here: it has its own axe tests.
 */
const origin = inject('testOrigin');

async function show(html: string, stylesheet: string): Promise<void> {
  const page = new DOMParser().parseFromString(html, 'text/html');
  document.documentElement.lang = page.documentElement.lang;
  document.title = page.title;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = `${origin}${stylesheet}`;
  const loaded = new Promise((resolve, reject) => {
    link.onload = resolve;
    link.onerror = reject;
  });
  document.head.append(link);
  document.body.innerHTML = page.body.innerHTML;
  await Promise.race([
    loaded,
    new Promise((_, reject) => setTimeout(() => reject(new Error('css timeout')), 5000)),
  ]);
}

async function violations(): Promise<string[]> {
  const result = await axe.run(document, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

afterEach(() => {
  document.body.innerHTML = '';
  for (const link of document.head.querySelectorAll('link[rel=stylesheet]')) link.remove();
});

describe('the demo site', () => {
  it('has an accessible clinic home page with the widget element in the booking section', async () => {
    const html = await (await fetch(`${origin}/index.html`, { signal: AbortSignal.timeout(5000) })).text();
    await show(html, '/public/demo/site.css');
    const element = document.querySelector('#book clinic-scheduler');
    expect(element?.getAttribute('api-base')).toBe('/api');
    expect(document.querySelector('h1')?.textContent).toBe('Care for every stage of life, close to home');
    expect(await violations()).toEqual([]);
  });

  it('has an accessible reminder email whose links keep the token in the fragment', async () => {
    const html = renderReminderEmail({
      message: { kind: 'booked', bookingId: 'bk_1', manageToken: 'tok_123', at: 0 },
      booking: {
        id: 'bk_1',
        appointmentTypeId: 'video',
        providerId: 'dr-lee',
        start: Date.UTC(2026, 11, 2, 14),
        end: Date.UTC(2026, 11, 2, 14, 20),
        status: 'confirmed',
        mode: 'video',
        patient: {
          name: 'Ana Test',
          dateOfBirth: '1990-01-01',
          email: 'a@example.com',
          phone: '+1 555 0100',
          patientStatus: 'existing',
          consent: true,
        },
      },
      rules: {
        version: 1,
        timezone: 'America/New_York',
        clinic: { name: 'Riverside Family Clinic', phone: '+1 555 0100' },
        providers: [{ id: 'dr-lee', name: 'Dr. Ana Lee' }],
        appointmentTypes: [
          { id: 'video', name: 'Video consultation', providerIds: ['dr-lee'], durationMinutes: 20 },
        ],
      },
    });
    await show(html, '/public/demo/email.css');
    const links = [...document.querySelectorAll<HTMLAnchorElement>('.actions a')].map((a) =>
      a.getAttribute('href'),
    );
    expect(links).toEqual(['/#booking=tok_123&action=reschedule', '/#booking=tok_123&action=cancel']);
    expect(document.body.textContent).toContain(
      'Video visit: the clinic sends you the link to join before your appointment.',
    );
    expect(await violations()).toEqual([]);
  });
});
