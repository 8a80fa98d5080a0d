/**
 * Test helpers for the reference API: a real `node:http` server around the handler on a free
 * port, a settable clock, and a valid booking request for the small fixture clinic.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { BookingRequest } from '../src/api/types.ts';
import { type ApiHandler, type ApiHandlerOptions, createApiHandler } from './api-handler.ts';

export const FIXTURE_RULES = resolve(import.meta.dirname, 'fixtures/small-clinic.json');

/** Tuesday 1 December 2026, 07:00 in New York. */
export const NOW = Date.parse('2026-12-01T12:00:00Z');
/** Wednesday 2 December 2026, 09:00 in New York: Dr. Lee's first follow-up slot that day. */
export const WED_9AM = Date.parse('2026-12-02T14:00:00Z');

export interface RunningApi {
  url: string;
  handler: ApiHandler;
  clock: { now: number };
  close(): Promise<void>;
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-api-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startApi(
  dataFile: string,
  options: Partial<ApiHandlerOptions> = {},
  clock = { now: NOW },
): Promise<RunningApi> {
  const handler = createApiHandler({ rulesFile: FIXTURE_RULES, dataFile, now: () => clock.now, ...options });
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    handler,
    clock,
    close: async () => {
      await handler.idle();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

export interface TempApi {
  /** The running API of the current test. */
  api: RunningApi;
  /** The current test's temporary directory, holding `bookings.json`. */
  dir: string;
  /** Stops the API and starts a new one on the same bookings file. */
  restart(): Promise<void>;
}

/** Registers hooks that give each test a fresh temporary directory and an API on a bookings file in it. */
export function useTempApi(): TempApi {
  let remove: () => void = () => {};
  const context: TempApi = {
    api: undefined as unknown as RunningApi,
    dir: '',
    restart: async () => {
      await context.api.close();
      context.api = await startApi(join(context.dir, 'bookings.json'));
    },
  };
  beforeEach(async () => {
    const temp = tempDir();
    remove = temp.remove;
    context.dir = temp.dir;
    context.api = await startApi(join(temp.dir, 'bookings.json'));
  });
  afterEach(async () => {
    await context.api.close();
    remove();
  });
  return context;
}

export function bookingRequest(overrides: Partial<BookingRequest> = {}): BookingRequest {
  return {
    appointmentTypeId: 'follow-up',
    providerId: 'dr-lee',
    start: WED_9AM,
    patient: {
      name: 'Maria Garcia',
      dateOfBirth: '1984-03-09',
      email: 'maria@example.com',
      phone: '+1 555 010 2030',
      patientStatus: 'existing',
      consent: true,
    },
    ...overrides,
  };
}

/** POSTs JSON with an idempotency key and returns the status, headers and parsed body. */
export async function post(
  url: string,
  body: unknown,
  key: string | null,
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null };
}

export async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, headers: response.headers, text, body: body as Record<string, unknown> };
}
