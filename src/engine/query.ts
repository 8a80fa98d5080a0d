/**
 * Reading a slot query against compiled rules: every problem becomes a diagnostic whose path is a
 * JSON Pointer into the query (`/from`, `/providerId`), never an exception.
 */

import { formatDate, parseDate } from './civil.ts';
import type { CompiledProvider, CompiledRules, CompiledType } from './compile.ts';
import { readInstant } from './instant.ts';
import { QUERY_LIMITS } from './limits.ts';
import { shorten } from './text.ts';
import type { Diagnostic } from './types.ts';

/** A query made concrete: the type, the providers to search, the dates and the caps. */
export interface QueryPlan {
  type: CompiledType;
  providers: CompiledProvider[];
  /** Inclusive epoch days, read in each provider's own zone. */
  fromDay: number;
  toDay: number;
  nowMs: number;
  maxSlots: number;
}

export type QueryReading = { ok: true; plan: QueryPlan } | { ok: false; errors: Diagnostic[] };

/** Checks a query and resolves its type and providers (`providerId` absent or null: all of them). */
export function readQuery(rules: CompiledRules, query: unknown): QueryReading {
  if (typeof query !== 'object' || query === null || Array.isArray(query)) {
    return {
      ok: false,
      errors: [invalidQuery('', 'The query must be an object with appointmentTypeId, from, to and now.')],
    };
  }
  const fields = query as Record<string, unknown>;
  const errors: Diagnostic[] = [];
  const type = readType(rules, fields.appointmentTypeId, errors);
  const providers = type ? readProviders(rules, type, fields.providerId, errors) : [];
  const range = readRange(fields.from, fields.to, errors);
  const nowMs = readInstant(fields.now);
  if (nowMs === null) {
    errors.push({
      code: 'INVALID_NOW',
      path: '/now',
      message: 'The query\'s "now" must be epoch milliseconds or an ISO 8601 instant with an offset or Z.',
    });
  }
  const maxSlots = readMaxSlots(fields.maxSlots, errors);
  if (errors.length > 0 || !type || !range || nowMs === null || maxSlots === null)
    return { ok: false, errors };
  return { ok: true, plan: { type, providers, fromDay: range.fromDay, toDay: range.toDay, nowMs, maxSlots } };
}

function invalidQuery(path: string, message: string): Diagnostic {
  return { code: 'INVALID_QUERY', path, message };
}

function readType(rules: CompiledRules, id: unknown, errors: Diagnostic[]): CompiledType | null {
  if (typeof id !== 'string') {
    errors.push(
      invalidQuery('/appointmentTypeId', 'The query must name an appointment type by its id (a string).'),
    );
    return null;
  }
  const type = rules.types.get(id);
  if (!type) {
    errors.push({
      code: 'UNKNOWN_APPOINTMENT_TYPE',
      path: '/appointmentTypeId',
      message: `There is no appointment type with the id "${shorten(id)}" in these rules.`,
    });
    return null;
  }
  return type;
}

function readProviders(
  rules: CompiledRules,
  type: CompiledType,
  id: unknown,
  errors: Diagnostic[],
): CompiledProvider[] {
  if (id === undefined || id === null) {
    return type.providerIds.map((providerId) => rules.providers.get(providerId)!);
  }
  if (typeof id !== 'string') {
    errors.push(
      invalidQuery(
        '/providerId',
        "The query's providerId must be a provider id (a string), or absent for any provider.",
      ),
    );
    return [];
  }
  const provider = rules.providers.get(id);
  if (!provider) {
    errors.push({
      code: 'UNKNOWN_PROVIDER',
      path: '/providerId',
      message: `There is no provider with the id "${shorten(id)}" in these rules.`,
    });
    return [];
  }
  if (!type.providerIds.includes(id)) {
    errors.push({
      code: 'PROVIDER_NOT_OFFERING',
      path: '/providerId',
      message: `${provider.name} does not offer the appointment type "${type.name}".`,
    });
    return [];
  }
  return [provider];
}

function readRange(
  from: unknown,
  to: unknown,
  errors: Diagnostic[],
): { fromDay: number; toDay: number } | null {
  const fromDay = parseDate(from);
  const toDay = parseDate(to);
  if (fromDay === null) errors.push(badDate('/from', 'start', from));
  if (toDay === null) errors.push(badDate('/to', 'end', to));
  if (fromDay === null || toDay === null) return null;
  if (toDay < fromDay) {
    errors.push({
      code: 'INVALID_DATE_RANGE',
      path: '/to',
      message: `The end date ${formatDate(toDay)} is before the start date ${formatDate(fromDay)}.`,
    });
    return null;
  }
  const days = toDay - fromDay + 1;
  if (days > QUERY_LIMITS.maxRangeDays) {
    errors.push({
      code: 'RANGE_TOO_LARGE',
      path: '/to',
      message: `The dates ${formatDate(fromDay)} to ${formatDate(toDay)} cover ${days} days; a query may cover at most ${QUERY_LIMITS.maxRangeDays}.`,
    });
    return null;
  }
  return { fromDay, toDay };
}

function badDate(path: string, which: string, value: unknown): Diagnostic {
  const shown = typeof value === 'string' ? `"${shorten(value)}"` : 'missing or not a string';
  return {
    code: 'INVALID_DATE_RANGE',
    path,
    message: `The query's ${which} date (${shown}) is not a calendar date written YYYY-MM-DD.`,
  };
}

function readMaxSlots(value: unknown, errors: Diagnostic[]): number | null {
  if (value === undefined) return QUERY_LIMITS.defaultMaxSlots;
  const ceiling = QUERY_LIMITS.maxSlotsCeiling;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= ceiling) return value;
  errors.push(invalidQuery('/maxSlots', `The query's maxSlots must be a whole number from 1 to ${ceiling}.`));
  return null;
}
