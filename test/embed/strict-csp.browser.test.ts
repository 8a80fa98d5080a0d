/**
 * The built embed on pages with a Content-Security-Policy (test/fixtures/embed/*.html, each served
 * with its CSP header from the test origin, in an iframe that posts a report): the strict policy
 * with a self-hosted worker, a policy that refuses workers, the CDN recipe with `blob:`, each of
 * these with Trusted Types enforced (and one that leaves our policy out), and a nonce with
 * 'strict-dynamic', self-hosted and from a CDN.
 */
import { expect, it } from 'vitest';
import { origin } from './built-page.ts';

interface Report {
  source: 'strict-csp';
  reason: string;
  violations: { directive: string; blocked: string }[];
  events: { name: string; detail: Record<string, unknown> }[];
  slotButtons: number;
  slotFontSize: string | null;
  adoptedSheets: number;
  styleElements: number;
  hasGlobal: boolean;
}

function openFixture(path: string, timeoutMs = 30_000, pageOrigin = origin): Promise<Report> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.style.width = '800px';
    frame.style.height = '900px';
    const timer = setTimeout(() => {
      window.removeEventListener('message', onMessage);
      reject(new Error(`${path} sent no report within ${timeoutMs} ms`));
    }, timeoutMs);
    function onMessage(event: MessageEvent) {
      if (event.source !== frame.contentWindow || event.data?.source !== 'strict-csp') return;
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      resolve(event.data as Report);
    }
    window.addEventListener('message', onMessage);
    frame.src = `${pageOrigin}${path}`;
    document.body.append(frame);
  });
}

/** The page on http://localhost:PORT, the files on http://127.0.0.1:PORT: two origins, one server. */
const cdnPage = origin.replace('127.0.0.1', 'localhost');

/** Slots on screen, computed in a worker (or on the page, `degraded`), refused only what `refused` lists. */
function expectSlots(report: Report, { degraded = false, refused = [] as string[] } = {}) {
  expect(report.reason).toBe('slots');
  expect(report.violations.map((v) => v.directive)).toEqual(refused);
  expect(report.events.filter((e) => e.name === 'cs-error')).toEqual([]);
  const loaded = report.events.find((e) => e.name === 'cs-slots-loaded');
  expect(loaded?.detail.degraded).toBe(degraded);
  expect(report.slotButtons).toBeGreaterThan(0);
}

it('works under script-src, style-src and worker-src self, with the worker self-hosted', async () => {
  const report = await openFixture('/test/fixtures/embed/strict-csp.html');
  expectSlots(report);
  // Styled, by constructed stylesheets (a <style> would have been refused by style-src 'self').
  expect(report.adoptedSheets).toBe(2);
  expect(report.styleElements).toBe(0);
  expect(report.slotFontSize).toBe('16px');
  expect(report.hasGlobal).toBe(true);
});

it.each([
  ['from a CDN origin under recipe 1: script-src with the CDN, worker-src blob:', 'cdn-csp', cdnPage],
  ['on a page that enforces Trusted Types, with the worker self-hosted', 'trusted-types', origin],
  ['from a CDN origin on a page that enforces Trusted Types (blob: bootstrap)', 'trusted-types-cdn', cdnPage],
  ['self-hosted under a nonce with strict-dynamic and no worker-src at all', 'strict-dynamic', origin],
  ['from a CDN origin under a nonce with strict-dynamic and no worker-src', 'strict-dynamic-cdn', cdnPage],
])('works %s', async (_, fixture, page) => {
  expectSlots(await openFixture(`/test/fixtures/embed/${fixture}.html`, 30_000, page));
});

it.each([
  ['when the CSP refuses workers', 'worker-refused'],
  ['on a Trusted Types page that refuses workers', 'trusted-types-no-worker'],
])('still shows slots, computed on the page and reported as degraded, %s', async (_, fixture) => {
  const report = await openFixture(`/test/fixtures/embed/${fixture}.html`);
  expectSlots(report, { degraded: true, refused: ['worker-src'] });
});

it('says WORKER_CRASHED, with the violation in the console, when Trusted Types leave its policy out', async () => {
  const report = await openFixture('/test/fixtures/embed/trusted-types-refused.html');
  expect(report.reason).toBe('error');
  expect(report.events.filter((e) => e.name === 'cs-error').map((e) => e.detail)).toEqual([
    { code: 'WORKER_CRASHED', message: 'Available times could not be computed.' },
  ]);
  expect(new Set(report.violations.map((v) => v.directive))).toEqual(
    new Set(['trusted-types', 'require-trusted-types-for']),
  );
  expect(report.slotButtons).toBe(0);
});
