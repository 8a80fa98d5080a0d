/**
 * `npm run bench`: the slot engine against a per-slot luxon implementation of the same rules, on
 * the large clinic of bench/large-clinic.ts. Prints medians after warm-up runs; both sides must
 * return identical slots or the run fails. Results are recorded in docs/benchmarks.md.
 */

import { cpus, loadavg } from 'node:os';
import { generateSlots, validateRules } from '../src/engine/index.ts';
import type { RulesDocument, Slot, SlotQuery } from '../src/engine/types.ts';
import { BENCH_FROM, BENCH_NOW, BENCH_TO, largeClinic } from './large-clinic.ts';
import { baselineSlots } from './luxon-baseline.ts';

/** The figures go to stdout (the linter keeps console.log out of the codebase). */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

interface Measure {
  medianMs: number;
  runs: number;
}

/** Median wall time of `runs` calls after `warmups` untimed ones. */
function measure(run: () => unknown, warmups: number, runs: number): Measure {
  for (let index = 0; index < warmups; index++) run();
  const times: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, runs };
}

function engineSlots(rules: unknown, query: SlotQuery): Slot[] {
  const result = generateSlots(rules, query);
  if (!result.ok) throw new Error(`engine refused the query: ${JSON.stringify(result.errors)}`);
  if (result.truncated) throw new Error('the benchmark query was truncated; it must not be');
  return result.slots;
}

function sameSlots(a: Slot[], b: Slot[]): boolean {
  return a.length === b.length && a.every((slot, index) => JSON.stringify(slot) === JSON.stringify(b[index]));
}

const format = (value: number, digits = 1) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits });
const perSecond = (slots: number, ms: number) => format((slots / ms) * 1000, 0);

function compare(label: string, rules: RulesDocument, query: SlotQuery, baselineRuns: number): void {
  process.stderr.write(`measuring: ${label} (the baseline takes a while)\n`);
  const expected = engineSlots(rules, query);
  const baseline = baselineSlots(rules, query);
  if (!sameSlots(expected, baseline)) throw new Error(`${label}: the engine and the baseline disagree`);
  const slots = expected.length;
  // Warm: the document object was queried before, so validation and compilation are cached.
  const warm = measure(() => engineSlots(rules, query), 3, 15);
  // Cold: a fresh copy each run (copied outside the timing), so validation and compilation count.
  const copies = Array.from({ length: 8 }, () => structuredClone(rules));
  let next = 0;
  const cold = measure(() => engineSlots(copies[next++]!, query), 1, 7);
  // The agreement check above already ran the baseline once: it was its warm-up.
  const luxon = measure(() => baselineSlots(rules, query), 0, baselineRuns);
  print(`\n${label}: ${format(slots, 0)} slots`);
  print(
    `  engine, warm (document cached)      ${format(warm.medianMs).padStart(9)} ms  ${perSecond(slots, warm.medianMs).padStart(12)} slots/s`,
  );
  print(
    `  engine, cold (validate + compile)   ${format(cold.medianMs).padStart(9)} ms  ${perSecond(slots, cold.medianMs).padStart(12)} slots/s`,
  );
  print(
    `  luxon per-slot baseline (${baselineRuns} runs)    ${format(luxon.medianMs).padStart(9)} ms  ${perSecond(slots, luxon.medianMs).padStart(12)} slots/s`,
  );
  print(
    `  ratio baseline / engine: warm ${format(luxon.medianMs / warm.medianMs)}x, cold ${format(luxon.medianMs / cold.medianMs)}x`,
  );
}

const rules = largeClinic();
const validation = validateRules(rules);
if (!validation.ok)
  throw new Error(`the benchmark clinic is invalid: ${JSON.stringify(validation.errors.slice(0, 3))}`);

print('Slot engine benchmark (medians of timed runs after warm-up: engine 15 warm and 7 cold runs)');
print(`node ${process.version}, ${cpus().length} CPU(s): ${cpus()[0]?.model ?? 'unknown'}`);
// Other work on the machine slows every figure below: the load average says how busy it was.
print(
  `load average at start: ${loadavg()
    .map((load) => load.toFixed(2))
    .join(', ')}`,
);
print(
  `clinic: ${rules.providers.length} providers, ${rules.appointmentTypes.length} appointment types, ` +
    `${rules.busy!.length.toLocaleString('en-US')} busy entries, two spans a day, 15-minute steps`,
);

compare(
  `Year: ${BENCH_FROM} to ${BENCH_TO} (366 days), every provider, type "follow-up" (15 min)`,
  rules,
  { appointmentTypeId: 'follow-up', from: BENCH_FROM, to: BENCH_TO, now: BENCH_NOW, maxSlots: 200_000 },
  3,
);
compare(
  'Month: 2027-01-01 to 2027-01-31, every provider, type "new-patient" (45 min, 15-min step, buffer, cap)',
  rules,
  { appointmentTypeId: 'new-patient', from: '2027-01-01', to: '2027-01-31', now: BENCH_NOW },
  5,
);
