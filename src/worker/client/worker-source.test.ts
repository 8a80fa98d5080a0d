import { describe, expect, it } from 'vitest';
import { needsBootstrap, pickWorkerUrl } from './worker-source.ts';

describe('where the worker is loaded from', () => {
  it('defaults to slots-worker.js beside the widget script, of the same version (its query)', () => {
    const script = 'https://cdn.vendor.example/clinic-scheduler/0.1.0/clinic-scheduler.js?v=3';
    expect(pickWorkerUrl(undefined, script, 'https://clinic.example/book/')).toBe(
      'https://cdn.vendor.example/clinic-scheduler/0.1.0/slots-worker.js?v=3',
    );
    expect(pickWorkerUrl(undefined, 'https://cdn.vendor.example/cs/clinic-scheduler.js#x', null)).toBe(
      'https://cdn.vendor.example/cs/slots-worker.js',
    );
  });

  it("defaults to admin-worker.js beside the widget script for the 'admin' flavour", () => {
    const script = 'https://cdn.vendor.example/clinic-scheduler/0.1.0/clinic-scheduler.js?v=3';
    expect(pickWorkerUrl(undefined, script, 'https://clinic.example/admin/', 'admin')).toBe(
      'https://cdn.vendor.example/clinic-scheduler/0.1.0/admin-worker.js?v=3',
    );
    expect(pickWorkerUrl('/self/admin-worker.js', script, 'https://clinic.example/admin/', 'admin')).toBe(
      'https://clinic.example/self/admin-worker.js',
    );
  });

  it('resolves an explicit workerUrl against the page, not the script', () => {
    const script = 'https://cdn.vendor.example/cs/clinic-scheduler.js';
    expect(pickWorkerUrl('assets/slots-worker.js', script, 'https://clinic.example/book/index.html')).toBe(
      'https://clinic.example/book/assets/slots-worker.js',
    );
    expect(pickWorkerUrl('/w.js', null, 'https://clinic.example/book/')).toBe('https://clinic.example/w.js');
    // The script's version query is the vendor's; a self-hosted worker keeps its own URL.
    expect(pickWorkerUrl('/w.js', `${script}?v=3`, 'https://clinic.example/')).toBe(
      'https://clinic.example/w.js',
    );
  });

  it('knows no URL without a workerUrl or a script address (dev: the module worker from source)', () => {
    expect(pickWorkerUrl(undefined, null, 'https://clinic.example/')).toBeNull();
  });

  it('bootstraps through blob: only a worker on another origin than the page', () => {
    expect(needsBootstrap('https://cdn.vendor.example/slots-worker.js', 'https://clinic.example')).toBe(true);
    expect(needsBootstrap('https://clinic.example/assets/slots-worker.js', 'https://clinic.example')).toBe(
      false,
    );
    expect(needsBootstrap('http://clinic.example:8080/slots-worker.js', 'http://clinic.example')).toBe(true);
  });
});
