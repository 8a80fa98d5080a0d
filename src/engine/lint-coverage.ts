/**
 * Lints for rules that are valid but do nothing or can never be used: a provider in no type, an
 * override dated in the past, a closure on a day nobody works anyway. (A type with no provider is
 * validation's TYPE_WITHOUT_HOURS.)
 */
import { formatDate, parseDate, weekdayOf } from './civil.ts';
import { hasHoursOn } from './lint-calendar.ts';
import type { Diagnostic, RulesDocument } from './types.ts';
import { WEEKDAY_NAMES } from './validate-text.ts';

/** PROVIDER_WITHOUT_TYPES: a provider no appointment type lists can never be booked. */
export function lintProvidersWithoutTypes(doc: RulesDocument): Diagnostic[] {
  const offered = new Set(doc.appointmentTypes.flatMap((type) => type.providerIds));
  const diagnostics: Diagnostic[] = [];
  doc.providers.forEach((provider, index) => {
    if (offered.has(provider.id)) return;
    diagnostics.push({
      code: 'PROVIDER_WITHOUT_TYPES',
      path: `/providers/${index}`,
      message: `${provider.name} is not in any appointment type's providers: patients can never book them.`,
    });
  });
  return diagnostics;
}

/** OVERRIDE_IN_PAST: an override dated before today (in the provider's zone) changes nothing. */
export function lintOverridesInPast(
  doc: RulesDocument,
  todayByProvider: ReadonlyMap<string, number>,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  doc.providers.forEach((provider, providerIndex) => {
    const today = todayByProvider.get(provider.id) ?? 0;
    (provider.overrides ?? []).forEach((override, index) => {
      if ((parseDate(override.date) ?? today) >= today) return;
      diagnostics.push({
        code: 'OVERRIDE_IN_PAST',
        path: `/providers/${providerIndex}/overrides/${index}/date`,
        message: `${provider.name}'s hours for ${override.date} are in the past (today is ${formatDate(today)}): they change nothing and can be removed.`,
      });
    });
  });
  return diagnostics;
}

/**
 * CLOSURE_ON_CLOSED_DAY: a closure on a date when no provider has hours (weekly or override) does
 * nothing; usually the admin meant another date.
 */
export function lintClosuresOnClosedDays(doc: RulesDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  (doc.closures ?? []).forEach((closure, index) => {
    const weekday = weekdayOf(parseDate(closure.date) ?? 0);
    if (doc.providers.some((provider) => hasHoursOn(provider, closure.date, weekday))) return;
    const label = closure.name ? `"${closure.name}" ` : '';
    diagnostics.push({
      code: 'CLOSURE_ON_CLOSED_DAY',
      path: `/closures/${index}/date`,
      message: `The closure ${label}on ${closure.date} (a ${WEEKDAY_NAMES[weekday]}) falls on a day when no provider has hours anyway: it changes nothing.`,
    });
  });
  return diagnostics;
}
