/**
 * Warnings that need the whole document: settings under which an appointment type can never be
 * booked, or a day that will be cut. They are computed only for a document without errors, so
 * every value they read has its documented shape.
 */

import { formatClockMinutes } from './civil.ts';
import { QUERY_LIMITS, VALIDATION_LIMITS } from './limits.ts';
import type { DocumentFacts, MergedSpans, ProviderFacts, TypeFacts } from './validate-facts.ts';
import { pointer, type Report } from './validate-report.ts';
import { formatCount, WEEKDAY_NAMES, WEEKDAYS } from './validate-text.ts';

const MINUTES_PER_DAY = 1440;
/** Names of providers quoted in one message before "and N more". */
const NAMED_PROVIDERS = 3;

export function checkWarnings(report: Report, facts: DocumentFacts): void {
  const budget = { spans: VALIDATION_LIMITS.slotEstimateBudget };
  for (const type of facts.types) {
    checkNoticeWindow(report, type);
    const providers = type.providers
      .map((index) => facts.providers.get(index))
      .filter((p) => p !== undefined);
    if (!providers.some((provider) => provider.days.length > 0)) {
      warnWithoutHours(report, type, providers);
      continue;
    }
    if (type.hours !== undefined) checkTypeHoursWorked(report, type, type.hours, providers, budget);
    checkSlotsPerDay(
      report,
      type,
      providers,
      facts.maxSlotsPerDay ?? QUERY_LIMITS.defaultMaxSlotsPerDay,
      budget,
    );
  }
}

/**
 * A slot must start at least `minNoticeMinutes` after now and on a local date at most
 * `maxAdvanceDays` after today, so from now the window closes within `maxAdvanceDays + 1` days.
 * A notice at least that long leaves nothing to book.
 */
function checkNoticeWindow(report: Report, type: TypeFacts): void {
  const { minNoticeMinutes: notice, maxAdvanceDays: days } = type;
  if (notice === undefined || days === undefined) return;
  const windowMinutes = (days + 1) * MINUTES_PER_DAY;
  if (notice < windowMinutes) return;
  report.warn(
    'NOTICE_EXCEEDS_WINDOW',
    pointer(type.path, 'minNoticeMinutes'),
    `${type.label} needs ${formatCount(notice)} minutes of notice but can be booked at most ${formatCount(days)} ${days === 1 ? 'day' : 'days'} ahead, so it can never be booked.`,
  );
}

function warnWithoutHours(report: Report, type: TypeFacts, providers: ProviderFacts[]): void {
  const path = pointer(type.path, 'providerIds');
  if (providers.length === 0) {
    report.warn('TYPE_WITHOUT_HOURS', path, `${type.label} lists no providers, so it never has slots.`);
    return;
  }
  const names = providers.slice(0, NAMED_PROVIDERS).map((provider) => provider.label);
  const more = providers.length - names.length;
  const listed = more > 0 ? `${names.join(', ')} and ${formatCount(more)} more` : names.join(', ');
  report.warn(
    'TYPE_WITHOUT_HOURS',
    path,
    `${type.label}: none of its providers (${listed}) has weekly or override hours, so it never has slots.`,
  );
}

/**
 * Warns about each weekday of a type's own hours that none of its providers works at all in
 * their weekly hours: the type is offered then only in name. Spends the shared `budget`.
 */
function checkTypeHoursWorked(
  report: Report,
  type: TypeFacts,
  hours: NonNullable<TypeFacts['hours']>,
  providers: ProviderFacts[],
  budget: { spans: number },
): void {
  for (const day of WEEKDAYS) {
    const offered = hours[day];
    if (offered === undefined) continue;
    let worked = false;
    for (const provider of providers) {
      const spans = provider.weekly[day] ?? [];
      budget.spans -= spans.length + offered.length;
      if (budget.spans < 0) return;
      if (intersection(spans, offered).length > 0) {
        worked = true;
        break;
      }
    }
    if (worked) continue;
    const shown = offered.map(([start, end]) => `${formatClockMinutes(start)}–${formatClockMinutes(end)}`);
    report.warn(
      'TYPE_HOURS_UNWORKED',
      pointer(pointer(type.path, 'hours'), day),
      `${type.label} is offered on ${WEEKDAY_NAMES[day]} (${shown.join(', ')}), but none of its providers works then in their weekly hours, so it has no slots then.`,
    );
  }
}

/** Slots a merged day gives at this duration and step, counted in wall minutes. */
function slotsInDay(spans: MergedSpans, duration: number, step: number): number {
  let count = 0;
  for (const [start, end] of spans) {
    if (end - start >= duration) count += Math.floor((end - start - duration) / step) + 1;
  }
  return count;
}

/** The minutes both sorted, disjoint lists of spans cover. */
function intersection(a: MergedSpans, b: MergedSpans): MergedSpans {
  const out: Array<readonly [number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [aStart, aEnd] = a[i]!;
    const [bStart, bEnd] = b[j]!;
    const start = Math.max(aStart, bStart);
    const end = Math.min(aEnd, bEnd);
    if (start < end) out.push([start, end]);
    if (aEnd <= bEnd) i++;
    else j++;
  }
  return out;
}

/**
 * Warns when one of the type's providers has a day with more slots than the per-day limit; the
 * engine cuts such a day. A type with hours of its own counts only where they meet the
 * provider's, as the engine offers it. Spends at most the shared `budget` of span evaluations.
 */
function checkSlotsPerDay(
  report: Report,
  type: TypeFacts,
  providers: ProviderFacts[],
  limit: number,
  budget: { spans: number },
): void {
  const duration = type.durationMinutes;
  if (duration === undefined) return;
  const step = type.stepMinutes ?? duration;
  let worst: { count: number; provider: ProviderFacts; day: string } | undefined;
  for (const provider of providers) {
    for (const day of provider.days) {
      const offered = type.hours === undefined ? undefined : (type.hours[day.weekday] ?? []);
      budget.spans -= day.spans.length + (offered?.length ?? 0);
      if (budget.spans < 0) return;
      const spans = offered === undefined ? day.spans : intersection(day.spans, offered);
      const count = slotsInDay(spans, duration, step);
      if (count > limit && (worst === undefined || count > worst.count))
        worst = { count, provider, day: day.label };
    }
  }
  if (worst === undefined) return;
  const field = type.stepMinutes === undefined ? 'durationMinutes' : 'stepMinutes';
  report.warn(
    'MANY_SLOTS_PER_DAY',
    pointer(type.path, field),
    `${type.label} steps every ${formatCount(step)} ${step === 1 ? 'minute' : 'minutes'}, which gives ${formatCount(worst.count)} slots in ${worst.provider.label}'s ${worst.day}, more than the limit of ${formatCount(limit)} a day: that day will be cut after ${formatCount(limit)} slots.`,
  );
}
