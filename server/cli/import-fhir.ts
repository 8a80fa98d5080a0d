/**
 * `npm run import:fhir -- bundle.json --mapping mapping.json [--out rules.json] [--now ISO]`:
 * reads a FHIR export (Bundle or NDJSON) with a mapping, prints every located problem and the
 * counted skips to stderr, and writes the rules document (with its busy entries) to `--out` or
 * stdout. Nothing is saved to the clinic's server: review the document, then save it from the
 * admin page or the API. Exit 0: clean; 1: written, with problems to look at; 2: not written.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { importFhir } from '../../interop/import-fhir.ts';
import { IMPORT_LIMITS } from '../../interop/limits.ts';
import { inputTooLarge } from '../../interop/read-input.ts';
import { type CliIo, processIo } from './cli-io.ts';

const USAGE =
  'Usage: npm run import:fhir -- bundle.json --mapping mapping.json [--out rules.json] [--now 2026-11-23T12:00:00Z]\n';

export async function runImportFhir(argv: readonly string[], io: CliIo): Promise<number> {
  let values: { mapping?: string; out?: string; now?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: { mapping: { type: 'string' }, out: { type: 'string' }, now: { type: 'string' } },
      allowPositionals: true,
    }));
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (positionals.length !== 1 || !values.mapping) {
    io.stderr(USAGE);
    return 2;
  }
  const inputPath = positionals[0]!;
  let text: string;
  let mapping: unknown;
  try {
    // The size is checked before a byte is read: a 200 MB export is refused, not loaded.
    const { size } = await stat(inputPath);
    if (size > IMPORT_LIMITS.maxInputChars) {
      const refused = inputTooLarge(size);
      io.stderr(`${refused.error.code}: ${refused.error.message}\n`);
      return 2;
    }
    text = await readFile(inputPath, 'utf8');
    mapping = JSON.parse(await readFile(values.mapping, 'utf8'));
  } catch (error) {
    io.stderr(`READ_FAILED: ${(error as Error).message}\n`);
    return 2;
  }
  const result = importFhir(text, mapping, { now: values.now ?? io.now() });
  if (!result.ok) {
    io.stderr(`${result.error.code}: ${result.error.message}\n`);
    return 2;
  }
  const read = Object.entries(result.counts)
    .map(([type, count]) => `${count} ${type}`)
    .join(', ');
  io.stderr(`Read ${read || 'no resources'}.\n`);
  io.stderr(
    `Rules: ${result.rules.providers.length} providers, ${result.rules.appointmentTypes.length} appointment types, ${result.busy.length} busy entries.\n`,
  );
  for (const problem of result.problems) {
    io.stderr(
      `${problem.severity} ${problem.code} ${problem.resource} ${problem.field}: ${problem.message}\n`,
    );
  }
  for (const skip of result.skipped)
    io.stderr(`skipped ${skip.count} (${skip.reason}): ${skip.examples.join(', ')}\n`);
  for (const error of result.validation.errors)
    io.stderr(`rules error ${error.code} at ${error.path}: ${error.message}\n`);
  for (const warning of result.validation.warnings) {
    io.stderr(`rules warning ${warning.code} at ${warning.path}: ${warning.message}\n`);
  }
  const document = `${JSON.stringify({ ...result.rules, busy: result.busy }, null, 2)}\n`;
  const out = values.out;
  if (out) {
    await writeFile(out, document);
    io.stderr(`Wrote ${out}.\n`);
  } else io.stdout(document);
  const clean = result.validation.ok && !result.problems.some((problem) => problem.severity === 'error');
  return clean ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runImportFhir(process.argv.slice(2), processIo);
}
