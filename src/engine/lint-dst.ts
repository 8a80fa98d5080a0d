/**
 * Lints for hours whose start or end falls in a DST gap (the wall time does not exist that day) or
 * a DST overlap (it happens twice) within the horizon. The engine resolves both (`compatible`), but
 * the admin should know that on that date the span starts or ends at another time than written.
 */
import { formatDate, parseClockMinutes } from './civil.ts';
import type { CompiledProvider, CompiledRules } from './compile.ts';
import { classifyWallTime, dayHoursAt, wallClockOf } from './lint-calendar.ts';
import type { Diagnostic, RulesDocument } from './types.ts';
import { WEEKDAY_NAMES } from './validate-text.ts';
import type { ZoneClock } from './wall-time.ts';

/** What the date-scanning lints share. */
export interface DateScan {
  doc: RulesDocument;
  compiled: CompiledRules;
  closures: ReadonlySet<string>;
  /** The epoch days within the horizon on which the provider's zone changes its offset (or the day before). */
  transitionDaysOf(provider: CompiledProvider): readonly number[];
}

/** HOURS_IN_DST_GAP and HOURS_IN_DST_OVERLAP for every provider over the horizon. */
export function lintDstHours(scan: DateScan): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const compiled of scan.compiled.providers.values()) {
    const provider = scan.doc.providers[compiled.index];
    if (!provider) continue;
    for (const day of scan.transitionDaysOf(compiled)) {
      const hours = dayHoursAt(provider, compiled.index, day, scan.closures);
      const whose =
        hours.source === 'override' ? `hours on ${formatDate(day)}` : `${WEEKDAY_NAMES[hours.weekday]} hours`;
      for (const { span, path } of hours.spans) {
        for (const edge of ['start', 'end'] as const) {
          const found = lintEdge(compiled.clock, day, span[edge], edge);
          if (found) {
            diagnostics.push({
              code: found.code,
              path: `${path}/${edge}`,
              message: `${provider.name}'s ${whose} ${edge} at ${span[edge]}, ${found.tail}`,
            });
          }
        }
      }
    }
  }
  return diagnostics;
}

function lintEdge(
  clock: ZoneClock,
  day: number,
  written: string,
  edge: 'start' | 'end',
): { code: string; tail: string } | null {
  const wall = classifyWallTime(clock, day, parseClockMinutes(written));
  const date = formatDate(day);
  if (wall.kind === 'gap') {
    const actualDay = formatDate(clock.localDay(wall.instant));
    const when = actualDay === date ? 'that day' : `on ${actualDay}`;
    return {
      code: 'HOURS_IN_DST_GAP',
      tail: `which does not exist on ${date} in ${clock.name} (clocks go forward): the span ${edge}s at ${wallClockOf(clock, wall.instant)} ${when}.`,
    };
  }
  if (wall.kind === 'overlap') {
    return {
      code: 'HOURS_IN_DST_OVERLAP',
      tail: `which happens twice on ${date} in ${clock.name} (clocks go back): the span ${edge}s at the first ${written} that day.`,
    };
  }
  return null;
}
