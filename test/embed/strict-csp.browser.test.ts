/**
 * The built embed on pages with a Content-Security-Policy (test/fixtures/embed/*.html, each served
 * with its CSP header from the test origin, in an iframe that posts a report): the strict policy
 * with a self-hosted worker, a policy that refuses workers, and the CDN recipe with `blob:`.
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

it('works under script-src, style-src and worker-src self, with the worker self-hosted', async () => {
  const report = await openFixture('/test/fixtures/embed/strict-csp.html');
  expect(report.reason).toBe('slots');
  expect(report.violations).toEqual([]);
  expect(report.events.filter((e) => e.name === 'cs-error')).toEqual([]);
  const loaded = report.events.find((e) => e.name === 'cs-slots-loaded');
  expect(loaded?.detail.degraded).toBe(false);
  expect(report.slotButtons).toBeGreaterThan(0);
  // Styled, by constructed stylesheets (a <style> would have been refused by style-src 'self').
  expect(report.adoptedSheets).toBe(2);
  expect(report.styleElements).toBe(0);
  expect(report.slotFontSize).toBe('16px');
  expect(report.hasGlobal).toBe(true);
});

it('still shows slots, computed on the page and reported as degraded, when the CSP refuses workers', async () => {
  const report = await openFixture('/test/fixtures/embed/worker-refused.html');
  expect(report.reason).toBe('slots');
  expect(report.violations.map((v) => v.directive)).toEqual(['worker-src']);
  const loaded = report.events.find((e) => e.name === 'cs-slots-loaded');
  expect(loaded?.detail.degraded).toBe(true);
  expect(report.slotButtons).toBeGreaterThan(0);
});

it('works from a CDN origin under recipe 1: script-src with the CDN, worker-src blob:', async () => {
  // The page on http://localhost:PORT, the files on http://127.0.0.1:PORT: two origins, one server.
  const page = origin.replace('127.0.0.1', 'localhost');
  const report = await openFixture('/test/fixtures/embed/cdn-csp.html', 30_000, page);
  expect(report.reason).toBe('slots');
  expect(report.violations).toEqual([]);
  const loaded = report.events.find((e) => e.name === 'cs-slots-loaded');
  expect(loaded?.detail.degraded).toBe(false);
  expect(report.slotButtons).toBeGreaterThan(0);
});

it('works on a page that enforces Trusted Types, with the worker self-hosted', async () => {
  const report = await openFixture('/test/fixtures/embed/trusted-types.html');
  expect(report.reason).toBe('slots');
  expect(report.violations).toEqual([]);
  const loaded = report.events.find((e) => e.name === 'cs-slots-loaded');
  expect(loaded?.detail.degraded).toBe(false);
  expect(report.slotButtons).toBeGreaterThan(0);
});

it('works from a CDN origin on a page that enforces Trusted Types (blob: bootstrap)', async () => {
  const page = origin.replace('127.0.0.1', 'localhost');
  const report = await openFixture('/test/fixtures/embed/trusted-types-cdn.html', 30_000, page);
  expect(report.reason).toBe('slots');
  expect(report.violations).toEqual([]);
  const loaded = report.events.find((e) => e.name === 'cs-slots-loaded');
  expect(loaded?.detail.degraded).toBe(false);
  expect(report.slotButtons).toBeGreaterThan(0);
});

it('falls back to the page on a Trusted Types page that refuses workers', async () => {
  const report = await openFixture('/test/fixtures/embed/trusted-types-no-worker.html');
  expect(report.reason).toBe('slots');
  expect(report.violations.map((v) => v.directive)).toEqual(['worker-src']);
  const loaded = report.events.find((e) => e.name === 'cs-slots-loaded');
  expect(loaded?.detail.degraded).toBe(true);
  expect(report.slotButtons).toBeGreaterThan(0);
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

it.each([
  ['self-hosted', '/test/fixtures/embed/strict-dynamic.html', origin],
  [
    'from a CDN origin',
    '/test/fixtures/embed/strict-dynamic-cdn.html',
    origin.replace('127.0.0.1', 'localhost'),
  ],
])('works %s under a nonce with strict-dynamic and no worker-src at all', async (_, path, page) => {
  const report = await openFixture(path, 30_000, page);
  expect(report.reason).toBe('slots');
  expect(report.violations).toEqual([]);
  const loaded = report.events.find((e) => e.name === 'cs-slots-loaded');
  expect(loaded?.detail.degraded).toBe(false);
  expect(report.slotButtons).toBeGreaterThan(0);
});
