/**
 * DAY_CUT_BY_CAP: on a day the clocks go back, a provider's day is an hour longer in real time,
 * and the engine steps slots in real elapsed time, so a step that fits the daily cap
 * (`limits.maxSlotsPerDay`, default 288) on every ordinary day can overflow it that day: the day is
 * cut and its last times are never offered. Validation's MANY_SLOTS_PER_DAY counts wall minutes
 * and names the ordinary days; this lint finds the dated DST days it cannot see, so it skips the
 * types validation already flagged.
 */
import { formatDate } from './civil.ts';
import type { CompiledProvider } from './compile.ts';
import { hoursOn } from './day-hours.ts';
import { wallClockOf } from './lint-calendar.ts';
import type { DateScan } from './lint-dst.ts';
import type { AppointmentType, Diagnostic } from './types.ts';

const MS_PER_MINUTE = 60_000;

/** DAY_CUT_BY_CAP for every type not flagged by MANY_SLOTS_PER_DAY, over the scan's DST days. */
export function lintDaysCutByCap(scan: DateScan, warnings: readonly Diagnostic[]): Diagnostic[] {
  const cap = scan.compiled.maxSlotsPerDay;
  const diagnostics: Diagnostic[] = [];
  scan.doc.appointmentTypes.forEach((type, typeIndex) => {
    const typePath = `/appointmentTypes/${typeIndex}`;
    const flagged = warnings.some(
      (warning) => warning.code === 'MANY_SLOTS_PER_DAY' && warning.path.startsWith(`${typePath}/`),
    );
    if (flagged) return;
    const stepPath = `${typePath}/${type.stepMinutes === undefined ? 'durationMinutes' : 'stepMinutes'}`;
    for (const providerId of new Set(type.providerIds)) {
      const provider = scan.compiled.providers.get(providerId);
      if (!provider) continue;
      for (const day of scan.transitionDaysOf(provider)) {
        const cut = cutOnDay(scan, provider, day, type, cap);
        if (!cut) continue;
        const step = type.stepMinutes ?? type.durationMinutes;
        diagnostics.push({
          code: 'DAY_CUT_BY_CAP',
          path: stepPath,
          message: `"${type.name}" with ${provider.name} on ${formatDate(day)}: the clocks change in ${provider.clock.name} and the hours last longer in real time, so every ${step} minutes makes ${cut.count} slots, more than the daily cap of ${cap}; the day is cut at ${cut.cutAt} and later times are not offered.`,
        });
      }
    }
  });
  return diagnostics;
}

/** The slot count in real time on `day` and the wall time of the first slot past the cap, if cut. */
function cutOnDay(
  scan: DateScan,
  provider: CompiledProvider,
  day: number,
  type: AppointmentType,
  cap: number,
): { count: number; cutAt: string } | null {
  const duration = type.durationMinutes * MS_PER_MINUTE;
  const step = (type.stepMinutes ?? type.durationMinutes) * MS_PER_MINUTE;
  const spans = hoursOn(scan.compiled, provider, day).spans.map((span) => ({
    start: provider.clock.wallTime(day, span.start),
    end: provider.clock.wallTime(day, span.end),
  }));
  let count = 0;
  let cutAt: string | null = null;
  for (const span of spans) {
    const length = span.end - span.start;
    if (length < duration) continue;
    const inSpan = Math.floor((length - duration) / step) + 1;
    if (cutAt === null && count + inSpan > cap) {
      cutAt = wallClockOf(provider.clock, span.start + (cap - count) * step);
    }
    count += inSpan;
  }
  return cutAt === null ? null : { count, cutAt };
}
