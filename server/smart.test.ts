import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Schedule as FhirSchedule, Slot as FhirSlot } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSlots, type RulesDocument } from '../src/engine/index.ts';
import { checkManifest, checkResource, ndjsonLines } from '../test/support/fhir-schema.ts';
import { ConfigError, readConfig, type ServerConfig, type SmartSettings } from './config.ts';
import { SMART_CACHE_CONTROL } from './routes/smart.ts';
import { etagOf } from './rules/catalog.ts';
import { seedDocument } from './rules/seed.ts';
import { type OpenedServer, openServer } from './server.ts';
import { createClinic } from './store/clinics.ts';
import type { Database } from './store/database.ts';
import { insertRulesVersion } from './store/rules.ts';
import {
  bookingRequest,
  FIXTURE_RULES,
  fileDatabase,
  NOW,
  newClinic,
  storeInvalidRules,
  tempDir,
  testConfig,
  WED_9AM,
} from './testing.ts';

const PUBLIC = 'https://booking.clinic.example';
const SETTINGS: SmartSettings = {
  publicBaseUrl: PUBLIC,
  bookingUrl: 'https://clinic.example/{clinic}/book',
  days: 14,
  deadlineMs: 30_000,
};
const SPEC = new URL('../test/fixtures/smart-scheduling-links/', import.meta.url);
const specFile = (name: string) => readFileSync(new URL(name, SPEC), 'utf8');
const rules = JSON.parse(readFileSync(FIXTURE_RULES, 'utf8'));

let temp: ReturnType<typeof tempDir>;
let db: Database;
let release: () => Promise<void>;

beforeAll(async () => {
  temp = tempDir();
  ({ db, release } = await fileDatabase());
}, 30_000);
afterAll(async () => {
  await release?.();
  temp?.remove();
});

async function open(
  smart: SmartSettings | undefined,
  clock = { now: NOW },
  extra: Partial<ServerConfig> = {},
) {
  const server = await openServer(testConfig(temp.dir, { smart, ...extra }), {
    db,
    now: () => clock.now,
    transport: null,
    logger: false,
  });
  return { server, clock };
}

async function inject(server: OpenedServer, url: string, headers: Record<string, string> = {}) {
  const answer = await server.app.inject({ method: 'GET', url, headers });
  return answer;
}

/** The manifest and every file it lists, each fetched from the server by its URL's path. */
async function publication(server: OpenedServer, api: string) {
  const manifestAnswer = await inject(server, `${api}/smart/$bulk-publish`);
  expect(manifestAnswer.statusCode).toBe(200);
  const manifest = manifestAnswer.json() as {
    transactionTime: string;
    request: string;
    output: { type: string; url: string }[];
    error: unknown[];
  };
  const files = new Map<string, { type: string; resources: Record<string, unknown>[] }>();
  for (const output of manifest.output) {
    const answer = await inject(server, new URL(output.url).pathname);
    expect(answer.statusCode, output.url).toBe(200);
    expect(answer.headers['content-type']).toBe('application/fhir+ndjson; charset=utf-8');
    files.set(output.url, {
      type: output.type,
      resources: ndjsonLines(answer.body) as Record<string, unknown>[],
    });
  }
  return { manifest, manifestAnswer, files };
}

const slotsOf = (files: Map<string, { type: string; resources: Record<string, unknown>[] }>) =>
  [...files.values()]
    .filter((file) => file.type === 'Slot')
    .flatMap((file) => file.resources) as unknown as FhirSlot[];

async function book(server: OpenedServer, clinicId: string, key: string) {
  const answer = await server.app.inject({
    method: 'POST',
    url: `/c/${clinicId}/api/bookings`,
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    payload: JSON.stringify(bookingRequest()),
  });
  expect(answer.statusCode, answer.body).toBe(201);
}

describe('GET {api}/smart/$bulk-publish and its files', () => {
  it('serves the manifest and NDJSON files of the saved rules in the specification’s shapes', async () => {
    const clinicId = await newClinic(db);
    const { server } = await open(SETTINGS);
    try {
      const api = `/c/${clinicId}/api`;
      const base = `${PUBLIC}${api}/smart`;
      const { manifest, manifestAnswer, files } = await publication(server, api);
      expect(manifestAnswer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(manifestAnswer.headers['cache-control']).toBe('public, max-age=60');
      expect(manifestAnswer.headers['access-control-allow-origin']).toBe('*');
      expect(manifestAnswer.headers.etag).toBe(etagOf(manifestAnswer.body));
      expect(manifestAnswer.headers['last-modified']).toBe('Tue, 01 Dec 2026 12:00:00 GMT');
      expect(checkManifest(manifest), JSON.stringify(checkManifest.errors)).toBe(true);
      expect(Object.keys(manifest)).toEqual(Object.keys(JSON.parse(specFile('$bulk-publish'))));
      expect(manifest.transactionTime).toBe('2026-12-01T12:00:00.000Z');
      expect(manifest.request).toBe(`${base}/$bulk-publish`);
      expect(manifest.error).toEqual([]);
      // 14 days from Tuesday 1 December: the ISO weeks 49, 50 and 51 of 2026.
      expect(manifest.output.map((o) => o.url)).toEqual([
        `${base}/locations.ndjson`,
        `${base}/schedules.ndjson`,
        `${base}/slots-2026-W49.ndjson`,
        `${base}/slots-2026-W50.ndjson`,
        `${base}/slots-2026-W51.ndjson`,
      ]);
      expect(manifest.output.map((o) => o.type)).toEqual(['Location', 'Schedule', 'Slot', 'Slot', 'Slot']);

      const byType = (type: string) =>
        [...files.values()].filter((f) => f.type === type).flatMap((f) => f.resources);
      for (const resource of [...files.values()].flatMap((f) => f.resources)) {
        expect(checkResource(resource), JSON.stringify(checkResource.errors)).toBe(true);
      }
      // Every field the specification's example resources carry, ours carry too.
      const firstOf = (file: string) => JSON.parse(specFile(file).split('\n')[0]!) as Record<string, unknown>;
      for (const [type, file] of [
        ['Location', 'locations.ndjson'],
        ['Schedule', 'schedules.ndjson'],
        ['Slot', 'slots-2021-W09.ndjson'],
      ] as const) {
        for (const resource of byType(type))
          expect(Object.keys(resource)).toEqual(expect.arrayContaining(Object.keys(firstOf(file))));
      }
      expect(byType('Location').map((l) => l.name)).toEqual(['Main Street']);
      const schedules = byType('Schedule') as unknown as FhirSchedule[];
      expect(schedules.map((s) => s.comment)).toEqual([
        'Follow-up visit with Dr. Ana Lee',
        'Follow-up visit with Dr. Sam Park',
        'Video consultation with Dr. Ana Lee',
        'New patient visit with Dr. Ana Lee',
        'Annual physical with Dr. Ana Lee',
        'Diabetes education group with Dr. Sam Park',
      ]);
      const slots = slotsOf(files);
      const first = slots.find(
        (slot) => slot.status === 'free' && slot.start?.startsWith('2026-12-02T09:00'),
      )!;
      expect(first.start).toBe('2026-12-02T09:00:00.000-05:00');
      expect(first.extension).toContainEqual({
        url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link',
        valueUrl: expect.stringMatching(
          new RegExp(
            `^https://clinic\\.example/${clinicId}/book#type=[\\w-]+&provider=dr-lee&date=2026-12-02$`,
          ),
        ),
      });
      expect(first.extension).toContainEqual({
        url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone',
        valueString: '+1 555 0100',
      });
      expect(slots.every((slot) => (slot.id ?? '').length <= 64)).toBe(true);
      expect(slots.filter((slot) => slot.status === 'busy')).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('publishes as free exactly the slots the widget offers from GET /rules and its busy window, a booking included', async () => {
    const clinicId = await newClinic(db);
    const { server } = await open(SETTINGS);
    try {
      await book(server, clinicId, 'smart-round-trip');
      const api = `/c/${clinicId}/api`;
      const { files } = await publication(server, api);
      const published = slotsOf(files)
        .filter((slot) => slot.status === 'free')
        .map((slot) => {
          const link = slot.extension?.find((e) => e.url.endsWith('/booking-deep-link'))?.valueUrl ?? '';
          const choice = new URLSearchParams(new URL(link).hash.slice(1));
          return `${choice.get('type')} ${choice.get('provider')} ${Date.parse(slot.start ?? '')}`;
        })
        .sort();
      // As the widget reads it: the rules, with December's busy window beside them.
      const rules = (await inject(server, `${api}/rules`)).json() as RulesDocument;
      const december = (await inject(server, `${api}/busy/2026-12`)).json();
      expect(Object.keys(december.busy)).toEqual(['dr-lee']);
      const served = { ...rules, busyWindows: [december] } as RulesDocument;
      const offered = served.appointmentTypes
        .flatMap((type) => {
          const result = generateSlots(served, {
            appointmentTypeId: type.id,
            from: '2026-12-01',
            to: '2026-12-14',
            now: NOW,
          });
          if (!result.ok) throw new Error(result.errors[0]?.message);
          return result.slots.map((slot) => `${type.id} ${slot.providerId} ${slot.start}`);
        })
        .sort();
      expect(published.length).toBeGreaterThan(100);
      expect(published).toEqual(offered);
      expect(published).not.toContain(`follow-up dr-lee ${WED_9AM}`);
    } finally {
      await server.close();
    }
  });

  it('answers If-None-Match with 304, gzip when asked, HEAD, and the manifest by its encoded name', async () => {
    const clinicId = await newClinic(db);
    const { server } = await open(SETTINGS);
    try {
      const url = `/c/${clinicId}/api/smart/schedules.ndjson`;
      const plain = await inject(server, url);
      expect(plain.statusCode).toBe(200);
      const etag = String(plain.headers.etag);
      expect(etag).toBe(etagOf(plain.body));
      const again = await inject(server, url, { 'If-None-Match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers['cache-control']).toBe(SMART_CACHE_CONTROL);
      const zipped = await inject(server, url, { 'Accept-Encoding': 'gzip, br' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('Accept-Encoding');
      expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
      const head = await server.app.inject({ method: 'HEAD', url });
      expect(head.statusCode).toBe(200);
      expect(head.body).toBe('');
      const encoded = await inject(server, `/c/${clinicId}/api/smart/%24bulk-publish`);
      expect(encoded.statusCode).toBe(200);
      expect(encoded.json().request).toBe(`${PUBLIC}/c/${clinicId}/api/smart/$bulk-publish`);
    } finally {
      await server.close();
    }
  });

  it('makes the files again when a booking or the rules change, checking at most once a minute', async () => {
    const clinicId = await newClinic(db);
    const { server, clock } = await open(SETTINGS);
    try {
      const api = `/c/${clinicId}/api`;
      const before = await publication(server, api);
      const taken = (files: typeof before.files) =>
        slotsOf(files).filter(
          (slot) => slot.start === '2026-12-02T09:00:00.000-05:00' && slot.status === 'busy',
        );
      expect(taken(before.files)).toEqual([]);

      await book(server, clinicId, 'smart-1');
      // Within the minute the kept files are served as they were.
      const within = await publication(server, api);
      expect(within.manifestAnswer.headers.etag).toBe(before.manifestAnswer.headers.etag);

      clock.now = NOW + 61_000;
      const after = await publication(server, api);
      expect(after.manifest.transactionTime).toBe('2026-12-01T12:01:01.000Z');
      // The booked follow-up's hour is busy for every type Dr. Lee offers then.
      const comments = new Map(
        [...after.files.values()]
          .filter((file) => file.type === 'Schedule')
          .flatMap((file) => file.resources as unknown as FhirSchedule[])
          .map((schedule) => [`Schedule/${schedule.id}`, schedule.comment]),
      );
      // The booked follow-up's half hour is busy for every type Dr. Lee offers at 9:00.
      expect(
        taken(after.files).map((slot) => [comments.get(slot.schedule.reference ?? ''), slot.end]),
      ).toEqual([
        ['Follow-up visit with Dr. Ana Lee', '2026-12-02T09:30:00.000-05:00'],
        ['Video consultation with Dr. Ana Lee', '2026-12-02T09:20:00.000-05:00'],
        ['New patient visit with Dr. Ana Lee', '2026-12-02T10:00:00.000-05:00'],
        ['Annual physical with Dr. Ana Lee', '2026-12-02T09:30:00.000-05:00'],
      ]);
      expect(JSON.stringify([...after.files.values()])).not.toContain('Maria');

      // A minute later with nothing changed: checked, not made again.
      clock.now = NOW + 122_000;
      const unchanged = await inject(server, `${api}/smart/$bulk-publish`);
      expect(unchanged.json().transactionTime).toBe('2026-12-01T12:01:01.000Z');

      // A new rules version is published at the next check.
      const renamed = { ...rules, clinic: { ...rules.clinic, phone: '+1 555 0199' } };
      const text = JSON.stringify(renamed);
      await insertRulesVersion(db, clinicId, {
        document: text,
        etag: etagOf(text),
        warnings: [],
        savedBy: null,
        note: 'test',
        now: NOW,
      });
      clock.now = NOW + 183_000;
      const newer = await publication(server, api);
      expect(newer.manifest.transactionTime).toBe('2026-12-01T12:03:03.000Z');
      expect(JSON.stringify(slotsOf(newer.files))).toContain('+1 555 0199');

      // Five minutes on with nothing changed, the files are made again: time closes slots.
      clock.now = NOW + 183_000 + 300_000;
      const aged = await inject(server, `${api}/smart/$bulk-publish`);
      expect(aged.json().transactionTime).toBe('2026-12-01T12:08:03.000Z');
    } finally {
      await server.close();
    }
  });

  it('keeps each clinic’s publication to itself, and serves the default clinic’s under /api', async () => {
    const a = await newClinic(db);
    const b = await newClinic(db, null);
    const other = {
      ...rules,
      clinic: { name: 'Other Clinic', phone: '+1 555 0222' },
      providers: rules.providers.map((p: { name: string }) => ({ ...p, name: `${p.name} (Other)` })),
    };
    await seedDocument(db, b, other, NOW, 'test');
    await createClinic(db, 'default', 'Clinic', NOW);
    await seedDocument(db, 'default', rules, NOW, 'test');
    const { server } = await open(SETTINGS);
    try {
      // Clinic A's booking, with provider and type ids clinic B has too.
      await book(server, a, 'smart-isolation');
      const ofA = await publication(server, `/c/${a}/api`);
      const ofB = await publication(server, `/c/${b}/api`);
      const textA = JSON.stringify([...ofA.files.values()]);
      const textB = JSON.stringify([...ofB.files.values()]);
      expect(textA).not.toContain('(Other)');
      expect(textA).not.toContain('+1 555 0222');
      expect(textB).toContain('Dr. Ana Lee (Other)');
      for (const output of ofB.manifest.output)
        expect(output.url.startsWith(`${PUBLIC}/c/${b}/api/smart/`)).toBe(true);
      expect(JSON.stringify(slotsOf(ofB.files))).toContain(`https://clinic.example/${b}/book#`);
      expect(JSON.stringify(slotsOf(ofB.files))).not.toContain(`/${a}/book#`);
      const atNine = (files: typeof ofA.files) =>
        slotsOf(files)
          .filter((slot) => slot.start === '2026-12-02T09:00:00.000-05:00')
          .map((slot) => slot.status);
      expect(atNine(ofA.files)).toEqual(['busy', 'busy', 'busy', 'busy']);
      expect(atNine(ofB.files)).toEqual(['free', 'free', 'free', 'free']);

      const ofDefault = await publication(server, '/api');
      expect(ofDefault.manifest.request).toBe(`${PUBLIC}/api/smart/$bulk-publish`);
      const viaPath = await inject(server, '/c/default/api/smart/$bulk-publish');
      expect(viaPath.json().request).toBe(`${PUBLIC}/api/smart/$bulk-publish`);
    } finally {
      await server.close();
    }
  });

  it('is open to any origin even when EMBED_ORIGINS names only the clinic’s', async () => {
    const clinicId = await newClinic(db);
    const { server } = await open(SETTINGS, { now: NOW }, { embedOrigins: ['https://clinic.example'] });
    try {
      const answer = await inject(server, `/c/${clinicId}/api/smart/$bulk-publish`, {
        Origin: 'https://finder.example',
      });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBe('*');
      const rulesAnswer = await inject(server, `/c/${clinicId}/api/rules`, {
        Origin: 'https://finder.example',
      });
      expect(rulesAnswer.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('names what is not there: no rules, no such clinic, no such file, not configured', async () => {
    const empty = await newClinic(db, null);
    const clinicId = await newClinic(db);
    const { server } = await open(SETTINGS);
    try {
      const none = await inject(server, `/c/${empty}/api/smart/$bulk-publish`);
      expect(none.statusCode).toBe(503);
      expect(none.json()).toEqual({
        code: 'RULES_UNAVAILABLE',
        message: "The clinic's rules cannot be read right now; bookings are paused.",
      });
      expect(none.headers['cache-control']).toBe('no-store');
      const unknown = await inject(server, '/c/no-such-clinic/api/smart/$bulk-publish');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('NOT_FOUND');
      for (const file of ['bookings.ndjson', 'slots-1999-W01.ndjson', '..%2Frules']) {
        const answer = await inject(server, `/c/${clinicId}/api/smart/${file}`);
        expect(answer.statusCode, file).toBe(404);
        expect(answer.json().code, file).toBe('NOT_FOUND');
      }
    } finally {
      await server.close();
    }
    const { server: plain } = await open(undefined);
    try {
      const answer = await inject(plain, `/c/${clinicId}/api/smart/$bulk-publish`);
      expect(answer.statusCode).toBe(404);
      expect(answer.json()).toEqual({
        code: 'NOT_PUBLISHED',
        message: 'This server does not publish SMART Scheduling Links: PUBLIC_BASE_URL is not set.',
      });
    } finally {
      await plain.close();
    }
  });

  it('answers a stored document that does not validate with RULES_INVALID', async () => {
    const clinicId = await newClinic(db, null);
    await storeInvalidRules(db, clinicId, NOW);
    const { server } = await open(SETTINGS);
    try {
      const answer = await inject(server, `/c/${clinicId}/api/smart/$bulk-publish`);
      expect(answer.statusCode).toBe(503);
      expect(answer.headers['retry-after']).toBe('60');
      expect(answer.json()).toEqual({
        code: 'RULES_INVALID',
        message: "The clinic's rules have errors, so nothing is published until an administrator fixes them.",
      });
    } finally {
      await server.close();
    }
  });

  it('stops a publication past its deadline with PUBLISH_TIMEOUT, keeps the answer, and goes on serving', async () => {
    const clinicId = await newClinic(db);
    // A year of slots: far more than 1 ms of work even on a thread an earlier publication kept
    // warm, which publishes the 14 days of SETTINGS in less.
    const { server } = await open({ ...SETTINGS, days: 366, deadlineMs: 1 });
    try {
      const answer = await inject(server, `/c/${clinicId}/api/smart/$bulk-publish`);
      expect(answer.statusCode).toBe(503);
      expect(answer.json()).toEqual({
        code: 'PUBLISH_TIMEOUT',
        message: 'Publishing took longer than 1 ms; the worker was stopped.',
      });
      // The same answer for the rest of the minute: one thread per check, not one per request.
      const again = await inject(server, `/c/${clinicId}/api/smart/locations.ndjson`);
      expect(again.json().code).toBe('PUBLISH_TIMEOUT');
      const rulesAnswer = await inject(server, `/c/${clinicId}/api/rules`);
      expect(rulesAnswer.statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('the SMART settings', () => {
  it('reads PUBLIC_BASE_URL, SMART_BOOKING_URL, SMART_DAYS and SMART_DEADLINE_MS', () => {
    expect(readConfig({}).smart).toBeUndefined();
    expect(readConfig({ PUBLIC_BASE_URL: 'https://booking.clinic.example/' }).smart).toEqual({
      publicBaseUrl: 'https://booking.clinic.example',
      bookingUrl: 'https://booking.clinic.example/',
      days: 28,
      deadlineMs: 30_000,
    });
    expect(
      readConfig({
        PUBLIC_BASE_URL: 'https://clinic.example/scheduler',
        SMART_BOOKING_URL: 'https://clinic.example/{clinic}/book?from=smart',
        SMART_DAYS: '91',
        SMART_DEADLINE_MS: '45000',
      }).smart,
    ).toEqual({
      publicBaseUrl: 'https://clinic.example/scheduler',
      bookingUrl: 'https://clinic.example/{clinic}/book?from=smart',
      days: 91,
      deadlineMs: 45_000,
    });
    expect(() => readConfig({ PUBLIC_BASE_URL: 'clinic.example' })).toThrow(ConfigError);
    expect(() => readConfig({ PUBLIC_BASE_URL: 'https://clinic.example/?a=1' })).toThrow(
      'PUBLIC_BASE_URL must be an http(s) URL with no query or fragment, like https://booking.clinic.example; it is "https://clinic.example/?a=1".',
    );
    expect(() =>
      readConfig({
        PUBLIC_BASE_URL: 'https://clinic.example',
        SMART_BOOKING_URL: 'https://clinic.example/#book',
      }),
    ).toThrow(
      'SMART_BOOKING_URL must be an http(s) URL with no fragment (the deep links add one); it is "https://clinic.example/#book".',
    );
    expect(() => readConfig({ PUBLIC_BASE_URL: 'https://clinic.example', SMART_DAYS: '400' })).toThrow(
      'SMART_DAYS must be a whole number from 1 to 366; it is "400".',
    );
  });
});
