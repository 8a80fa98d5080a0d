import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkManifest, checkResource, ndjsonLines } from '../../test/support/fhir-schema.ts';
import { runImportFhir } from './import-fhir.ts';
import { runPublishSmart } from './publish-smart.ts';
import { BUNDLE, captured, MAPPING, NOW, outputFolder } from './test-fixtures.ts';

const folder = outputFolder('interop-cli-');

describe('import:fhir', () => {
  it('writes the rules with their busy entries and lists every problem and skip', async () => {
    const io = captured();
    expect(await runImportFhir([BUNDLE, '--mapping', MAPPING], io)).toBe(0);
    const document = JSON.parse(io.out);
    expect(document.providers.map((provider: { id: string }) => provider.id)).toEqual([
      'dr-adam',
      'dr-kim',
      'dr-empty',
    ]);
    expect(document.busy).toHaveLength(3);
    expect(io.err).toContain(
      'warning NO_HOURS PractitionerRole/pr-empty availableTime: PractitionerRole/pr-empty has no availableTime (looked in: role); its provider has no weekly hours.\n',
    );
    expect(io.err).toContain('skipped 2 (not-busy-status): Slot/slot-error, Appointment/appt-cancelled\n');
  });

  it('exits 1 when a problem left something out, still writing the document to review', async () => {
    const ndjson = folder.in('broken.ndjson');
    await writeFile(
      ndjson,
      '{"resourceType":"PractitionerRole","id":"r1","practitioner":{"display":"Dr One"}}\n{"broken\n',
    );
    const io = captured();
    expect(await runImportFhir([ndjson, '--mapping', MAPPING, '--out', folder.in('r.json')], io)).toBe(1);
    expect(io.err).toContain('error INVALID_NDJSON_LINE line 2 :');
    expect(JSON.parse(await readFile(folder.in('r.json'), 'utf8')).version).toBe(1);
  });

  it('refuses a 200 MB export by its size, without reading it', async () => {
    const huge = folder.in('huge.json');
    await writeFile(huge, '');
    await truncate(huge, 200 * 1024 * 1024);
    const io = captured();
    expect(await runImportFhir([huge, '--mapping', MAPPING], io)).toBe(2);
    expect(io.err).toBe(
      'INPUT_TOO_LARGE: The input is 200.0 MiB; at most 50.0 MiB is read. Export fewer resources (one provider group, or a shorter period) and import them one by one.\n',
    );
  });

  it('says how to call it when the mapping is missing, and refuses an unknown option by name', async () => {
    const io = captured();
    expect(await runImportFhir([BUNDLE], io)).toBe(2);
    expect(io.err).toMatch(/^Usage: npm run import:fhir -- bundle.json --mapping mapping.json/);
    const unknown = captured();
    expect(await runImportFhir([BUNDLE, '--mapping', MAPPING, '--zone', 'UTC'], unknown)).toBe(2);
    expect(unknown.err).toMatch(/^Unknown option '--zone'/);
  });
});

describe('publish:smart', () => {
  it('writes the manifest and NDJSON files of valid FHIR R4 resources into the folder', async () => {
    const rules = folder.in('rules.json');
    await runImportFhir([BUNDLE, '--mapping', MAPPING, '--out', rules], captured());
    const out = folder.in('published');
    const io = captured();
    const code = await runPublishSmart(
      ['--rules', rules, '--out', out, '--base-url', 'https://clinic.example', '--now', NOW, '--days', '14'],
      io,
    );
    expect(code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      '$bulk-publish',
      'locations.ndjson',
      'schedules.ndjson',
      'slots-2026-W48.ndjson',
      'slots-2026-W49.ndjson',
    ]);
    expect(checkManifest(JSON.parse(await readFile(join(out, '$bulk-publish'), 'utf8')))).toBe(true);
    for (const name of await readdir(out)) {
      if (!name.endsWith('.ndjson')) continue;
      for (const resource of ndjsonLines(await readFile(join(out, name), 'utf8')))
        expect(checkResource(resource)).toBe(true);
    }
    expect(io.out).toBe(
      'Wrote 5 files to ' +
        `${out}: 1 locations, 2 schedules, 208 free and 2 busy slots.\n` +
        'Serve them with "Cache-Control: max-age=300"; the manifest as application/json, the NDJSON files as application/fhir+ndjson.\n',
    );
  });

  it('removes slot files of earlier runs that the manifest no longer lists', async () => {
    const out = folder.in('published');
    await writeFile(join(out, 'slots-2020-W01.ndjson'), '');
    const rules = folder.in('rules.json');
    await runPublishSmart(
      ['--rules', rules, '--out', out, '--base-url', 'https://clinic.example', '--now', NOW, '--days', '7'],
      captured(),
    );
    expect((await readdir(out)).filter((name) => name.startsWith('slots-'))).toEqual([
      'slots-2026-W48.ndjson',
    ]);
  });

  it('names the error and writes nothing for rules the engine refuses', async () => {
    const bad = folder.in('bad.json');
    await writeFile(
      bad,
      JSON.stringify({ version: 1, timezone: 'Nowhere', providers: [], appointmentTypes: [] }),
    );
    const io = captured();
    const out = folder.in('never');
    expect(
      await runPublishSmart(['--rules', bad, '--out', out, '--base-url', 'https://clinic.example'], io),
    ).toBe(2);
    expect(io.err).toMatch(/^INVALID_RULES: The rules have 1 error\(s\)/);
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
  });
});
