/**
 * The built embed on clinic pages with a Content-Security-Policy, each made by the test origin's
 * `/csp-page` with its CSP header (test/support/test-origin.ts) and opened in an iframe that
 * posts a report (test/fixtures/embed/strict-csp.js): the strict policy with a self-hosted worker,
 * a policy that refuses workers, the CDN recipe with `blob:`, each of these with Trusted Types
 * enforced (and one that leaves our policy out), and a nonce with 'strict-dynamic', self-hosted
 * and from a CDN.
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

/** How a clinic's page is made: its policy, where the widget comes from, and its nonce if any. */
interface ClinicPage {
  csp: string;
  widget: 'self' | 'cdn';
  nonce?: string;
  /** Point the widget at the self-hosted worker (`worker-url`). */
  selfHostedWorker?: boolean;
}

/** The policies of docs/embedding.md's recipes, and their variants. */
const CLOSED = "object-src 'none'; base-uri 'none'";
const STRICT = `default-src 'self'; script-src 'self'; style-src 'self'; worker-src 'self'; ${CLOSED}`;
const NO_WORKERS = `default-src 'self'; script-src 'self'; style-src 'self'; worker-src 'none'; ${CLOSED}`;
const CDN = `default-src 'self'; script-src 'self' http://127.0.0.1:*; style-src 'self'; worker-src blob:; ${CLOSED}`;
const STRICT_DYNAMIC = `script-src 'nonce-r4nd0m' 'strict-dynamic'; ${CLOSED}`;
const trustedTypes = (policy: string, names: string) =>
  `${policy}; require-trusted-types-for 'script'; trusted-types ${names}`;

/** The page on http://localhost:PORT, the files on http://127.0.0.1:PORT: two origins, one server. */
const cdnPage = origin.replace('127.0.0.1', 'localhost');

function openPage(page: ClinicPage, timeoutMs = 30_000): Promise<Report> {
  const query = new URLSearchParams({ csp: page.csp, widget: page.widget });
  if (page.nonce) query.set('nonce', page.nonce);
  if (page.selfHostedWorker) query.set('worker-url', 'self');
  // A page that takes the widget from a CDN is on the other name of the server.
  const url = `${page.widget === 'cdn' ? cdnPage : origin}/csp-page?${query}`;
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.style.width = '800px';
    frame.style.height = '900px';
    const timer = setTimeout(() => {
      window.removeEventListener('message', onMessage);
      reject(new Error(`${url} sent no report within ${timeoutMs} ms`));
    }, timeoutMs);
    function onMessage(event: MessageEvent) {
      if (event.source !== frame.contentWindow || event.data?.source !== 'strict-csp') return;
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      resolve(event.data as Report);
    }
    window.addEventListener('message', onMessage);
    frame.src = url;
    document.body.append(frame);
  });
}

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
  const report = await openPage({ csp: STRICT, widget: 'self', selfHostedWorker: true });
  expectSlots(report);
  // Styled, by constructed stylesheets (a <style> would have been refused by style-src 'self').
  expect(report.adoptedSheets).toBe(2);
  expect(report.styleElements).toBe(0);
  expect(report.slotFontSize).toBe('16px');
  expect(report.hasGlobal).toBe(true);
});

it.each<[string, ClinicPage]>([
  [
    'from a CDN origin under recipe 1: script-src with the CDN, worker-src blob:',
    { csp: CDN, widget: 'cdn' },
  ],
  [
    'on a page that enforces Trusted Types, with the worker self-hosted',
    { csp: trustedTypes(STRICT, 'clinic-scheduler'), widget: 'self', selfHostedWorker: true },
  ],
  [
    'from a CDN origin on a page that enforces Trusted Types (blob: bootstrap)',
    { csp: trustedTypes(CDN, 'clinic-scheduler host-page'), widget: 'cdn' },
  ],
  [
    'self-hosted under a nonce with strict-dynamic and no worker-src at all',
    { csp: STRICT_DYNAMIC, widget: 'self', nonce: 'r4nd0m' },
  ],
  [
    'from a CDN origin under a nonce with strict-dynamic and no worker-src',
    { csp: STRICT_DYNAMIC, widget: 'cdn', nonce: 'r4nd0m' },
  ],
])('works %s', async (_, page) => {
  expectSlots(await openPage(page));
});

it.each<[string, string]>([
  ['when the CSP refuses workers', NO_WORKERS],
  ['on a Trusted Types page that refuses workers', trustedTypes(NO_WORKERS, 'clinic-scheduler')],
])('still shows slots, computed on the page and reported as degraded, %s', async (_, csp) => {
  const report = await openPage({ csp, widget: 'self', selfHostedWorker: true });
  expectSlots(report, { degraded: true, refused: ['worker-src'] });
});

it('says WORKER_CRASHED, with the violation in the console, when Trusted Types leave its policy out', async () => {
  const csp = trustedTypes(STRICT, 'some-other-policy');
  const report = await openPage({ csp, widget: 'self', selfHostedWorker: true });
  expect(report.reason).toBe('error');
  expect(report.events.filter((e) => e.name === 'cs-error').map((e) => e.detail)).toEqual([
    { code: 'WORKER_CRASHED', message: 'Available times could not be computed.' },
  ]);
  expect(new Set(report.violations.map((v) => v.directive))).toEqual(
    new Set(['trusted-types', 'require-trusted-types-for']),
  );
  expect(report.slotButtons).toBe(0);
});
